import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect } from 'vitest';
import { LOCALES } from '~/config/locales';

// The translators' XLIFF round trip, run as a translator runs it
// (`npm run i18n:export` / `npm run i18n:import`) in a copy of the project,
// so the worktree itself is never changed: what tests/unit/xliff.test.ts and
// xliff-review.test.ts share. One copy per vitest worker (each is a process
// of its own): two files in one worker run one after the other, each making
// the copy afresh.
export const ROOT = `.builds/xliff-${process.pid}`;
const COPY = ['content', 'locales', 'scripts', 'src', 'package.json', '.prettierrc.json'];
export const others = LOCALES.filter((l) => l.code !== 'en').map((l) => l.code);

export function freshCopy() {
  rmSync(ROOT, { recursive: true, force: true });
  for (const item of COPY) cpSync(item, join(ROOT, item), { recursive: true });
}

/** Every file a translator's import may write, with its text. */
export function snapshot(): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (dir: string) => {
    for (const name of readdirSync(join(ROOT, dir))) {
      const path = join(dir, name);
      if (statSync(join(ROOT, path)).isDirectory()) walk(path);
      else out.set(path, readFileSync(join(ROOT, path), 'utf8'));
    }
  };
  walk('locales');
  walk('content');
  return out;
}

export const i18n = (...args: string[]) =>
  spawnSync(process.execPath, ['scripts/i18n.mjs', ...args], { cwd: ROOT, encoding: 'utf8' });
export function exportLang(lang: string): string {
  execFileSync(process.execPath, ['scripts/i18n.mjs', 'export', '--lang', lang, '--out', `${lang}.xlf`], {
    cwd: ROOT,
  });
  return readFileSync(join(ROOT, `${lang}.xlf`), 'utf8');
}
export function importText(xml: string, ...args: string[]) {
  writeFileSync(join(ROOT, 'edited.xlf'), xml);
  return i18n('import', 'edited.xlf', ...args);
}
/** Changes one unit of one <file> in an XLIFF text. */
export function editUnit(xml: string, file: string, unit: string, edit: (u: string) => string): string {
  const f = xml.indexOf(`<file id="${file}"`);
  const start = xml.indexOf(`<unit id="${unit}">`, f);
  const end = xml.indexOf('</unit>', start);
  expect(f >= 0 && start >= 0, `${file}/${unit} in the export`).toBe(true);
  return xml.slice(0, start) + edit(xml.slice(start, end)) + xml.slice(end);
}
export const diff = (a: Map<string, string>, b: Map<string, string>) =>
  [...new Set([...a.keys(), ...b.keys()])].filter((k) => a.get(k) !== b.get(k));

/**
 * The tests of one file, each on a fresh copy of the project (removed after
 * the file); `polish()` is the Polish export of the copy as it was first made.
 */
export function describeXliff(title: string, tests: (polish: () => string) => void): void {
  afterAll(() => rmSync(ROOT, { recursive: true, force: true }));
  describe(title, { timeout: 120_000 }, () => {
    let pl = '';
    beforeAll(() => {
      freshCopy();
      pl = exportLang('pl');
    });
    beforeEach(freshCopy);
    tests(() => pl);
  });
}
