import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// The data layer and services, against both SQLite and PostgreSQL (tests/support/db.ts).
export default defineConfig({
  resolve: { alias: { '~': fileURLToPath(new URL('./src', import.meta.url)) } },
  test: {
    include: ['tests/integration/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    env: { TZ: 'Europe/London', LOG_LEVEL: 'silent' },
  },
});
