import { describe, it, expect } from 'vitest';
import { securityHeaders } from '../../src/server/http/security-headers';

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
  it('adds HSTS in production only', () => {
    expect(securityHeaders(false)['Strict-Transport-Security']).toBeUndefined();
    expect(securityHeaders(true)['Strict-Transport-Security']).toMatch(/max-age=\d{8}/);
  });
});
