/**
 * Keyset paging for the staff lists: a page is the rows after (or before)
 * the last (or first) row seen, read through an index in order, so page 50
 * costs what page 1 costs (OFFSET would read and throw away 2,450 rows).
 * The position travels in the address as an opaque token ("after" or
 * "before"), beside the filters, so a page can be linked to and the
 * "Next" and "Previous" links work without JavaScript.
 */

/** Rows on a page of a staff list. */
export const PAGE_SIZE = 50;

/** The sort key of one row, e.g. [updated_at, id]. */
export type Cursor = (string | number)[];

export interface PageRequest {
  /** The rows after this position ("Next"). */
  after?: string | null | undefined;
  /** The rows before this position ("Previous"). */
  before?: string | null | undefined;
  /** Rows on a page (tests use small pages); default PAGE_SIZE, at most 200. */
  size?: number | undefined;
}

export interface Page<T> {
  rows: T[];
  /** Token for the next page, or null on the last. */
  next: string | null;
  /** Token for the previous page, or null on the first. */
  previous: string | null;
}

export function encodeCursor(values: Cursor): string {
  return Buffer.from(JSON.stringify(values), 'utf8').toString('base64url');
}

/** The position in a token, or null when it is missing or not one of ours (then the list starts again). */
export function decodeCursor(token: string | null | undefined, shape: readonly ('string' | 'number')[]): Cursor | null {
  if (!token) return null;
  try {
    const values: unknown = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    if (
      Array.isArray(values) &&
      values.length === shape.length &&
      values.every((v, i) => typeof v === shape[i] && (typeof v !== 'number' || Number.isFinite(v)))
    )
      return values as Cursor;
  } catch {
    // Not a token of ours: start from the top.
  }
  return null;
}

export interface Reading {
  /** Forward: in the list's order, after `cursor` (or from the top). Backward: in reverse, before it. */
  direction: 'forward' | 'backward';
  cursor: Cursor | null;
  size: number;
}

/** How to read the page asked for. */
export function reading(request: PageRequest, shape: readonly ('string' | 'number')[]): Reading {
  const size = Math.min(200, Math.max(1, Math.floor(request.size ?? PAGE_SIZE) || PAGE_SIZE));
  const before = decodeCursor(request.before, shape);
  if (before) return { direction: 'backward', cursor: before, size };
  return { direction: 'forward', cursor: decodeCursor(request.after, shape), size };
}

/**
 * The page from rows read `size + 1` at a time in the reading's direction
 * (the extra row says whether there is more that way).
 */
export function toPage<T>(rows: T[], how: Reading, keyOf: (row: T) => Cursor): Page<T> {
  const more = rows.length > how.size;
  const kept = rows.slice(0, how.size);
  if (how.direction === 'backward') kept.reverse();
  const first = kept[0];
  const last = kept.at(-1);
  const token = (row: T | undefined) => (row === undefined ? null : encodeCursor(keyOf(row)));
  return how.direction === 'forward'
    ? { rows: kept, previous: how.cursor ? token(first) : null, next: more ? token(last) : null }
    : { rows: kept, previous: more ? token(first) : null, next: token(last) };
}
