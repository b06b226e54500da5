// The translators' status page, /translation-status/: per language, the UI
// strings and pages done, out of date and reviewed, with links to the English
// source. Written into every build (src/integrations/translation-status.ts)
// and by `npm run i18n:status` into an existing build. Not linked from the
// parents' pages, and not for search engines (noindex). Paths are relative to
// the working directory (the project, or a copy of it).
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LOCALES } from '../src/config/locales.ts';
import { compressFile } from '../src/integrations/compress.ts';
import { EN, meta, pageReport, percent, pluralSuffix, strings, stringReport } from './i18n-report.mjs';
import { model, readMdx } from './i18n-xliff.mjs';

export const STATUS_DIR = 'translation-status';

const esc = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Where each language stands, from the project's files. */
export async function statusData() {
  const languages = [];
  for (const l of LOCALES.filter((x) => x.code !== EN)) {
    const s = stringReport(l.code);
    const p = await pageReport(l.code);
    const { files, meta: own } = model(l.code);
    const reviewed = own.reviewedSegments ?? {};
    // A string with plural forms counts once: reviewed when every form is.
    const byString = new Map();
    for (const f of files.filter((x) => x.kind === 'strings'))
      for (const u of f.units) {
        const key = `${f.ns}:${u.id.replace(pluralSuffix, '')}`;
        byString.set(key, [...(byString.get(key) ?? []), u]);
      }
    const stringUnits = [...byString.values()];
    const pages = files
      .filter((f) => f.kind === 'page')
      .map((f) => {
        const slug = f.id.replace('.', '/');
        return {
          slug,
          path: f.source,
          url: `/${EN}/${slug.split('/')[1]}/`,
          ownUrl: `/${l.code}/${slug.split('/')[1]}/`,
          title: readMdx(f.source).fields.title ?? slug,
          state: p.missing.includes(slug) ? 'missing' : p.outdated.includes(slug) ? 'out of date' : 'done',
          reviewed: f.units.filter((u) => u.state === 'final').length,
          segments: f.units.length,
        };
      });
    languages.push({
      ...l,
      meta: meta(l.code),
      strings: {
        total: s.total,
        done: s.done,
        missing: s.missing,
        reviewed: stringUnits.filter((us) => us.every((u) => u.state === 'final')).length,
        // Reviewed once, but the English or the translation changed since.
        outdated: stringUnits.filter((us) => us.some((u) => reviewed[u.key] && u.state !== 'final')).length,
      },
      pages: {
        total: p.total,
        done: p.current.length,
        outdated: p.outdated.length,
        missing: p.missing.length,
        reviewed: pages.filter((x) => x.state === 'done' && x.reviewed === x.segments).length,
        list: pages,
      },
    });
  }
  return languages;
}

const STATE_TEXT = { done: 'Done', 'out of date': 'Out of date', missing: 'Not translated' };

/** The page's HTML (English; each language's own name marked with its language). */
export function statusHtml(languages, generated = new Date()) {
  const when = generated.toISOString().replace('T', ' ').slice(0, 16);
  const name = (l) => `${esc(l.englishName)} (<span lang="${l.code}" dir="${l.dir}">${esc(l.label)}</span>)`;
  const review = (m) =>
    m.status === 'reviewed' ? `Reviewed by ${esc(m.reviewer)} on ${esc(m.reviewedOn)}` : 'Not reviewed yet';
  const table = (id, caption, head, rows) => `
<div class="scroll" role="region" aria-labelledby="${id}" tabindex="0">
<table>
<caption id="${id}">${caption}</caption>
<thead><tr>${head.map((h, i) => `<th scope="col"${i ? ' class="num"' : ''}>${h}</th>`).join('')}</tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table>
</div>`;
  const summary = table(
    'summary',
    'Every language against English',
    [
      'Language',
      'Strings done',
      'Strings out of date',
      'Strings reviewed',
      'Pages done',
      'Pages out of date',
      'Pages reviewed',
      'Review',
    ],
    languages.map(
      (l) =>
        `<tr><th scope="row"><a href="#${l.code}">${name(l)}</a></th><td class="num">${l.strings.done} of ${l.strings.total} (${percent(l.strings.done, l.strings.total)})</td><td class="num">${l.strings.outdated}</td><td class="num">${l.strings.reviewed} of ${l.strings.total}</td><td class="num">${l.pages.done} of ${l.pages.total} (${percent(l.pages.done, l.pages.total)})</td><td class="num">${l.pages.outdated}</td><td class="num">${l.pages.reviewed} of ${l.pages.total}</td><td>${review(l.meta)}</td></tr>`,
    ),
  );
  const sections = languages.map((l) => {
    const pages = table(
      `${l.code}-pages`,
      `Pages in ${esc(l.englishName)}`,
      ['English page (the source)', 'State', 'Segments reviewed', 'Translation'],
      l.pages.list.map(
        (p) =>
          `<tr><th scope="row"><a href="${p.url}">${esc(p.title)}</a><br><code>${esc(p.path)}</code></th><td class="state-${p.state.replace(/ /g, '-')}">${STATE_TEXT[p.state]}</td><td class="num">${p.reviewed} of ${p.segments}</td><td>${p.state === 'missing' ? '—' : `<a href="${p.ownUrl}" hreflang="${l.code}">${esc(l.englishName)} page<span class="visually-hidden">: ${esc(p.title)}</span></a>`}</td></tr>`,
      ),
    );
    const en = (key) => {
      const [ns, k] = key.split(':');
      const all = strings(EN, ns);
      return all[k] ?? all[`${k}_other`] ?? '';
    };
    const missing = l.strings.missing.length
      ? `<ul>${l.strings.missing.map((k) => `<li><code>${esc(k)}</code>: “${esc(en(k))}”</li>`).join('')}</ul>`
      : '<p>None: every string is translated.</p>';
    return `
<section aria-labelledby="${l.code}">
<h2 id="${l.code}">${name(l)}</h2>
<p>${review(l.meta)}.${l.meta.note ? ` ${esc(l.meta.note)}` : ''}</p>
<p>Strings: ${l.strings.done} of ${l.strings.total} done, ${l.strings.outdated} out of date, ${l.strings.reviewed} of ${l.strings.total} reviewed (English source: <code>locales/${EN}/</code>).
Pages: ${l.pages.done} of ${l.pages.total} done, ${l.pages.outdated} out of date, ${l.pages.missing} not translated, ${l.pages.reviewed} reviewed.</p>
${pages}
<h3>Strings still to translate</h3>
${missing}
</section>`;
  });
  return `<!doctype html>
<html lang="en" dir="ltr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>Translation status: for translators</title>
<link rel="stylesheet" href="/${STATUS_DIR}/status.css">
</head>
<body>
<main>
<h1>Translation status</h1>
<p>For translators and the people who look after the portal's languages. It shows, for each language, how many of the short texts (strings) and pages are translated, which are out of date because the English changed after they were translated, and which a qualified translator has reviewed. English is the source: each page links to its English version.</p>
<p>Made on ${when} UTC from the project's files. <code>npm run i18n:status</code> makes it again; <code>npm run i18n:export</code> gives a language's XLIFF file for a CAT tool. The translators' guide is <code>locales/README.md</code>.</p>
<h2>Summary</h2>
${summary}
${sections.join('\n')}
</main>
</body>
</html>
`;
}

