// npm run reminders:due -- --at <ISO instant>: the reminders due then, one JSON object a line (nothing is sent).
import { runServerModule } from './server-module.mjs';

process.exit(await runServerModule('/src/server/cli/reminders-due.ts', 'printDueReminders', process.argv.slice(2)));
