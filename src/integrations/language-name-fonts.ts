import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import subsetFont from 'subset-font';
import { LOCALES, type Script } from '../config/locales';

/** Where the small fonts are written, for src/styles/_fonts.scss (not kept in git: made again at every build). */
export const NAME_FONT_DIR = 'src/styles/generated';

type NameFont = 'latin-ext' | 'cyrillic' | 'arabic' | 'bengali' | 'gurmukhi' | 'gujarati' | 'tamil' | 'han';
/**
 * The regular face each name font is cut from (the same files as in
 * _fonts.scss). Urdu's name is cut from the Naskh font too: a Nastaliq cut
 * of four letters weighs 19 KB, Naskh 4, and Urdu readers read Naskh names
 * in menus every day; Urdu pages themselves are set in Nastaliq.
 * The Latin one holds only the accented letters outside basic Latin ("ă" in
 * "Română"), so an English page never downloads the 56 KB latin-ext font;
 * the Cyrillic one only the letters of "Русский", "Български" and their prompts, so an English
 * page shows them without the Cyrillic font (Russian and Bulgarian pages are
 * set in Noto Sans, whose Cyrillic file only their own pages download).
 */
const SOURCES: Record<NameFont, { file: string; scripts: Script[] }> = {
  'latin-ext': {
    file: '@fontsource/noto-sans/files/noto-sans-latin-ext-400-normal.woff2',
    scripts: ['latin'],
  },
  cyrillic: {
    file: '@fontsource/noto-sans/files/noto-sans-cyrillic-400-normal.woff2',
    scripts: ['cyrillic'],
  },
  arabic: {
    file: '@fontsource/noto-naskh-arabic/files/noto-naskh-arabic-arabic-400-normal.woff2',
    scripts: ['arabic', 'nastaliq'],
  },
  bengali: {
    file: '@fontsource/noto-sans-bengali/files/noto-sans-bengali-bengali-400-normal.woff2',
    scripts: ['bengali'],
  },
  gurmukhi: {
    file: '@fontsource/noto-sans-gurmukhi/files/noto-sans-gurmukhi-gurmukhi-400-normal.woff2',
    scripts: ['gurmukhi'],
  },
  gujarati: {
    file: '@fontsource/noto-sans-gujarati/files/noto-sans-gujarati-gujarati-400-normal.woff2',
    scripts: ['gujarati'],
  },
  tamil: {
    file: '@fontsource/noto-sans-tamil/files/noto-sans-tamil-tamil-400-normal.woff2',
    scripts: ['tamil'],
  },
  han: {
    file: '@fontsource/noto-sans-sc/files/noto-sans-sc-chinese-simplified-400-normal.woff2',
    scripts: ['han'],
  },
};

/** "Choose this language" in a language, as the chooser at / shows it under the language's name. */
function chooserPrompt(root: string, code: string): string {
  const strings = JSON.parse(readFileSync(join(root, `locales/${code}/common.json`), 'utf8')) as Record<string, string>;
  return strings['chooser.prompt'] ?? '';
}

/**
 * Writes, for each script other than Latin, a font holding only the letters
 * of the language names written in it ("বাংলা", "ਪੰਜਾਬੀ", "ગુજરાતી", "தமிழ்", "اردو", "العربية", "简体中文")
 * and of the chooser's prompt under each name,
 * so the language menu on every page shows every name in its own script,
 * on any phone, for a few kilobytes instead of every script's whole font.
 * Returns the files written and their sizes.
 */
export async function writeLanguageNameFonts(root: string): Promise<{ file: string; bytes: number }[]> {
  const require = createRequire(join(root, 'package.json'));
  mkdirSync(join(root, NAME_FONT_DIR), { recursive: true });
  const written: { file: string; bytes: number }[] = [];
  for (const [font, source] of Object.entries(SOURCES) as [NameFont, (typeof SOURCES)[NameFont]][]) {
    const text = LOCALES.filter((l) => source.scripts.includes(l.script))
      .map((l) => l.label + chooserPrompt(root, l.code))
      .join('');
    if (!text) continue;
    const subset = await subsetFont(readFileSync(require.resolve(source.file)), text, { targetFormat: 'woff2' });
    const file = join(NAME_FONT_DIR, `names-${font}.woff2`);
    writeFileSync(join(root, file), subset);
    written.push({ file, bytes: subset.length });
  }
  return written;
}

/** Makes the language-name fonts before Astro builds (or serves in development). */
export function languageNameFonts(): AstroIntegration {
  return {
    name: 'portal-language-name-fonts',
    hooks: {
      'astro:config:setup': async ({ config, logger }) => {
        const written = await writeLanguageNameFonts(fileURLToPath(config.root));
        logger.info(
          `language names: ${written.map((w) => `${w.file.split('/').pop()} ${(w.bytes / 1024).toFixed(1)} KB`).join(', ')}`,
        );
      },
    },
  };
}
