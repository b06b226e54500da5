import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { writeStatusPage } from '../../scripts/i18n-status-page.mjs';

/**
 * After every build: the translators' status page at /translation-status/
 * (scripts/i18n-status-page.mjs), so it is always in the build and always
 * current. Before compressBuild, which writes its compressed copies.
 */
export function translationStatus(): AstroIntegration {
  let clientDir = '';
  return {
    name: 'portal-translation-status',
    hooks: {
      'astro:config:done': ({ config }) => {
        clientDir = fileURLToPath(config.build.client);
      },
      'astro:build:done': async ({ logger }) => {
        const page = await writeStatusPage(clientDir);
        logger.info(`translators' status page: ${page}`);
      },
    },
  };
}
