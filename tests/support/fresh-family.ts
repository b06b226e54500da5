// Families of their own in the Playwright test server's database, one per
// language (journey-family.ts, through the staff services): an upcoming
// conference with a report shared, and a past one. A spec that sends forms or
// walks every form page uses one, so what other specs do to the demo family
// at the same time cannot change what it sees.
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import type { JourneyFamily } from './journey-family';
import { SERVER_DATA_ENV } from './outbox';

export function seedFreshFamilies(langs: readonly string[]): Record<string, JourneyFamily> {
  const out = execFileSync(process.execPath, ['tests/support/seed-journey.mjs', randomUUID().slice(0, 8), ...langs], {
    env: { ...process.env, ...SERVER_DATA_ENV, DEMO_DATA: '0' },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return JSON.parse(out.trim().split('\n').at(-1) ?? '{}') as Record<string, JourneyFamily>;
}

/** One fresh family's parent email, for `lang`. */
export function freshParent(lang: string): string {
  const family = seedFreshFamilies([lang])[lang];
  if (!family) throw new Error(`no fresh family for ${lang}`);
  return family.email;
}
