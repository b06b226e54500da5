// node tests/support/seed-journey.mjs <stamp> <lang>...: seeds the journey
// families (journey-family.ts) and prints them as JSON. The test server's
// data settings come from the environment (SERVER_DATA_ENV).
import { runServerModule } from '../../scripts/server-module.mjs';

const [stamp, ...langs] = process.argv.slice(2);
const families = await runServerModule('/tests/support/journey-family.ts', 'seedJourneyFamilies', langs, stamp);
process.stdout.write(`${JSON.stringify(families)}\n`);
process.exit(0);
