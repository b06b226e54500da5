import { describe, expect, it } from 'vitest';
import { ConfigError, readConfig } from '~/server/config';

const SECRET = 'a'.repeat(32);

describe('server settings', () => {
  it('default SITE_URL to http://localhost on the port the server listens on', () => {
    expect(readConfig({}).SITE_URL).toBe('http://localhost:4321');
    expect(readConfig({ PORT: '4510' }).SITE_URL).toBe('http://localhost:4510');
    expect(readConfig({ PORT: '4510', SITE_URL: 'http://127.0.0.1:4510' }).SITE_URL).toBe('http://127.0.0.1:4510');
  });

  it('in production, refuse an http:// SITE_URL, a missing one, and a short or missing secret, in one line', () => {
    const production = {
      NODE_ENV: 'production',
      SITE_URL: 'https://portal.example.gov.uk',
      BETTER_AUTH_SECRET: SECRET,
      REPORT_KEYS: 'k1:AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=',
    };
    expect(readConfig(production).SITE_URL).toBe('https://portal.example.gov.uk');
    const problems = [
      [{ ...production, SITE_URL: 'http://portal.example.gov.uk' }, /SITE_URL must be the site's https:\/\/ address/],
      [
        { ...production, SITE_URL: undefined },
        /SITE_URL must be the site's https:\/\/ address in production \(it is not set\)/,
      ],
      [{ ...production, BETTER_AUTH_SECRET: 'short' }, /BETTER_AUTH_SECRET must be 32 characters or more \(it has 5\)/],
      [{ ...production, BETTER_AUTH_SECRET: undefined }, /BETTER_AUTH_SECRET is required in production/],
      [{ ...production, REPORT_KEYS: undefined }, /REPORT_KEYS is required in production/],
      [{ ...production, REPORT_KEYS: 'k1:c2hvcnQ=' }, /REPORT_KEYS: the key "k1" must be 32 bytes/],
    ] as const;
    for (const [env, message] of problems) {
      let error: unknown;
      try {
        readConfig(env);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as Error).message).toMatch(message);
      expect((error as Error).message).not.toContain('\n');
    }
  });

  it('refuse a TRUSTED_PROXIES entry that is not an address or range', () => {
    expect(() => readConfig({ TRUSTED_PROXIES: '127.0.0.1, nginx' })).toThrow(
      /TRUSTED_PROXIES "nginx" is not an IP address/,
    );
  });

  it('asks none of the production settings outside production: a local run starts with nothing set', () => {
    const local = readConfig({ NODE_ENV: 'development', SITE_URL: 'http://localhost:4321' });
    expect(local).toMatchObject({ SITE_URL: 'http://localhost:4321' });
    expect(local.BETTER_AUTH_SECRET).toBeUndefined();
    expect(local.REPORT_KEYS).toBeUndefined();
  });

  it('names every problem at once, and refuses a report store without what it needs', () => {
    let error: unknown;
    try {
      readConfig({ NODE_ENV: 'production', SITE_URL: 'http://portal.example.gov.uk' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    for (const name of ['BETTER_AUTH_SECRET', 'SITE_URL', 'REPORT_KEYS']) expect(message).toContain(name);
    expect(() => readConfig({ REPORT_STORE: 'postgres' })).toThrow(/REPORT_STORE postgres needs DATABASE_URL/);
    expect(() => readConfig({ REPORT_STORE: 's3' })).toThrow(/S3_BUCKET is required with REPORT_STORE=s3/);
    expect(readConfig({ REPORT_STORE: 's3', S3_BUCKET: 'reports' }).S3_BUCKET).toBe('reports');
  });
});
