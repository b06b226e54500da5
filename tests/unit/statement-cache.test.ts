import { DatabaseSync, StatementSync } from 'node:sqlite';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { withStatementCache } from '~/server/db/statement-cache';

describe('the SQLite statement cache', () => {
  afterEach(() => vi.restoreAllMocks());

  it('prepares each SQL text once and describes its columns once, with the answers of a fresh statement', () => {
    const database = withStatementCache(new DatabaseSync(':memory:'));
    database.exec('create table t (id integer primary key, name text)');
    const columns = vi.spyOn(StatementSync.prototype, 'columns');
    const select = database.prepare('select id, name from t where id > ?');
    expect(database.prepare('select id, name from t where id > ?')).toBe(select);
    const insert = database.prepare('insert into t (name) values (?)');
    insert.run('a');
    insert.run('b');
    for (let i = 0; i < 3; i++) {
      expect(select.columns().map((c) => c.name)).toEqual(['id', 'name']);
      expect(insert.columns()).toEqual([]);
    }
    expect(select.all(0)).toEqual([
      { id: 1, name: 'a' },
      { id: 2, name: 'b' },
    ]);
    // Once each, when prepared: the driver's question before every run is answered from memory.
    expect(columns).toHaveBeenCalledTimes(2);
    database.close();
  });
});
