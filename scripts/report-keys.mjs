// npm run reports:new-key -- --id 2027-01   (prints a key for REPORT_KEYS)
// npm run reports:rotate-keys               (seals every report with the current key)
import { runServerModule } from './server-module.mjs';

const [command, ...args] = process.argv.slice(2);
const name = { 'new-key': 'newReportKey', 'rotate-keys': 'rotateReportKeys' }[command];
if (!name) {
  console.error('Usage: node scripts/report-keys.mjs new-key|rotate-keys');
  process.exit(2);
}
process.exit(await runServerModule('/src/server/cli/report-keys.ts', name, args));
