import { describe, it, expect } from 'vitest';
import { securityHeaders } from '~/server/http/security-headers';

describe('security headers', () => {
  it('allows no inline script and no framing', () => {
    const csp = securityHeaders(false)['Content-Security-Policy'];
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).toContain("frame-ancestors 'none'");
  });
  it('sends nosniff, no referrer and a restrictive permissions policy', () => {
    const h = securityHeaders(false);
    expect(h['X-Content-Type-Options']).toBe('nosniff');
    expect(h['Referrer-Policy']).toBe('same-origin');
    expect(h['Permissions-Policy']).toMatch(/camera=\(\).*geolocation=\(\).*microphone=\(\)/);
  });
  it('lets only the search page run WebAssembly (Pagefind), and still no eval or inline script there', () => {
    expect(securityHeaders(false, '/pagefind/pagefind-worker.js')['Content-Security-Policy']).toContain(
      "'wasm-unsafe-eval'",
    );
    const search = securityHeaders(false, '/ar/search/')['Content-Security-Policy'];
    expect(search).toContain("script-src 'self' 'wasm-unsafe-eval'");
    expect(search).not.toMatch(/'unsafe-eval'|'unsafe-inline'/);
    for (const path of [
      '/en/',
      '/en/how-to-complain/',
      '/en/account/',
      '/staff/',
      '/en/search-help/',
      '/pagefind/pagefind.js',
    ]) {
      expect(securityHeaders(false, path)['Content-Security-Policy'], path).not.toContain('wasm');
    }
  });
  it('adds HSTS in production only', () => {
    expect(securityHeaders(false)['Strict-Transport-Security']).toBeUndefined();
    expect(securityHeaders(true)['Strict-Transport-Security']).toMatch(/max-age=\d{8}/);
  });
});
