import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { extname, join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { AstroIntegration } from 'astro';

const brotli = promisify(brotliCompress);
const gz = promisify(gzip);

/** Text the browser can take compressed (fonts, images and Pagefind's index are compressed already). */
const COMPRESSIBLE = new Set(['.html', '.css', '.js', '.mjs', '.json', '.svg', '.xml', '.txt', '.ics', '.webmanifest']);
/** Smaller than this, compression saves less than its header costs. */
const MIN_BYTES = 1024;

async function files(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map(async (e) => (e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)])),
  );
  return nested.flat();
}

/**
 * Writes `<file>.br` and `<file>.gz` beside `file` when each is smaller;
 * returns the bytes saved by brotli. Brotli's best quality (11) is for the
 * stylesheets and scripts every page shares (cached for a year); a page is
 * read once, and quality 11 would save about 0.4 KB a page for ten times the
 * build time, so pages get quality 6.
 */
export async function compressFile(file: string, best: boolean): Promise<number> {
  const data = await readFile(file);
  const [br, gzipped] = await Promise.all([
    brotli(data, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: best ? constants.BROTLI_MAX_QUALITY : 6,
        [constants.BROTLI_PARAM_SIZE_HINT]: data.length,
      },
    }),
    gz(data, { level: constants.Z_BEST_COMPRESSION }),
  ]);
  if (br.length < data.length) await writeFile(`${file}.br`, br);
  if (gzipped.length < data.length) await writeFile(`${file}.gz`, gzipped);
  return Math.max(0, data.length - br.length);
}

/**
 * After every build (and after Pagefind has written its files): a brotli and
 * a gzip copy beside each page, stylesheet and script of the built site, so
 * the server sends them compressed at no cost per request
 * (src/server/http/static-files.ts).
 */
export function compressBuild(): AstroIntegration {
  let clientDir = '';
  return {
    name: 'portal-compress',
    hooks: {
      'astro:config:done': ({ config }) => {
        clientDir = fileURLToPath(config.build.client);
      },
      'astro:build:done': async ({ logger }) => {
        const all = await files(clientDir);
        const todo = [];
        for (const f of all)
          if (COMPRESSIBLE.has(extname(f).toLowerCase()) && (await stat(f)).size >= MIN_BYTES) todo.push(f);
        let saved = 0;
        // A few at a time: brotli at its best quality is slow, and the machine has other work.
        for (let i = 0; i < todo.length; i += 8)
          saved += (
            await Promise.all(todo.slice(i, i + 8).map((f) => compressFile(f, f.includes(`${sep}_astro${sep}`))))
          ).reduce((a, b) => a + b, 0);
        logger.info(`compressed ${todo.length} files (brotli saves ${Math.round(saved / 1024)} KB)`);
      },
    },
  };
}
