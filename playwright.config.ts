import { existsSync } from 'node:fs';
import { defineConfig } from '@playwright/test';
import { SERVER_DATA_DIR, SERVER_DATA_ENV, SERVER_LOG } from './tests/support/outbox';

const PORT = Number(process.env.PW_PORT || 4322);

/**
 * Debian's Chromium: Playwright cannot download its own browser here. Its
 * headless shell (package chromium-headless-shell, which .ci/run installs) is
 * the same engine without the desktop browser around it, as Playwright itself
 * uses for headless runs: a walk over the built pages took a fifth less time
 * in it. Without the package, the full browser is used.
 */
const HEADLESS_SHELL = '/usr/bin/chromium-headless-shell';
const chromium = {
  browserName: 'chromium' as const,
  launchOptions: {
    executablePath: process.env.CHROMIUM_PATH || (existsSync(HEADLESS_SHELL) ? HEADLESS_SHELL : '/usr/bin/chromium'),
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  },
};

export default defineConfig({
  timeout: 30_000,
  fullyParallel: true,
  workers: 2,
  forbidOnly: !!process.env.CI,
  reporter: [['list']],
  use: { baseURL: `http://127.0.0.1:${PORT}`, ...chromium },
  // npm test runs each project on a server of its own (a fresh database): a
  // demo parent may ask for only 3 sign-in codes in 15 minutes, and the two
  // projects' sign-ins together would use up more.
  projects: [
    { name: 'e2e', testDir: 'tests/e2e' },
    { name: 'a11y', testDir: 'tests/a11y' },
  ],
  webServer: {
    // The test scripts build first (the a11y tests list the built pages).
    // Its log is kept: the parent journey checks nothing personal is in it.
    command: `mkdir -p ${SERVER_DATA_DIR} && node scripts/serve.mjs > ${SERVER_LOG}`,
    url: `http://127.0.0.1:${PORT}/en/`,
    env: {
      PORT: String(PORT),
      HOST: '127.0.0.1',
      // The address the browser uses: forms are accepted only from SITE_URL's origin.
      SITE_URL: `http://127.0.0.1:${PORT}`,
      ASTRO_TELEMETRY_DISABLED: '1',
      // A database, outbox and report folder of the run's own, with the demo family in it.
      ...SERVER_DATA_ENV,
      DEMO_DATA: '1',
      // Every browser in a test run comes from 127.0.0.1: one network address
      // for many people, as behind a council's shared connection. The per-
      // address limits (3 codes per email address) stay as they are; the
      // per-network limits themselves are tested in tests/integration.
      SIGN_IN_CODES_PER_IP: '1000',
      SIGN_IN_TRIES_PER_IP: '1000',
    },
    reuseExistingServer: false,
    timeout: 180_000,
    stdout: 'ignore',
  },
});
