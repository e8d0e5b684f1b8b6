// The desk pages (console, admin) are laid out in CSS pixels for a 1920-wide screen; on a 4K
// screen at 100 % they would be a quarter the size, unreadable from a desk's distance. They are
// zoomed with the screen's width instead (never below 1), and follow it when it changes.
const DESIGN_WIDTH = 1920;

export function zoomWithScreen(root: HTMLElement = document.documentElement): void {
  const fit = () => {
    root.style.setProperty('zoom', String(Math.max(1, Math.floor((innerWidth / DESIGN_WIDTH) * 100) / 100)));
  };
  fit();
  // For the page's whole life: the page is the desk.
  addEventListener('resize', fit);
}
