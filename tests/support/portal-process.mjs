// node tests/support/portal-process.mjs: one portal process for the several-process tests (portal-process.ts).
import { runServerModule } from '../../scripts/server-module.mjs';

process.exit(await runServerModule('/tests/support/portal-process.ts', 'main'));
