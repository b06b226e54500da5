import { z } from 'zod';

/**
 * Settings read from the environment at build and start. Every setting has a
 * safe default for the embedded mode.
 */
const siteSchema = z.object({
  /** Where "Exit this page" sends the reader: a neutral site that gives nothing away. */
  EXIT_URL: z.url().startsWith('https://').default('https://www.bbc.co.uk/weather'),
});

export const site = siteSchema.parse({ EXIT_URL: process.env.EXIT_URL || undefined });
