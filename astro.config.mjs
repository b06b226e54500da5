// @ts-check
import { readdirSync } from 'node:fs';
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import node from '@astrojs/node';
import { LOCALE_CODES } from './src/config/locales.ts';
import { UPLOAD_BODY_BYTES } from './src/config/limits.ts';
import { pagefind } from './src/integrations/pagefind.ts';
import { languageNameFonts } from './src/integrations/language-name-fonts.ts';
import { pageSubsetFonts } from './src/integrations/page-subset-fonts.ts';
import { compressBuild } from './src/integrations/compress.ts';
import { buildInfo } from './src/integrations/build-info.ts';
import { translationStatus } from './src/integrations/translation-status.ts';

// Which council this build is for. An unknown one stops here, in one line,
// before anything is built or dist/ is touched.
const authority = process.env.AUTHORITY?.trim() || 'kingston';
const councils = readdirSync(new URL('./content/authorities/', import.meta.url))
  .filter((f) => f.endsWith('.json'))
  .map((f) => f.slice(0, -'.json'.length))
  .sort();
if (!councils.includes(authority)) {
  console.error(`AUTHORITY="${authority}" is not a council profile. Use one of: ${councils.join(', ')}.`);
  process.exit(1);
}
const siteUrl = process.env.SITE_URL || `http://localhost:${process.env.PORT || 4321}`;

export default defineConfig({
  site: siteUrl,
  output: 'static',
  // scripts/serve.mjs is the server: it serves the built files itself and
  // hands every other request to Astro's handler.
  adapter: node({ mode: 'middleware', bodySizeLimit: UPLOAD_BODY_BYTES }),
  integrations: [
    languageNameFonts(),
    pageSubsetFonts(),
    mdx(),
    pagefind(),
    // The translators' page /translation-status/ (not in the search index, written after Pagefind).
    translationStatus(),
    // After Pagefind, so its scripts are compressed too.
    compressBuild(),
    buildInfo({ authority, siteUrl }),
  ],
  // The middleware checks that every change comes from SITE_URL's origin
  // exactly, and answers with the error page (src/server/http/request-guard.ts);
  // Astro's own check would compare with the address the server sees, which
  // behind a TLS proxy is not the one the browser used.
  security: { checkOrigin: false },
  // Astro's messages go into the portal's JSON log in the running server.
  logger: { entrypoint: './src/server/log/astro-destination.ts' },
  // No server-side session store: better-auth keeps sessions in the database.
  session: false,
  trailingSlash: 'ignore',
  i18n: {
    locales: LOCALE_CODES,
    defaultLocale: 'en',
    // Our middleware reads the language from the path; Astro's own i18n
    // middleware would refuse /staff/ (English only, no language prefix).
    routing: 'manual',
  },
  build: {
    // Our Content-Security-Policy allows no inline style or script, so every
    // stylesheet and script is a file.
    inlineStylesheets: 'never',
    format: 'directory',
  },
  vite: {
    build: { assetsInlineLimit: 0 },
    css: { preprocessorOptions: { scss: { quietDeps: true } } },
  },
  server: { port: 4321, host: '127.0.0.1' },
});
