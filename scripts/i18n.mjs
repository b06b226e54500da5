// Translators' tools. `node scripts/i18n.mjs check` fails on mistakes a
// translator can make; `node scripts/i18n.mjs status` prints where each
// language stands. See locales/README.md.
import { LOCALES } from '../src/config/locales.ts';
import { EN, meta, pageReport, percent, stringReport } from './i18n-report.mjs';

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
}

const command = process.argv[2];
if (command === 'check') await check();
else if (command === 'status') await status();
else {
  console.error('Usage: node scripts/i18n.mjs check|status');
  process.exit(2);
}
