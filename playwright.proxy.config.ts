import { defineConfig } from '@playwright/test';
import base from './playwright.config';

// The built portal as a council runs it: NODE_ENV=production behind Debian's
// nginx with TLS (tests/proxy/nginx.mjs, the configuration of docs/deploy.md).
// Ports derive from PW_PORT; the server keeps its data in a folder of its own.
const PW_PORT = Number(process.env.PW_PORT || 4322);
const PORTAL_PORT = PW_PORT + 30;
const TLS_PORT = PW_PORT + 31;
const DATA = 'test-results/proxy-server';
export const SITE_URL = `https://localhost:${TLS_PORT}`;
// The tests read the emails this server writes (tests/support/outbox.ts).
process.env.PORTAL_TEST_DATA_DIR = DATA;

export default defineConfig({
  ...base,
  outputDir: 'test-results/proxy',
  fullyParallel: false,
  workers: 1,
  projects: [{ name: 'proxy', testDir: 'tests/proxy' }],
  use: { ...base.use, baseURL: SITE_URL, ignoreHTTPSErrors: true },
  webServer: [
    {
      command: `rm -rf ${DATA} && mkdir -p ${DATA} && node scripts/serve.mjs > ${DATA}/server.log`,
      url: `http://127.0.0.1:${PORTAL_PORT}/healthz`,
      env: {
        NODE_ENV: 'production',
        PORT: String(PORTAL_PORT),
        HOST: '127.0.0.1',
        SITE_URL,
        TRUSTED_PROXIES: '127.0.0.1, ::1',
        BETTER_AUTH_SECRET: 'proxy-test-secret-0123456789-abcdefghijklmnop',
        // Production encrypts report files with the council's key (a fixed one for the test).
        REPORT_KEYS: 'proxy-test:AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=',
        SQLITE_PATH: `${DATA}/portal.sqlite`,
        OUTBOX_DIR: `${DATA}/outbox`,
        REPORTS_DIR: `${DATA}/reports`,
        DEMO_DATA: '1',
        // Small, so the test reaches them: per client address, as seen through nginx.
        SIGN_IN_CODES_PER_IP: '4',
        // Published at /.well-known/security.txt.
        SECURITY_CONTACT: 'security@example.test',
        ASTRO_TELEMETRY_DISABLED: '1',
      },
      reuseExistingServer: false,
      timeout: 180_000,
      stdout: 'ignore',
    },
    {
      command: `node tests/proxy/nginx.mjs ${TLS_PORT} ${PORTAL_PORT}`,
      url: `${SITE_URL}/healthz`,
      ignoreHTTPSErrors: true,
      reuseExistingServer: false,
      timeout: 60_000,
    },
  ],
});
