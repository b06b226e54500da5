import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { alias: { '~': fileURLToPath(new URL('./src', import.meta.url)) } },
  test: {
    include: ['tests/unit/**/*.test.ts'],
    environment: 'node',
    // Both cores (vitest's default leaves one idle on a two-core machine).
    maxWorkers: 2,
    env: { TZ: 'Europe/London', LOG_LEVEL: 'silent' },
  },
});
