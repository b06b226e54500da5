import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEMO_REFERENCE } from '~/server/demo/seed';
import { log } from '~/server/log';
import { newKeySetting } from '~/server/storage/encryption';

// getServices() only wires the services; the server's start-up
// (src/server/start-up.ts) loads the demo family, prints where to sign in and
// starts the timers, each stopped by the graceful shutdown. Each test loads
// the modules afresh (both open once per process) over a new SQLite file.

/** What a process would stop when asked to: its workers and timers, then the database. */
const ALL_STARTED = [
  'email outbox worker',
  'reminder scheduler',
  'sign-in pruning',
  'sign-in codes being sent',
  'database',
];

let folder: string;
let hints: string[];

beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), 'portal-start-up-'));
  vi.stubEnv('NODE_ENV', 'test');
  for (const unset of ['DATABASE_URL', 'REPORT_STORE', 'RESEND_API_KEY', 'NOTIFY_API_KEY', 'DEMO_DATA'])
    vi.stubEnv(unset, '');
  vi.stubEnv('SQLITE_PATH', join(folder, 'portal.sqlite'));
  vi.stubEnv('REPORTS_DIR', join(folder, 'reports'));
  vi.stubEnv('OUTBOX_DIR', join(folder, 'outbox'));
  vi.stubEnv('REPORT_KEYS', newKeySetting('start-up'));
  vi.stubEnv('SITE_URL', 'http://localhost:4321');
  vi.stubEnv('OUTBOX_WORKER', '1');
  vi.resetModules();
  hints = [];
  const child = log.child.bind(log);
  // The demo's hints, as the developer would read them (the tests' log level is silent).
  vi.spyOn(log, 'child').mockImplementation((bindings, options) =>
    bindings['component'] === 'demo'
      ? ({ info: (line: string) => void hints.push(line) } as unknown as ReturnType<typeof child>)
      : child(bindings, options),
  );
  vi.spyOn(globalThis, 'setInterval');
});

afterEach(async () => {
  const { runShutdownHooks } = await import('~/server/shutdown');
  expect(await runShutdownHooks()).toEqual([]);
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
  rmSync(folder, { recursive: true, force: true });
});

describe('getServices() alone', () => {
  it('migrates a new database but loads no demo family, prints nothing and starts no timer', async () => {
    const { getServices } = await import('~/server/services');
    const { shutdownHookNames } = await import('~/server/shutdown');
    const services = await getServices();
    try {
      expect(await services.cases.findCaseByReference(DEMO_REFERENCE)).toBeNull();
      expect(hints).toEqual([]);
      expect(setInterval).not.toHaveBeenCalled();
      expect(shutdownHookNames()).toEqual([]);
    } finally {
      await services.db.close();
    }
  });
});

describe('the server start-up', () => {
  it('loads the demo family on a new database, prints where to sign in and starts the timers, once', async () => {
    const { startUp } = await import('~/server/start-up');
    const { getServices } = await import('~/server/services');
    const { shutdownHookNames } = await import('~/server/shutdown');
    const services = await startUp();
    // Pages then use the very same services.
    expect(await getServices()).toBe(services);
    expect(await services.cases.findCaseByReference(DEMO_REFERENCE)).not.toBeNull();
    expect(hints).toEqual([
      expect.stringMatching(
        /^Parents: sign in at http:\/\/localhost:4321\/en\/account\/sign-in\/ with parent\.one@example\.test; codes are written to .*outbox\/$/,
      ),
      expect.stringMatching(/^Staff: sign in at http:\/\/localhost:4321\/staff\/sign-in\/ as the administrator /),
    ]);
    // The reminder schedule and the pruning.
    expect(setInterval).toHaveBeenCalledTimes(2);
    expect(shutdownHookNames()).toEqual(ALL_STARTED);
    // A second request starts nothing more.
    expect(await startUp()).toBe(services);
    expect(setInterval).toHaveBeenCalledTimes(2);
    expect(hints).toHaveLength(2);
  });

  it('starts no outbox worker and no reminder schedule with OUTBOX_WORKER=0, and no demo family with DEMO_DATA=0', async () => {
    vi.stubEnv('OUTBOX_WORKER', '0');
    vi.stubEnv('DEMO_DATA', '0');
    const { startUp } = await import('~/server/start-up');
    const { shutdownHookNames } = await import('~/server/shutdown');
    const services = await startUp();
    expect(await services.cases.findCaseByReference(DEMO_REFERENCE)).toBeNull();
    expect(hints).toEqual([]);
    expect(setInterval).toHaveBeenCalledTimes(1);
    expect(shutdownHookNames()).toEqual(['sign-in pruning', 'sign-in codes being sent', 'database']);
  });
});
