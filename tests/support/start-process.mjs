// node tests/support/start-process.mjs: one portal process starting up (start-process.ts).
import { runServerModule } from '../../scripts/server-module.mjs';

process.exit(await runServerModule('/tests/support/start-process.ts', 'main'));
