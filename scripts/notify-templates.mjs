// npm run notify:templates -- [--lang en,pl] [--json]
import { runServerModule } from './server-module.mjs';

process.exit(
  await runServerModule('/src/server/cli/notify-templates.ts', 'printNotifyTemplates', process.argv.slice(2)),
);
