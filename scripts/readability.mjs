// Writers' check: prints the readability of English guidance pages, from the
// build (npm run build first). Usage: node scripts/readability.mjs [slug…]
// The same measure is enforced by tests/build/guidance.test.ts.
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { LIMITS, measure, textBlocks } from '../tests/support/readability.ts';

const dir = process.env.CLIENT_DIR || 'dist/client';
const slugs = process.argv.slice(2).length
  ? process.argv.slice(2)
  : readdirSync('content/guidance/en').map((f) => f.replace(/\.mdx$/, ''));
let bad = 0;
for (const slug of slugs) {
  const file = `${dir}/en/${slug}/index.html`;
  if (!existsSync(file)) {
    console.log(`${slug}: not built`);
    bad++;
    continue;
  }
  const r = measure(textBlocks(readFileSync(file, 'utf8')));
  const over = r.sentences.filter((s) => s.split(/\s+/).length > LIMITS.maxSentenceWords);
  const ok = r.readingEase >= LIMITS.minReadingEase && r.averageWords <= LIMITS.maxAverageWords && over.length === 0;
  if (!ok) bad++;
  console.log(
    `${ok ? 'ok  ' : 'FAIL'} ${slug}: ease ${r.readingEase.toFixed(1)}, grade ${r.grade.toFixed(1)}, ${r.averageWords.toFixed(1)} words/sentence, longest ${r.longest.words}: "${r.longest.sentence}"`,
  );
  for (const s of over) console.log(`     over ${LIMITS.maxSentenceWords} words: "${s}"`);
}
process.exit(bad ? 1 : 0);
