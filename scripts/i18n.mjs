// Translators' tools. `node scripts/i18n.mjs check` fails on mistakes a
// translator can make; `node scripts/i18n.mjs status` prints where each
// language stands. See locales/README.md.
import { LOCALES } from '../src/config/locales.ts';
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { EN, meta, pageReport, percent, stringReport } from './i18n-report.mjs';
import { builtClientDir, writeStatusPage } from './i18n-status-page.mjs';
import { ImportError, exportXliff, importXliff } from './i18n-xliff.mjs';

async function check() {
  let errors = [];
  for (const { code } of LOCALES.filter((l) => l.code !== EN)) {
    const s = stringReport(code);
    const p = await pageReport(code);
    errors = errors.concat(s.errors, p.errors);
    const todo = [
      ...s.missing.map((k) => `string ${k}`),
      ...p.missing.map((x) => `page ${x}`),
      ...p.outdated.map((x) => `page ${x} (out of date)`),
    ];
    if (todo.length)
      console.log(
        `${code}: ${todo.length} to do${todo.length <= 12 ? `: ${todo.join(', ')}` : ` (first 12: ${todo.slice(0, 12).join(', ')})`}`,
      );
  }
  const english = await pageReport(EN);
  errors = errors.concat(english.errors);
  if (errors.length) {
    console.error(`\n${errors.length} problem(s):\n- ${errors.join('\n- ')}`);
    process.exit(1);
  }
  console.log('\ni18n:check: no problems found.');
}

async function status() {
  const rows = [['language', 'strings', 'pages', 'out of date', 'review']];
  for (const l of LOCALES.filter((x) => x.code !== EN)) {
    const s = stringReport(l.code);
    const p = await pageReport(l.code);
    const m = meta(l.code);
    rows.push([
      `${l.code} ${l.englishName}`,
      `${s.done}/${s.total} ${percent(s.done, s.total)}`,
      `${p.current.length}/${p.total} ${percent(p.current.length, p.total)}`,
      String(p.outdated.length),
      m.status === 'reviewed' ? `reviewed by ${m.reviewer} on ${m.reviewedOn}` : m.status,
    ]);
  }
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  for (const r of rows) console.log(r.map((c, i) => c.padEnd(widths[i])).join('  '));
  // The same, page by page, for translators: into the build, at /translation-status/ (every build writes it too).
  const client = builtClientDir();
  if (client) console.error(`\nTranslators' status page written: ${await writeStatusPage(client)}`);
  else
    console.error("\nNo build yet: the translators' status page (/translation-status/) is written by npm run build.");
}

/** `export --lang pl --out pl.xlf`: one XLIFF 2.1 file with everything to translate in that language. */
function exportCommand(args) {
  const { values } = parseArgs({ args, options: { lang: { type: 'string' }, out: { type: 'string' } } });
  if (!values.lang || !values.out) {
    console.error('Usage: npm run i18n:export -- --lang <code> --out <file.xlf>');
    process.exit(2);
  }
  writeFileSync(values.out, exportXliff(values.lang));
  console.log(`Wrote ${values.out} (XLIFF 2.1, English to ${values.lang}).`);
}

/** `import pl.xlf [--reviewer "Name, qualification"] [--dry-run]`: checks the file, then writes it back. */
async function importCommand(args) {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { reviewer: { type: 'string' }, 'dry-run': { type: 'boolean' } },
  });
  if (positionals.length !== 1) {
    console.error('Usage: npm run i18n:import -- <file.xlf> [--reviewer "Name, qualification"] [--dry-run]');
    process.exit(2);
  }
  try {
    const result = await importXliff(readFileSync(positionals[0], 'utf8'), {
      reviewer: values.reviewer,
      dryRun: values['dry-run'],
    });
    for (const w of result.warnings) console.warn(`warning: ${w}`);
    const verb = values['dry-run'] ? 'Would write' : 'Wrote';
    console.log(
      result.written.length
        ? `${verb} ${result.written.length} file(s):\n  ${result.written.join('\n  ')}`
        : 'No changes: everything in the file is already in the project.',
    );
    console.log(`${result.lang} is ${result.status}.`);
  } catch (e) {
    if (!(e instanceof ImportError)) throw e;
    console.error(e.message);
    process.exit(1);
  }
}

const command = process.argv[2];
if (command === 'check') await check();
else if (command === 'status') await status();
else if (command === 'export') exportCommand(process.argv.slice(3));
else if (command === 'import') await importCommand(process.argv.slice(3));
else {
  console.error('Usage: node scripts/i18n.mjs check|status|export|import');
  process.exit(2);
}
