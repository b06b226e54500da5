// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import node from '@astrojs/node';
import { LOCALE_CODES } from './src/config/locales.ts';
import { pagefind } from './src/integrations/pagefind.ts';
import { languageNameFonts } from './src/integrations/language-name-fonts.ts';

export default defineConfig({
  site: process.env.SITE_URL || 'http://localhost:4321',
  output: 'static',
  adapter: node({ mode: 'standalone' }),
  integrations: [languageNameFonts(), mdx(), pagefind()],
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
