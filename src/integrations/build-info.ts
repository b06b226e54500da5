import { mkdir, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';

/** What a build was made for: the server refuses to serve it for another council (scripts/serve.mjs). */
export interface BuildInfo {
  authority: string;
  siteUrl: string;
  builtAt: string;
}

/** Where the build records it, in the output folder. */
export const BUILD_INFO_FILE = 'build.json';

/** Records, in dist/build.json, which council (AUTHORITY) and address (SITE_URL) the pages were built for. */
export function buildInfo(info: Omit<BuildInfo, 'builtAt'>): AstroIntegration {
  let outDir = '';
  return {
    name: 'portal-build-info',
    hooks: {
      'astro:config:done': ({ config }) => {
        outDir = fileURLToPath(config.outDir);
      },
      'astro:build:done': async () => {
        const record: BuildInfo = { ...info, builtAt: new Date().toISOString() };
        await mkdir(outDir, { recursive: true });
        await writeFile(new URL(BUILD_INFO_FILE, `file://${outDir}/`), `${JSON.stringify(record, null, 2)}\n`);
      },
    },
  };
}
