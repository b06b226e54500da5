// Building the portal for the build tests: a copy of what a build reads, so
// that several builds can run at once without sharing Astro's generated files
// (.astro/, node_modules/.astro, src/styles/generated), and the build itself.
import { spawn } from 'node:child_process';
import { cpSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** What `astro build` reads from the project. */
const BUILD_INPUTS = [
  'src',
  'content',
  'locales',
  'public',
  'scripts',
  'astro.config.mjs',
  'package.json',
  'tsconfig.json',
];

/** Copies what a build reads into `root`, afresh (node_modules is found further up). */
export function copyProject(root: string): void {
  rmSync(root, { recursive: true, force: true });
  for (const item of BUILD_INPUTS) {
    cpSync(item, join(root, item), { recursive: true, filter: (path) => !path.includes('/styles/generated') });
  }
}

/**
 * The environment `npm run build` would have: without what vitest sets
 * (NODE_ENV=test, MODE, VITEST…). Under NODE_ENV=test Vite builds with
 * import.meta.env.DEV true, a development build: the browser and proxy tests
 * would then test what no council runs (the origin check, for one, is
 * relaxed in development).
 */
function buildEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(
    Object.entries(process.env).filter(
      ([key]) => !['NODE_ENV', 'MODE', 'TEST', 'PROD', 'DEV', 'SSR'].includes(key) && !key.startsWith('VITEST'),
    ),
  );
}

/** `astro build` of the project at `root` for one council into `outDir` (relative to `root`); rejects with Astro's output on failure. */
export function buildProject(root: string, authority: string, outDir = 'dist'): Promise<void> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [resolve('node_modules/astro/bin/astro.mjs'), 'build', '--outDir', outDir], {
      cwd: root,
      env: { ...buildEnv(), AUTHORITY: authority, ASTRO_TELEMETRY_DISABLED: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', fail);
    child.on('exit', (code) =>
      code === 0 ? done() : fail(new Error(`astro build for ${authority} in ${root} failed (${code}):\n${output}`)),
    );
  });
}

/** Runs the tasks, at most `width` at a time; rejects with the first failure once all have ended. */
export async function inParallel(tasks: (() => Promise<void>)[], width: number): Promise<void> {
  const queue = [...tasks];
  const failures: unknown[] = [];
  const lane = async () => {
    for (let task = queue.shift(); task; task = queue.shift()) await task().catch((e: unknown) => failures.push(e));
  };
  await Promise.all(Array.from({ length: width }, lane));
  if (failures.length) throw failures[0];
}
