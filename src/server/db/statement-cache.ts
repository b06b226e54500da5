import type { DatabaseSync, StatementSync } from 'node:sqlite';

/** How many distinct statements are kept (an `in (?, ?, …)` list makes one per length, so the set is bounded but not tiny). */
const DEFAULT_SIZE = 500;

/**
 * node:sqlite with each statement prepared once and then reused.
 *
 * Kysely's node:sqlite driver prepares every query afresh; SQLite then
 * parses and plans the same SQL on every request (issue #16: a parent's
 * dashboard runs the same dozen queries every time). A prepared statement can
 * run again with new parameters, so the driver is given this stand-in, whose
 * `prepare` hands back the statement already made for that SQL. The least
 * recently used are let go past `size`. The driver runs one statement at a
 * time (it holds a lock on its one connection), so a shared statement is
 * never used by two queries at once.
 */
export function withStatementCache(database: DatabaseSync, size = DEFAULT_SIZE): DatabaseSync {
  const statements = new Map<string, StatementSync>();
  const prepare = (sql: string): StatementSync => {
    let statement = statements.get(sql);
    if (statement) {
      // Most recently used last (Map keeps insertion order).
      statements.delete(sql);
    } else {
      statement = database.prepare(sql);
      // The driver asks before every run whether the statement returns rows (columns(), which
      // builds a description of every column, as long as running the query itself). Whether it
      // does never changes for one SQL text, so the first answer is kept.
      const columns = statement.columns();
      statement.columns = () => columns;
      if (statements.size >= size) {
        const oldest = statements.keys().next().value;
        if (oldest !== undefined) statements.delete(oldest);
      }
    }
    statements.set(sql, statement);
    return statement;
  };
  return new Proxy(database, {
    get(target, key) {
      if (key === 'prepare') return prepare;
      if (key === 'close')
        return () => {
          statements.clear();
          target.close();
        };
      const value: unknown = Reflect.get(target, key, target);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}
