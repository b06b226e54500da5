// PostCSS plugin: drops govuk-frontend rules for classes the portal never
// writes (a button style, a caption size, the footer's crown) from the
// stylesheets it is given, so a guidance page's render-blocking CSS holds only
// what the portal can show. A class counts as used when it appears anywhere
// in src/, content/ or locales/, or in govuk-frontend's own scripts (which
// add classes such as govuk-frontend-supported as the page runs). A class
// written with a template (`govuk-input--width-${n}`) keeps every class that
// starts with the literal part.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const SOURCES = ['src', 'content', 'locales', 'node_modules/govuk-frontend/dist/govuk'];
const TEXT = /\.(astro|ts|mts|mjs|js|md|mdx|json)$/;
const CLASS = /govuk-[A-Za-z0-9_-]+/g;

function files(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'generated' ? [] : files(full);
    return TEXT.test(e.name) ? [full] : [];
  });
}

/** Every govuk- class the portal's source or govuk-frontend's scripts mention. */
export function usedClasses() {
  const exact = new Set();
  const prefixes = new Set();
  for (const dir of SOURCES) {
    for (const file of files(join(root, dir))) {
      if (file.includes('/govuk-frontend/') && !/\.m?js$/.test(file)) continue;
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(CLASS)) {
        const name = m[0];
        // `govuk-input--width-${…}`: the literal part is a prefix.
        if (text.startsWith('${', m.index + name.length) || /[-_]$/.test(name)) prefixes.add(name);
        else exact.add(name);
      }
    }
  }
  return { has: (name) => exact.has(name) || [...prefixes].some((p) => name.startsWith(p)) };
}

/**
 * @param {{ only: RegExp }} options the stylesheets (by file path) to prune
 * @returns {import('postcss').Plugin}
 */
export default function unusedGovuk({ only }) {
  let used;
  return {
    postcssPlugin: 'portal-unused-govuk',
    Once(css, { result }) {
      const from = result.opts.from ?? '';
      if (!only.test(from)) return;
      used ??= usedClasses();
      css.walkRules((rule) => {
        if (rule.parent?.type === 'atrule' && /keyframes$/.test(rule.parent.name)) return;
        const kept = rule.selectors.filter((sel) =>
          [...sel.matchAll(/\.(govuk-[A-Za-z0-9_-]+)/g)].every((m) => used.has(m[1])),
        );
        if (kept.length === 0) rule.remove();
        else if (kept.length < rule.selectors.length) rule.selectors = kept;
      });
      css.walkAtRules((at) => {
        if (at.nodes && at.nodes.length === 0) at.remove();
      });
    },
  };
}
unusedGovuk.postcss = true;
