import { execFileSync } from 'node:child_process';
import { authorityIds } from '../../src/config/authorities';

/** Builds the portal once for every council into .builds/<id>, before the build tests read them. */
export default function setup() {
  for (const id of authorityIds) {
    execFileSync('npx', ['astro', 'build', '--outDir', `.builds/${id}`], {
      env: { ...process.env, AUTHORITY: id, ASTRO_TELEMETRY_DISABLED: '1' },
      stdio: 'pipe',
    });
  }
}
