import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Tests over real builds: each council profile is built and its pages read.
export default defineConfig({
  resolve: { alias: { '~': fileURLToPath(new URL('./src', import.meta.url)) } },
  test: {
    include: ['tests/build/**/*.test.ts'],
    environment: 'node',
    testTimeout: 180_000,
    hookTimeout: 180_000,
    fileParallelism: false,
    globalSetup: ['tests/build/global-setup.ts'],
    env: { TZ: 'Europe/London', ASTRO_TELEMETRY_DISABLED: '1' },
  },
});
