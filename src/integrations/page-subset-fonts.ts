import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import subsetFont from 'subset-font';
import { LOCALES, type Script } from '../config/locales';
import { NAME_FONT_DIR } from './language-name-fonts';

/**
 * Writing systems whose whole font is far too large to send a phone (Noto Sans
 * SC is 1.1 MB a weight, and split by Fontsource into ~100 files a weight,
 * which would be ~200 @font-face rules in the page's stylesheet). Pages in such
 * a language get one font per weight cut at each build to exactly the
 * characters its translation uses (script-<name>.scss names them).
 * Text a parent or staff member types in that script (a name, their views)
 * shows in the phone's own font for any character the cut does not hold.
 */
export const PAGE_SUBSETS: Partial<Record<Script, Record<400 | 700, string>>> = {
  han: {
    400: '@fontsource/noto-sans-sc/files/noto-sans-sc-chinese-simplified-400-normal.woff2',
    700: '@fontsource/noto-sans-sc/files/noto-sans-sc-chinese-simplified-700-normal.woff2',
  },
};

/** Every file a language's reader may see the text of: its UI strings, guidance, site pages and glossary. */
function languageFiles(root: string, code: string): string[] {
  const inDir = (dir: string) =>
    existsSync(join(root, dir))
      ? readdirSync(join(root, dir))
          .filter((f) => /\.(json|mdx)$/.test(f))
          .map((f) => join(root, dir, f))
      : [];
  const glossary = join(root, `content/glossary/${code}.json`);
  return [
    ...inDir(`locales/${code}`),
    ...inDir(`content/guidance/${code}`),
    ...inDir(`content/pages/${code}`),
    ...(existsSync(glossary) ? [glossary] : []),
  ];
}

/**
 * The characters of every language written in `script`, with the digits and
 * ASCII punctuation the pages put among them. Sorted, so the same text always
 * makes the same font.
 */
export function scriptText(root: string, script: Script): string {
  const text = LOCALES.filter((l) => l.script === script)
    .flatMap((l) => [l.label, ...languageFiles(root, l.code).map((f) => readFileSync(f, 'utf8'))])
    .join('');
  return [...new Set(text)].sort().join('');
}

/** Writes generated/page-<script>-<weight>.woff2 for each script in PAGE_SUBSETS that a language uses. */
export async function writePageSubsetFonts(root: string): Promise<{ file: string; bytes: number; chars: number }[]> {
  const require = createRequire(join(root, 'package.json'));
  mkdirSync(join(root, NAME_FONT_DIR), { recursive: true });
  const written: { file: string; bytes: number; chars: number }[] = [];
  for (const [script, weights] of Object.entries(PAGE_SUBSETS) as [Script, Record<400 | 700, string>][]) {
    if (!LOCALES.some((l) => l.script === script)) continue;
    const text = scriptText(root, script);
    for (const [weight, source] of Object.entries(weights)) {
      const subset = await subsetFont(readFileSync(require.resolve(source)), text, { targetFormat: 'woff2' });
      const file = join(NAME_FONT_DIR, `page-${script}-${weight}.woff2`);
      writeFileSync(join(root, file), subset);
      written.push({ file, bytes: subset.length, chars: [...text].length });
    }
  }
  return written;
}

/** Cuts the page fonts of PAGE_SUBSETS before Astro builds (or serves in development). */
export function pageSubsetFonts(): AstroIntegration {
  return {
    name: 'portal-page-subset-fonts',
    hooks: {
      'astro:config:setup': async ({ config, logger }) => {
        const written = await writePageSubsetFonts(fileURLToPath(config.root));
        for (const w of written)
          logger.info(`${w.file.split('/').pop()}: ${w.chars} characters, ${(w.bytes / 1024).toFixed(1)} KB`);
      },
    },
  };
}
