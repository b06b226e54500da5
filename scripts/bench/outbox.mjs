// npm run bench:outbox (see outbox.ts)
import { runServerModule } from '../server-module.mjs';

process.exit(await runServerModule('/scripts/bench/outbox.ts', 'main'));
