// A lock shared by Playwright's worker processes: two tests signing the same
// person in at once would each ask for a code, and the second code makes the
// first one useless. Whoever holds the lock signs in; the other then reuses
// the saved session.
import { mkdirSync, rmSync, statSync } from 'node:fs';

const STALE_MS = 120_000;

export async function withFileLock<T>(name: string, work: () => Promise<T>): Promise<T> {
  const dir = `test-results/locks/${name.replace(/[^a-z0-9.@-]/gi, '_')}`;
  mkdirSync('test-results/locks', { recursive: true });
  for (;;) {
    try {
      mkdirSync(dir);
      break;
    } catch {
      // A lock left by a worker that died is taken over after 2 minutes.
      try {
        if (Date.now() - statSync(dir).mtimeMs > STALE_MS) rmSync(dir, { recursive: true, force: true });
      } catch {
        // Released meanwhile.
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  try {
    return await work();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
