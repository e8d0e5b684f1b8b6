// Security headers on every page and API response (contract.md): a CSP the wall passes with no
// violations — everything from our own origin, no external fonts, tiles or CDNs.
import helmet from 'helmet';

export function securityHeaders() {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        'default-src': ["'self'"],
        'script-src': ["'self'"],
        // ECharts and Svelte transitions set inline styles.
        'style-src': ["'self'", "'unsafe-inline'"],
        'img-src': ["'self'", 'data:', 'blob:'],
        'font-src': ["'self'", 'data:'],
        // 'self' covers the socket's ws:// and wss:// to this origin (CSP Level 3); nothing else may be reached.
        'connect-src': ["'self'"],
        'media-src': ["'self'", 'data:'],
        'object-src': ["'none'"],
        'base-uri': ["'self'"],
        'frame-ancestors': ["'self'"],
        'form-action': ["'self'"],
      },
    },
    // The wall is served over plain HTTP on a closed network; HSTS would lock kiosks out.
    strictTransportSecurity: false,
  });
}
