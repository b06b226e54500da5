// RFC 8058 one-click unsubscribe: a mail provider posts to a reminder's stop
// link from its own servers, with no Origin. Only that address, and only a
// form, gets past the guard that refuses changes from elsewhere.
import { describe, expect, it } from 'vitest';
import { refusalOf } from '~/server/http/request-guard';

const SITE = 'https://portal.example';
const TOKEN = 'AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8';
const post = (headers: Record<string, string>) =>
  new Request(`${SITE}/stop/${TOKEN}`, { method: 'POST', headers, body: 'List-Unsubscribe=One-Click' });
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

describe('the one-click stop link', () => {
  it('takes the mail provider’s POST, which has no Origin', () => {
    expect(refusalOf(post(FORM), `/stop/${TOKEN}`, SITE)).toBeNull();
    expect(refusalOf(post(FORM), `/stop/${TOKEN}/`, SITE)).toBeNull();
  });

  it('still refuses a POST from nowhere to any other address, and a body that is not a form', () => {
    expect(refusalOf(post(FORM), `/en/stop/${TOKEN}/`, SITE)?.status).toBe(403);
    expect(refusalOf(post(FORM), '/en/account/reminders/', SITE)?.status).toBe(403);
    expect(refusalOf(post(FORM), `/stop/${TOKEN}/extra`, SITE)?.status).toBe(403);
    expect(refusalOf(post({ 'content-type': 'application/json' }), `/stop/${TOKEN}`, SITE)?.status).toBe(403);
  });
});
