import { authoritySchema, type Authority } from './authority-schema';

/** The council used when AUTHORITY is not set. */
export const DEFAULT_AUTHORITY = 'kingston';

const files = import.meta.glob<{ default: unknown }>('/content/authorities/*.json', { eager: true });

/** Parses every council profile; throws with the file and field at fault. */
export function parseAuthorities(raw: Record<string, { default: unknown }> = files): Map<string, Authority> {
  const all = new Map<string, Authority>();
  for (const [path, mod] of Object.entries(raw)) {
    const id = path.replace(/^.*\/(.+)\.json$/, '$1');
    const result = authoritySchema.safeParse(mod.default);
    if (!result.success) {
      const problems = result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
      throw new Error(`Council profile content/authorities/${id}.json is not valid:\n${problems}`);
    }
    if (result.data.id !== id) throw new Error(`content/authorities/${id}.json declares id "${result.data.id}"`);
    all.set(id, result.data);
  }
  return all;
}

const authorities = parseAuthorities();

/** Ids of every council profile, sorted. */
export const authorityIds = [...authorities.keys()].sort();

/** The council profile with this id; throws naming the valid ids. */
export function getAuthority(id: string): Authority {
  const found = authorities.get(id);
  if (!found) throw new Error(`AUTHORITY="${id}" is not a council profile. Use one of: ${authorityIds.join(', ')}`);
  return found;
}

/** The council this build or server serves, chosen by the AUTHORITY environment variable. */
export function currentAuthority(env: Record<string, string | undefined> = process.env): Authority {
  return getAuthority(env.AUTHORITY?.trim() || DEFAULT_AUTHORITY);
}
