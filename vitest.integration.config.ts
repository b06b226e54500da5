import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// The data layer and services, against both SQLite and PostgreSQL (tests/support/db.ts).
export default defineConfig({
  resolve: { alias: { '~': fileURLToPath(new URL('./src', import.meta.url)) } },
  test: {
    include: ['tests/integration/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    // Creating a PostgreSQL database per test can take seconds while other files run.
    hookTimeout: 30_000,
    // The tests mostly wait on PostgreSQL, SQLite files and child processes, not
    // the CPU: three files at once on two cores (vitest's default would be one).
    maxWorkers: 3,
    // One PostgreSQL database per worker, dropped at the end (tests/support/pg-run.ts).
    globalSetup: ['tests/support/pg-run.ts'],
    setupFiles: ['tests/support/pg-worker.ts'],
    env: { TZ: 'Europe/London', LOG_LEVEL: 'silent' },
  },
});
