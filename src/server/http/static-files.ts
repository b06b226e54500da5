/**
 * The built site's files (dist/client: prerendered pages, stylesheets,
 * scripts, fonts, the search index), listed once at start, so a request costs
 * no look at the disk before the file is read. Each file is sent in the best
 * encoding the browser accepts that the build made beside it (.br, then .gz),
 * with Vary: Accept-Encoding; hashed files under /_astro/ are cached for a
 * year, everything else is checked again each time (a 304 when unchanged).
 *
 * scripts/serve.mjs loads this file directly, so it uses only erasable
 * TypeScript and relative imports.
 */
import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, relative, sep } from 'node:path';
import { pipeline } from 'node:stream/promises';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.ics': 'text/calendar; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.wasm': 'application/wasm',
};

/** The encodings the build writes beside a file, best first. */
export const ENCODINGS = [
  { name: 'br', suffix: '.br' },
  { name: 'gzip', suffix: '.gz' },
] as const;
type Encoding = (typeof ENCODINGS)[number]['name'];

interface Variant {
  path: string;
  size: number;
}
export interface StaticFile {
  /** The path a browser asks for ("/en/how-to-complain/index.html"). */
  urlPath: string;
  type: string;
  etag: string;
  lastModified: string;
  cacheControl: string;
  identity: Variant;
  encoded: Partial<Record<Encoding, Variant>>;
}

async function walk(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((e) => (e.isDirectory() ? walk(join(dir, e.name)) : Promise.resolve([join(dir, e.name)]))),
  );
  return nested.flat();
}

/** Hidden files are never served, except what a site publishes under /.well-known/. */
function isPublic(urlPath: string): boolean {
  return !urlPath.split('/').some((s) => s.startsWith('.') && s !== '.well-known');
}

/** Lists every file under `root` (dist/client), with its compressed copies. */
export async function loadStaticFiles(root: string): Promise<Map<string, StaticFile>> {
  const paths = await walk(root);
  const present = new Set(paths);
  const files = new Map<string, StaticFile>();
  for (const path of paths) {
    if (ENCODINGS.some((e) => path.endsWith(e.suffix) && present.has(path.slice(0, -e.suffix.length)))) continue;
    const urlPath = `/${relative(root, path).split(sep).join('/')}`;
    if (!isPublic(urlPath)) continue;
    const info = await stat(path);
    const encoded: StaticFile['encoded'] = {};
    for (const e of ENCODINGS)
      if (present.has(path + e.suffix))
        encoded[e.name] = { path: path + e.suffix, size: (await stat(path + e.suffix)).size };
    files.set(urlPath, {
      urlPath,
      type: TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream',
      etag: `W/"${info.size.toString(16)}-${Math.floor(info.mtimeMs).toString(16)}"`,
      lastModified: info.mtime.toUTCString(),
      cacheControl: urlPath.startsWith('/_astro/') ? 'public, max-age=31536000, immutable' : 'no-cache',
      identity: { path, size: info.size },
      encoded,
    });
  }
  return files;
}

/** The file a URL path names: itself, or a folder's index.html ("/en/" and "/en" → "/en/index.html"). */
export function findStaticFile(files: Map<string, StaticFile>, pathname: string): StaticFile | undefined {
  let path: string;
  try {
    path = decodeURIComponent(pathname);
  } catch {
    return undefined;
  }
  return files.get(path) ?? files.get(path.endsWith('/') ? `${path}index.html` : `${path}/index.html`);
}

/** The best encoding the request accepts of those we have (q=0 refuses one). */
export function chooseEncoding(acceptEncoding: string | undefined, available: readonly Encoding[]): Encoding | null {
  const accepted = new Map<string, number>();
  for (const part of (acceptEncoding ?? '').split(',')) {
    const [name = '', ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find(Boolean);
    if (name) accepted.set(name, q === undefined ? 1 : Number(q));
  }
  const star = accepted.get('*');
  for (const e of available) {
    const q = accepted.get(e) ?? star ?? 0;
    if (q > 0) return e;
  }
  return null;
}

/** Sends `file` (GET or HEAD): a 304 when the browser's copy is current. */
export async function sendStaticFile(req: IncomingMessage, res: ServerResponse, file: StaticFile): Promise<void> {
  const encodings = ENCODINGS.map((e) => e.name).filter((name) => file.encoded[name]);
  if (encodings.length) res.setHeader('Vary', 'Accept-Encoding');
  res.setHeader('Cache-Control', file.cacheControl);
  res.setHeader('ETag', file.etag);
  res.setHeader('Last-Modified', file.lastModified);
  const match = req.headers['if-none-match'];
  if (match ? match.split(',').some((t) => t.trim() === file.etag || t.trim() === '*') : false) {
    res.statusCode = 304;
    res.end();
    return;
  }
  const encoding = chooseEncoding(req.headers['accept-encoding'], encodings);
  const variant = (encoding && file.encoded[encoding]) || file.identity;
  res.statusCode = 200;
  res.setHeader('Content-Type', file.type);
  res.setHeader('Content-Length', variant.size);
  if (encoding) res.setHeader('Content-Encoding', encoding);
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  try {
    await pipeline(createReadStream(variant.path), res);
  } catch (error) {
    // The browser went away before the end (a closed tab, a lost signal): nothing to answer.
    if ((error as NodeJS.ErrnoException).code !== 'ERR_STREAM_PREMATURE_CLOSE') throw error;
  }
}
