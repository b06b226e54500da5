import { execFileSync } from 'node:child_process';
import { authorityIds } from '~/config/authorities';
import { buildChangedCopy } from './changed-copy';

/**
 * Builds the portal once for every council into .builds/<id>, and a copy of
 * the project in which the English has moved on (changed-copy.ts), before
 * the build tests read them.
 */
export default function setup() {
  for (const id of authorityIds) {
    execFileSync('npx', ['astro', 'build', '--outDir', `.builds/${id}`], {
      env: { ...process.env, AUTHORITY: id, ASTRO_TELEMETRY_DISABLED: '1' },
      stdio: 'pipe',
    });
  }
  buildChangedCopy();
}
