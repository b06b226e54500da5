// Run by vitest before each integration test file (setupFiles): this worker's PostgreSQL database exists (pg-run.ts).
import { inject } from 'vitest';
import { workerDatabase } from './pg-run';

await workerDatabase(inject('pgRun'));
