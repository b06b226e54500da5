// npm run staff:create-admin -- --email name@council.gov.uk --name "Full Name"
import { runServerModule } from './server-module.mjs';

process.exit(await runServerModule('/src/server/cli/create-admin.ts', 'createAdmin', process.argv.slice(2)));
