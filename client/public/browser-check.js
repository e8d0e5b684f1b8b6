// Runs before the page's own module, as a classic script in the oldest syntax, so that it runs
// on any browser: the pages are built for Chromium 87 and Firefox ESR 115 or newer
// (vite.config.ts, build.target). A kiosk whose browser lacks what they need shows this plain
// message instead of a blank or frozen screen. Kept in plain JavaScript because it must run
// where the built pages cannot.
(function () {
  var needs = [
    ['ES modules', 'noModule' in document.createElement('script')],
    ['WebSocket', typeof WebSocket === 'function'],
    ['fetch', typeof fetch === 'function'],
    ['Proxy', typeof Proxy === 'function'],
    ['ResizeObserver', typeof ResizeObserver === 'function'],
    ['Object.fromEntries', typeof Object.fromEntries === 'function'],
    ['Promise.allSettled', typeof Promise !== 'undefined' && typeof Promise.allSettled === 'function'],
    ['String.prototype.replaceAll', typeof String.prototype.replaceAll === 'function'],
    ['Intl time zones', timeZones()],
    ['CSS grid', typeof CSS !== 'undefined' && CSS.supports('display', 'grid')],
  ];
  var missing = [];
  for (var i = 0; i < needs.length; i++) if (!needs[i][1]) missing.push(needs[i][0]);
  if (missing.length === 0) return;
  window.fraudwallUnsupported = missing;
  document.addEventListener('DOMContentLoaded', function () {
    var box = document.createElement('div');
    box.setAttribute('data-testid', 'browser-unsupported');
    box.style.cssText = 'position:fixed;top:0;left:0;right:0;bottom:0;padding:10vh 8vw;background:#030c1a;color:#fff;font:32px/1.6 sans-serif;z-index:9999';
    box.textContent =
      '此浏览器版本过低，无法显示反诈作战墙。请使用 Chromium / Chrome / Edge 87 或 Firefox 115 及以上版本。缺少：' + missing.join('、');
    document.body.appendChild(box);
  });

  function timeZones() {
    try {
      return new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai' }).resolvedOptions().timeZone === 'Asia/Shanghai';
    } catch (e) {
      return false;
    }
  }
})();
