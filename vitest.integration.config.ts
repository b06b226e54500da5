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
    // The files of a worker share its imported modules instead of importing
    // them again for each file: each test opens databases and services of
    // its own, so nothing a file does is left in a module for the next.
    // About 140 s -> 100 s here.
    isolate: false,
    // One PostgreSQL database per worker, dropped at the end (tests/support/pg-run.ts).
    globalSetup: ['tests/support/pg-run.ts'],
    setupFiles: ['tests/support/pg-worker.ts'],
    env: { TZ: 'Europe/London', LOG_LEVEL: 'silent' },
  },
});
