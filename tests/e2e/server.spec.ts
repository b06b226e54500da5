import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, statSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect } from '@playwright/test';
import { expectNoViolations } from '../support/axe';

// The built server as a council runs it: what it refuses to start with, what
// /readyz says when the database cannot be reached, and a graceful stop.
// Each test starts its own server on a port derived from PW_PORT.
const BASE_PORT = Number(process.env.PW_PORT || 4322) + 20;
const SECRET = 'x'.repeat(40);

interface Started {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

function start(env: Record<string, string>): Started {
  const data = mkdtempSync(join(tmpdir(), 'portal-server-'));
  const child = spawn(process.execPath, ['scripts/serve.mjs'], {
    env: {
      PATH: process.env.PATH ?? '',
      HOST: '127.0.0.1',
      SQLITE_PATH: join(data, 'portal.sqlite'),
      REPORTS_DIR: join(data, 'reports'),
      OUTBOX_DIR: join(data, 'outbox'),
      DEMO_DATA: '0',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  child.stdout?.on('data', (c: Buffer) => (text += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (text += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => text, exited };
}

async function waitUntilUp(port: number): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the server on ${port} did not start`);
}

test('refuses to start, in one line, for another council, an http:// SITE_URL in production, or a short secret', async () => {
  const production = { NODE_ENV: 'production', SITE_URL: 'https://portal.example.gov.uk', BETTER_AUTH_SECRET: SECRET };
  const cases = [
    [{ AUTHORITY: 'torbay' }, /This build is for AUTHORITY=kingston, not torbay/],
    [{ ...production, SITE_URL: 'http://portal.example.gov.uk' }, /SITE_URL must be the site's https:\/\/ address/],
    [{ ...production, BETTER_AUTH_SECRET: 'too-short' }, /BETTER_AUTH_SECRET must be 32 characters or more/],
  ] as const;
  for (const [env, reason] of cases) {
    const server = start({ ...env, PORT: String(BASE_PORT) });
    expect(await server.exited, JSON.stringify(env)).toBe(1);
    const lines = server.output().trim().split('\n');
    expect(lines, server.output()).toHaveLength(1);
    expect(lines[0]).toMatch(/^The portal cannot start\. /);
    expect(lines[0]).toMatch(reason);
  }
});

test('an unknown AUTHORITY stops the build at once, in one line, before dist/ is touched', () => {
  const before = statSync('dist/build.json').mtimeMs;
  const started = Date.now();
  const build = spawnSync(process.execPath, ['node_modules/astro/bin/astro.mjs', 'build'], {
    env: { ...process.env, AUTHORITY: 'atlantis', ASTRO_TELEMETRY_DISABLED: '1' },
    encoding: 'utf8',
  });
  test.info().annotations.push({ type: 'build refused after', description: `${Date.now() - started} ms` });
  expect(build.status).not.toBe(0);
  expect(build.stderr.trim().split('\n')).toEqual([
    'AUTHORITY="atlantis" is not a council profile. Use one of: barnsley, hartlepool, kingston, redbridge, torbay.',
  ]);
  expect(statSync('dist/build.json').mtimeMs).toBe(before);
});

test('/healthz answers while /readyz says 503 when the database cannot be reached', async ({ page }) => {
  const port = BASE_PORT + 1;
  const server = start({ PORT: String(port), DATABASE_URL: 'postgres://portal@127.0.0.1:1/portal' });
  try {
    await waitUntilUp(port);
    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(health.status).toBe(200);
    expect(health.headers.get('cache-control')).toBe('no-store');
    const ready = await fetch(`http://127.0.0.1:${port}/readyz`);
    expect(ready.status).toBe(503);
    expect(ready.headers.get('cache-control')).toBe('no-store');
    expect(await ready.json()).toMatchObject({ status: 'unavailable', checks: { database: 'failed' } });
    // A parent's page says so in words, with a reference, and status 503.
    const answer = await fetch(`http://127.0.0.1:${port}/pl/account/`);
    expect(answer.status).toBe(503);
    expect(await answer.text()).toContain('Przepraszamy, ta usługa teraz nie działa');
    // The server-error page itself (the template every 500 and 503 uses) passes axe, left to right and right to left.
    for (const lang of ['en', 'pl', 'ar']) {
      const shown = await page.goto(`http://127.0.0.1:${port}/${lang}/account/`);
      expect(shown?.status()).toBe(503);
      await expect(page.locator('main h1')).toBeVisible();
      await expectNoViolations(page, `the 503 page in ${lang}`);
    }
  } finally {
    server.child.kill('SIGTERM');
    await server.exited;
  }
});

test('on SIGTERM a request in flight finishes, nothing new is taken, the process exits 0', async () => {
  const port = BASE_PORT + 2;
  const server = start({ PORT: String(port), SITE_URL: `http://127.0.0.1:${port}` });
  await waitUntilUp(port);
  expect((await fetch(`http://127.0.0.1:${port}/readyz`)).status).toBe(200);
  // A slow request: a sign-in form whose body arrives in two parts, a second apart. It asks
  // "100 Continue" first, so SIGTERM comes only once the server has the request in hand
  // (on a busy machine a fixed wait could signal before the server had read it).
  const answer = new Promise<number>((resolve, reject) => {
    const request = http.request(
      {
        host: '127.0.0.1',
        port,
        path: '/en/account/sign-in/',
        method: 'POST',
        headers: {
          'Content-Type': 'application/x-www-form-urlencoded',
          Origin: `http://127.0.0.1:${port}`,
          Expect: '100-continue',
        },
      },
      (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode ?? 0));
      },
    );
    request.on('error', reject);
    request.on('continue', () => {
      request.write('email=someone');
      setTimeout(() => {
        server.child.kill('SIGTERM');
        setTimeout(() => request.end('%40example.test'), 1_000);
      }, 300);
    });
    request.flushHeaders();
  });
  expect(await answer).toBe(303);
  expect(await server.exited).toBe(0);
  const lines = server
    .output()
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { msg: string; route?: string });
  expect(lines.some((l) => l.msg === 'request' && l.route === '/[lang]/account/sign-in')).toBe(true);
  expect(lines.at(-1)?.msg).toBe('Stopped');
});

test('without SECURITY_CONTACT there is no /.well-known/security.txt: no contact is made up', async ({ request }) => {
  const response = await request.get('/.well-known/security.txt');
  expect(response.status()).toBe(404);
  expect(await response.text()).not.toContain('Contact:');
});

// Behind nginx (upstream keepalive) or a load balancer, an idle connection must
// be closed by the proxy, never by the server while the proxy sends on it.
test('keeps an idle connection open longer than a proxy does (60 s), and says so', async ({ baseURL }) => {
  const header = await new Promise<string>((resolve, reject) => {
    const agent = new http.Agent({ keepAlive: true });
    http
      .get(`${baseURL}/en/`, { agent }, (response) => {
        response.resume();
        response.on('end', () => {
          agent.destroy();
          resolve(String(response.headers['keep-alive'] ?? ''));
        });
      })
      .on('error', reject);
  });
  const seconds = Number(/timeout=(\d+)/.exec(header ?? '')?.[1]);
  expect(seconds, `Keep-Alive: ${header}`).toBeGreaterThan(60);
});