const CSS = `html { font-family: system-ui, "Noto Sans", Arial, sans-serif; color: #0b0c0c; background: #fff; line-height: 1.4; }
body { margin: 0; }
main { max-width: 72rem; margin: 0 auto; padding: 1rem; overflow-wrap: break-word; }
h1 { font-size: 2rem; margin: 0.5rem 0 1rem; }
h2 { font-size: 1.5rem; margin: 2rem 0 0.75rem; }
h3 { font-size: 1.2rem; margin: 1.5rem 0 0.5rem; }
a { color: #1d70b8; text-decoration-thickness: max(1px, 0.0625rem); text-underline-offset: 0.1em; }
a:visited { color: #4c2c92; }
a:focus, .scroll:focus { outline: 3px solid transparent; background: #ffdd00; color: #0b0c0c; box-shadow: 0 -2px #ffdd00, 0 4px #0b0c0c; text-decoration: none; }
.scroll:focus { background: none; box-shadow: 0 0 0 3px #ffdd00, 0 0 0 6px #0b0c0c; }
/* relative: the visually hidden text inside a table is placed within the scrolling box, not the page (it made the page 191 px too wide at 320 px). */
.scroll { position: relative; overflow-x: auto; margin-bottom: 1rem; }
table { border-collapse: collapse; min-width: 100%; }
caption { text-align: start; font-weight: 700; padding: 0.5rem 0; }
th, td { text-align: start; vertical-align: top; padding: 0.5rem 1rem 0.5rem 0; border-bottom: 1px solid #b1b4b6; }
.num { text-align: end; white-space: nowrap; }
code { font-family: ui-monospace, monospace; font-size: 0.9em; overflow-wrap: anywhere; }
.state-out-of-date, .state-missing { font-weight: 700; }
.visually-hidden { position: absolute !important; width: 1px !important; height: 1px !important; margin: 0 !important; padding: 0 !important; overflow: hidden !important; clip-path: inset(50%) !important; white-space: nowrap !important; border: 0 !important; }
`;

/** Writes the page (and its stylesheet, with compressed copies) into a build's client folder. */
export async function writeStatusPage(clientDir) {
  const dir = join(clientDir, STATUS_DIR);
  mkdirSync(dir, { recursive: true });
  const files = [
    [join(dir, 'index.html'), statusHtml(await statusData())],
    [join(dir, 'status.css'), CSS],
  ];
  for (const [file, text] of files) {
    writeFileSync(file, text);
    // Compressed copies from an earlier run would be sent instead of the new page.
    for (const suffix of ['.br', '.gz']) rmSync(`${file}${suffix}`, { force: true });
    if (text.length >= 1024) await compressFile(file, false);
  }
  return join(dir, 'index.html');
}

/** The default build's client folder, when there is a build. */
export const builtClientDir = () => (existsSync('dist/client') ? 'dist/client' : null);
