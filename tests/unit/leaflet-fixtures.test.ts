import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { authorityIds, getAuthority } from '~/config/authorities';

// The leaflets the profile tests read are copies (tests/fixtures/leaflets):
// every council's leaflet is there, and, where the workplace's shared/seeds
// is beside this checkout, each copy is the same as the original.
const FIXTURES = path.resolve(process.cwd(), 'tests/fixtures/leaflets');
const SEEDS = path.resolve(process.cwd(), '../shared/seeds');

describe('the leaflet copies the tests read', () => {
  it.each(authorityIds)('hold %s’s leaflet', (id) => {
    expect(existsSync(path.join(FIXTURES, getAuthority(id).leaflet))).toBe(true);
  });

  it.runIf(existsSync(SEEDS))('are the same as the leaflets in shared/seeds', () => {
    const originals = readdirSync(SEEDS).filter((f) => f.endsWith('.txt'));
    expect(originals.length).toBeGreaterThanOrEqual(5);
    for (const file of originals)
      expect(readFileSync(path.join(FIXTURES, file), 'utf8'), file).toBe(readFileSync(path.join(SEEDS, file), 'utf8'));
  });
});
