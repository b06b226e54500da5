/**
 * What runs when the server stops (SIGTERM, SIGINT): each service that holds
 * work or a connection registers a stop hook here. The server first stops
 * taking requests and lets those in flight finish; then the "work" hooks run
 * (workers finish their current item and take no more), then the
 * "connections" hooks (the database pool closes last, once nothing can use it).
 *
 * scripts/serve.mjs loads this file directly and Vite bundles a copy into the
 * server build: both share one registry through globalThis (erasable
 * TypeScript and relative imports only).
 */
import { log } from './log/index.ts';

export type StopPhase = 'work' | 'connections';

interface Hook {
  name: string;
  phase: StopPhase;
  stop: () => Promise<void> | void;
}

interface Registry {
  hooks: Set<Hook>;
  stopping: boolean;
}

const KEY = Symbol.for('conference-portal.shutdown');

function registry(): Registry {
  const global = globalThis as typeof globalThis & { [KEY]?: Registry };
  global[KEY] ??= { hooks: new Set(), stopping: false };
  return global[KEY];
}

/**
 * Registers `stop` to run when the server stops, in `phase` ("work": workers
 * and timers; "connections": the database and other pools). Returns a function
 * that removes it again (for something stopped earlier by other means).
 */
export function onShutdown(name: string, stop: () => Promise<void> | void, phase: StopPhase = 'work'): () => void {
  const hook: Hook = { name, phase, stop };
  registry().hooks.add(hook);
  return () => registry().hooks.delete(hook);
}

/** The names of what would be stopped now, in the order registered (what a process has started). */
export function shutdownHookNames(): string[] {
  return [...registry().hooks].map((hook) => hook.name);
}

/** True once the server has begun to stop (readiness then answers 503, so a load balancer stops sending). */
export function isShuttingDown(): boolean {
  return registry().stopping;
}

/** Marks the server as stopping (before it waits for requests in flight). */
export function beginShutdown(): void {
  registry().stopping = true;
}

/**
 * Runs every hook, phase by phase, each phase's hooks side by side; a phase
 * that takes longer than `timeoutMs` is left behind (and logged) so the
 * process still exits. Resolves with the names of hooks that failed or hung.
 */
export async function runShutdownHooks(timeoutMs = 10_000): Promise<string[]> {
  beginShutdown();
  const failed: string[] = [];
  for (const phase of ['work', 'connections'] as const) {
    const hooks = [...registry().hooks].filter((h) => h.phase === phase);
    const runs = hooks.map(async (hook) => {
      try {
        await hook.stop();
        registry().hooks.delete(hook);
      } catch (error) {
        failed.push(hook.name);
        log.error({ err: error, hook: hook.name }, 'A service did not stop cleanly');
      }
    });
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((resolve) => {
      timer = setTimeout(() => resolve('late'), timeoutMs);
      timer.unref();
    });
    if ((await Promise.race([Promise.all(runs), late])) === 'late') {
      const hung = hooks.filter((h) => registry().hooks.has(h) && !failed.includes(h.name)).map((h) => h.name);
      failed.push(...hung);
      log.error({ hooks: hung, timeoutMs }, 'Services still stopping after the time allowed; leaving them');
    }
    clearTimeout(timer);
  }
  return failed;
}
