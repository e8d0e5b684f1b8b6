// A short two-tone chime synthesised with Web Audio: no sound file to fetch, works offline.
// Browsers only play audio after a user gesture unless started with
// --autoplay-policy=no-user-gesture-required (the kiosk flag, see README).
export function createChime(): () => void {
  let context: AudioContext | undefined;
  return () => {
    context ??= new AudioContext();
    const start = context.currentTime;
    for (const [offset, frequency] of [
      [0, 880],
      [0.22, 660],
    ] as const) {
      const oscillator = context.createOscillator();
      const gain = context.createGain();
      oscillator.frequency.value = frequency;
      gain.gain.setValueAtTime(0.0001, start + offset);
      gain.gain.exponentialRampToValueAtTime(0.3, start + offset + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, start + offset + 0.2);
      oscillator.connect(gain).connect(context.destination);
      oscillator.start(start + offset);
      oscillator.stop(start + offset + 0.22);
    }
  };
}
