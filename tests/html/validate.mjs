// Valid HTML: every page of the build in dist/client (or the client folders
// given as arguments) through the Nu HTML Checker, in one Java process.
// Prints each error with its file, line and the markup at fault, and fails if
// there is any. Run after a build: `npm run build && node tests/html/validate.mjs`.
// Pages rendered on demand (signed-in, staff) are checked by tests/e2e/valid-html.spec.ts.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describeErrors, htmlErrors } from './vnu.mjs';

const dirs = process.argv.length > 2 ? process.argv.slice(2) : ['dist/client'];

/** @param {string} dir @returns {string[]} */
function htmlFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = join(dir, e.name);
    if (e.isDirectory()) return htmlFiles(full);
    return e.name.endsWith('.html') ? [full] : [];
  });
}

for (const dir of dirs) {
  if (!existsSync(dir)) {
    console.error(`No build in ${dir}: run \`npm run build\` first.`);
    process.exit(1);
  }
}
const files = dirs.flatMap(htmlFiles).sort();
const started = Date.now();
const errors = htmlErrors(files);
const seconds = ((Date.now() - started) / 1000).toFixed(1);
const pages = new Set(errors.map((e) => e.file)).size;

if (errors.length) {
  console.error(describeErrors(errors).join('\n'));
  console.error(
    `\nValid HTML failed: ${errors.length} errors on ${pages} of ${files.length} pages (Nu HTML Checker, ${seconds} s).`,
  );
  process.exit(1);
}
console.log(`Valid HTML: ${files.length} pages checked, 0 errors (Nu HTML Checker, ${seconds} s).`);
