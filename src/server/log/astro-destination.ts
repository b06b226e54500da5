/**
 * Where Astro's own messages go (astro.config.mjs `logger`). In the running
 * server, into the portal's JSON log like every other line; during a build
 * or `astro dev`, to the terminal as Astro writes them.
 *
 * Astro loads this file directly at build time, so it uses only erasable
 * TypeScript and relative imports.
 */
import nodeDestination from 'astro/logger/node';
import { isServerLog, log } from './index.ts';

interface AstroLogEvent {
  level: 'debug' | 'info' | 'warn' | 'error' | 'silent';
  label: string | null;
  message: string;
  newLine: boolean;
}

// Colour codes Astro puts into its messages for a terminal.
const SGR = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');

/** The destination Astro's logger writes to. */
export default function astroDestination(config?: Record<string, unknown>) {
  const terminal = nodeDestination(config);
  return {
    write(event: AstroLogEvent): void {
      if (!isServerLog()) return terminal.write(event);
      if (event.level === 'silent') return;
      log[event.level]({ component: `astro${event.label ? `:${event.label}` : ''}` }, event.message.replace(SGR, ''));
    },
  };
}
