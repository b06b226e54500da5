// The Nu HTML Checker (vnu-jar from npm, the checker behind validator.w3.org/nu),
// run over many files in one Java process: the JVM takes seconds to start.
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';

/** The checker's jar: the package's main export is its path. */
const VNU_JAR = String(createRequire(import.meta.url)('vnu-jar'));

/**
 * @typedef {{ file: string, line: number | undefined, column: number | undefined, message: string, extract: string }} HtmlError
 */

/**
 * Checks HTML files in one `java -jar vnu.jar` call; returns every error
 * (warnings are left out), each with the file relative to the working directory.
 * @param {string[]} files
 * @returns {HtmlError[]}
 */
export function htmlErrors(files) {
  if (files.length === 0) throw new Error('No HTML files to check');
  const run = spawnSync(
    process.env.JAVA ?? 'java',
    ['-Xss8m', '-jar', VNU_JAR, '--errors-only', '--format', 'json', ...files],
    { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  if (run.error) throw new Error(`Could not run Java for the HTML checker: ${run.error.message}`);
  /** @type {{ messages: { type: string, url?: string, lastLine?: number, firstColumn?: number, message: string, extract?: string }[] }} */
  let report;
  try {
    // The report is written to standard error; the exit code is 1 when there are errors.
    report = JSON.parse(run.stderr);
  } catch {
    throw new Error(`The HTML checker did not answer in JSON (exit ${run.status}):\n${run.stderr}${run.stdout}`);
  }
  return report.messages
    .filter((m) => m.type === 'error' || m.type === 'non-document-error')
    .map((m) => ({
      file: m.url ? relative(process.cwd(), decodeURIComponent(m.url.replace(/^file:/, ''))) : '(checker)',
      line: m.lastLine,
      column: m.firstColumn,
      message: m.message,
      extract: (m.extract ?? '').replace(/\s+/g, ' ').trim(),
    }));
}

/**
 * Checks HTML held in memory (pages rendered on demand, fetched from a running
 * server): each is written to `dir` as `<name>.html`, and all are checked in one call.
 * @param {{ name: string, html: string }[]} pages
 * @param {string} dir
 * @returns {HtmlError[]}
 */
export function htmlErrorsIn(pages, dir) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const files = pages.map(({ name, html }, i) => {
    const file = join(
      dir,
      `${String(i).padStart(3, '0')}-${name.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '')}.html`,
    );
    writeFileSync(file, html);
    return file;
  });
  return htmlErrors(files);
}

/**
 * One line per error, as a reader fixes them: file:line:column, message, and the markup at fault.
 * @param {HtmlError[]} errors
 */
export const describeErrors = (errors) =>
  errors.map((e) => `${e.file}:${e.line ?? '?'}:${e.column ?? '?'} ${e.message}\n    ${e.extract}`);
