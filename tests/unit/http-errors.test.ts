import { describe, expect, it } from 'vitest';
import { HttpError, isDatabaseUnavailable, statusOf } from '~/server/http/errors';
import { refusalOf } from '~/server/http/request-guard';
import { runWithRequest } from '~/server/log';

const SITE = 'https://portal.example.gov.uk';
// As the server makes them: with the length the browser announced.
const post = (headers: Record<string, string>, body = 'a=b') =>
  new Request('http://internal/en/account/sign-in/', {
    method: 'POST',
    headers: { ...headers, 'content-length': String(body.length) },
    body,
  });

describe('which error page a request gets', () => {
  it('403 for a change from another site, or one that does not say where it came from', () => {
    const form = { 'content-type': 'application/x-www-form-urlencoded' };
    expect(refusalOf(post({ ...form, origin: SITE }), '/en/account/sign-in/', SITE)).toBeNull();
    expect(refusalOf(post({ ...form, origin: 'https://evil.example' }), '/en/', SITE)?.status).toBe(403);
    expect(refusalOf(post({ ...form, origin: 'http://portal.example.gov.uk' }), '/en/', SITE)?.status).toBe(403);
    expect(refusalOf(post(form), '/en/', SITE)?.status).toBe(403);
    expect(refusalOf(post({ ...form, origin: SITE, 'sec-fetch-site': 'cross-site' }), '/en/', SITE)?.status).toBe(403);
    expect(refusalOf(new Request('http://internal/en/'), '/en/', SITE)).toBeNull();
  });

  it('400 for a body that is not a form, except at better-auth’s own endpoints', () => {
    const json = { 'content-type': 'application/json', origin: SITE };
    expect(refusalOf(post(json, '{}'), '/en/account/sign-in/', SITE)?.status).toBe(400);
    expect(refusalOf(post({ origin: SITE, 'content-type': 'text/plain' }), '/staff/inbox/', SITE)?.status).toBe(400);
    expect(refusalOf(post(json, '{}'), '/api/auth/sign-out', SITE)).toBeNull();
    expect(refusalOf(post({ 'content-type': 'multipart/form-data; boundary=x', origin: SITE }), '/x', SITE)).toBeNull();
  });

  it('413 for a body that went over its limit, 503 when the database cannot be reached, else 500', () => {
    expect(statusOf(new HttpError(400, 'x'))).toBe(400);
    expect(runWithRequest({ id: 'A', method: 'POST', bodyTooLarge: true }, () => statusOf(new TypeError('x')))).toBe(
      413,
    );
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    expect(statusOf(new AggregateError([refused]))).toBe(503);
    expect(statusOf(new Error('wrapped', { cause: Object.assign(new Error('x'), { code: '57P01' }) }))).toBe(503);
    expect(isDatabaseUnavailable(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(statusOf(new Error('a bug'))).toBe(500);
  });
});
