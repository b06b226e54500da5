// Page-weight budget over the build in dist/client. Prints, for every page,
// the gzip size of its HTML plus render-blocking CSS, and of its JavaScript;
// then the font files per script. Fails when a guidance page is over budget or
// needs JavaScript to be read. The budget is what a phone gets in its first
// round trip: 14 KB of HTML and render-blocking CSS (a stylesheet with
// media="print" does not block; font files load after and are not counted).
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { gzipSync } from 'node:zlib';
import { LANGUAGE_SEGMENT } from '../../src/config/locales.ts';

const CLIENT = 'dist/client';
const BUDGET_HTML_CSS = 14 * 1024;
/** A page in a language: /pl/…, /zh-Hans/… (not the root pages). */
const IN_A_LANGUAGE = new RegExp(`^/${LANGUAGE_SEGMENT}/`);

const gz = (buf) => gzipSync(buf, { level: 9 }).length;
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const asset = (href) => readFileSync(join(CLIENT, href.replace(/^\//, '')));

function htmlFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = join(dir, e.name);
    if (e.isDirectory()) return htmlFiles(full);
    return e.name.endsWith('.html') ? [full] : [];
  });
}

/** Text a reader sees in <main> without any script running. */
function mainText(html) {
  const main = /<main\b[^>]*>([\s\S]*?)<\/main>/i.exec(html)?.[1] ?? '';
  return main
    .replace(/<script[\s\S]*?<\/script>/gi, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

const rows = [];
const failures = [];
for (const file of htmlFiles(CLIENT).sort()) {
  const path =
    '/' +
    relative(CLIENT, file)
      .split(sep)
      .join('/')
      .replace(/index\.html$/, '');
  const html = readFileSync(file, 'utf8');
  const css = [...html.matchAll(/<link[^>]+rel="stylesheet"[^>]*>/g)]
    .map((m) => m[0])
    .filter((tag) => !/\smedia="print"/.test(tag))
    .map((tag) => /href="([^"]+)"/.exec(tag)?.[1] ?? '');
  const js = [...html.matchAll(/<script[^>]+src="([^"]+)"/g)].map((m) => m[1]);
  const htmlCss = gz(Buffer.from(html)) + css.reduce((sum, href) => sum + gz(asset(href)), 0);
  const jsSize = js.reduce((sum, src) => sum + gz(asset(src)), 0);
  rows.push({ path, htmlCss, jsSize });
  const isGuidance = IN_A_LANGUAGE.test(path);
  if (isGuidance && htmlCss > BUDGET_HTML_CSS)
    failures.push(`${path}: HTML+CSS ${kb(htmlCss)} is over ${kb(BUDGET_HTML_CSS)}`);
  if (isGuidance && mainText(html).length < 80) failures.push(`${path}: its main content is empty without JavaScript`);
  if (/<noscript/i.test(html) || /<body[^>]*\shidden/i.test(html))
    failures.push(`${path}: hides content until JavaScript runs`);
}

console.log('Page weight (gzip)');
console.log('page'.padEnd(36), 'HTML+CSS'.padStart(10), 'JS'.padStart(10));
for (const r of rows) console.log(r.path.padEnd(36), kb(r.htmlCss).padStart(10), kb(r.jsSize).padStart(10));
const max = rows.reduce((m, r) => (r.htmlCss > m.htmlCss ? r : m), rows[0]);
console.log(`\nHeaviest page: ${max.path} at ${kb(max.htmlCss)} of HTML+CSS (budget ${kb(BUDGET_HTML_CSS)}).`);
const guidance = rows
  .filter((r) => IN_A_LANGUAGE.test(r.path))
  .map((r) => r.htmlCss)
  .sort((a, b) => a - b);
if (guidance.length) {
  const median = guidance[Math.floor((guidance.length - 1) / 2)];
  console.log(
    `Guidance pages (${guidance.length}, every language): median ${kb(median)}, heaviest ${kb(guidance.at(-1))}.`,
  );
}

// Fonts, per script: each family's files as referenced by the stylesheets
// (counted once, though more than one stylesheet names them).
const cssFiles = readdirSync(join(CLIENT, '_astro')).filter((f) => f.endsWith('.css'));
const fonts = new Map();
const seen = new Set();
for (const f of cssFiles) {
  const css = readFileSync(join(CLIENT, '_astro', f), 'utf8');
  for (const m of css.matchAll(/@font-face\s*{([^}]*)}/g)) {
    const family = /font-family:\s*"?([^";]+)"?/.exec(m[1])?.[1];
    const src = /url\(([^)]+)\)/.exec(m[1])?.[1]?.replace(/["']/g, '');
    if (!family || !src || seen.has(src)) continue;
    seen.add(src);
    const size = statSync(join(CLIENT, src.replace(/^\//, ''))).size;
    const entry = fonts.get(family) ?? { files: 0, bytes: 0 };
    fonts.set(family, { files: entry.files + 1, bytes: entry.bytes + size });
  }
}
console.log(
  '\nFonts by script (woff2, already compressed; a page downloads only its own script, and only the subsets its text uses)',
);
for (const [family, { files, bytes }] of fonts)
  console.log(family.padEnd(20), `${files} files`.padStart(9), kb(bytes).padStart(10));

if (failures.length) {
  console.error(`\nBudget failed:\n- ${failures.join('\n- ')}`);
  process.exit(1);
}
console.log(`\nBudget: ${rows.length} pages checked, 0 over budget.`);
