import { expect } from 'vitest';

/**
 * The answer of a service that must have said yes, narrowed to it: fails the
 * test (showing the refusal) when it said no. Use instead of
 * `expect(x.ok && x.y)`, which passes when two refusals compare equal.
 */
export function accepted<T extends { ok: boolean }>(result: T): Extract<T, { ok: true }> {
  expect(result).toMatchObject({ ok: true });
  return result as Extract<T, { ok: true }>;
}
