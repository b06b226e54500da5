import { LANGUAGE_SEGMENT } from '../../config/locales.ts';

const SEARCH = new RegExp(`^/${LANGUAGE_SEGMENT}/search/?(\\?.*)?$`);

/**
 * Headers sent with every response, static or rendered on demand. The policy
 * allows nothing inline and nothing from another site: our pages need neither.
 * (Node 24 loads this file directly, so it uses only erasable TypeScript.)
 */
export function securityHeaders(production: boolean, path = ''): Record<string, string> {
  const csp = [
    "default-src 'self'",
    // The search page runs Pagefind's WebAssembly; no other page may compile code.
    isSearchPath(path) ? "script-src 'self' 'wasm-unsafe-eval'" : "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "object-src 'none'",
    ...(production ? ['upgrade-insecure-requests'] : []),
  ].join('; ');
  const headers: Record<string, string> = {
    'Content-Security-Policy': csp,
    'X-Content-Type-Options': 'nosniff',
    // Nothing is sent to other sites. Our own forms need their origin: with
    // no-referrer, browsers send "Origin: null" and Astro's checkOrigin refuses them.
    'Referrer-Policy': 'same-origin',
    'X-Frame-Options': 'DENY',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Permissions-Policy':
      'accelerometer=(), autoplay=(), camera=(), display-capture=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), midi=(), payment=(), publickey-credentials-get=(), usb=(), browsing-topics=()',
  };
  if (production) headers['Strict-Transport-Security'] = 'max-age=31536000; includeSubDomains';
  return headers;
}

/**
 * /{lang}/search/, the one page that runs Pagefind, and Pagefind's worker
 * script (a worker follows its own script's policy, not the page's).
 */
export function isSearchPath(path: string): boolean {
  return SEARCH.test(path) || path === '/pagefind/pagefind-worker.js';
}
