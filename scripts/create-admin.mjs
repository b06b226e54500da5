// npm run staff:create-admin -- --email name@council.gov.uk --name "Full Name"
// Loads the server code through Vite (as Astro does), so the same modules and
// settings are used as by the running portal.
import { createServer } from 'vite';

const vite = await createServer({ configFile: false, root: process.cwd(), logLevel: 'error', server: { middlewareMode: true, hmr: false, watch: null }, appType: 'custom', optimizeDeps: { noDiscovery: true } });
const code = await vite
  .ssrLoadModule('/src/server/cli/create-admin.ts')
  .then(({ createAdmin }) => createAdmin(process.argv.slice(2)))
  .finally(() => vite.close());
process.exit(code);
