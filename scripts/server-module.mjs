// Runs one function of the server code from the command line, loaded through
// Vite (as Astro loads it), so the same modules, locales, council profiles and
// settings are used as by the running portal.
import { createServer } from 'vite';

/** Loads `path` (from the project root), calls its export `name` with `args`, closes Vite, and returns what it returned. */
export async function runServerModule(path, name, ...args) {
  const vite = await createServer({
    configFile: false,
    root: process.cwd(),
    logLevel: 'error',
    server: { middlewareMode: true, hmr: false, watch: null },
    appType: 'custom',
    resolve: { alias: { '~': new URL('../src', import.meta.url).pathname } },
    optimizeDeps: { noDiscovery: true },
  });
  try {
    const module = await vite.ssrLoadModule(path);
    return await module[name](...args);
  } finally {
    await vite.close();
  }
}
