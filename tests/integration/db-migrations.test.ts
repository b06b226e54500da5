import { describe, it, expect } from 'vitest';
import { DATABASES } from '../support/db';

describe.each(DATABASES)('the $name database', ({ open }) => {
  it('creates every table and keeps the audit log append-only', async () => {
    const db = await open();
    try {
      await db.db
        .insertInto('audit_log')
        .values({
          at: new Date().toISOString(),
          actor_type: 'system',
          actor_id: null,
          action: 'test.entry',
          case_id: null,
          subject_type: null,
          subject_id: null,
          detail: null,
        })
        .execute();
      await expect(db.db.updateTable('audit_log').set({ action: 'changed' }).execute()).rejects.toThrow(/append-only/);
      await expect(db.db.deleteFrom('audit_log').execute()).rejects.toThrow(/append-only/);
      const rows = await db.db.selectFrom('audit_log').select('action').execute();
      expect(rows).toEqual([{ action: 'test.entry' }]);
    } finally {
      await db.close();
    }
  });
});
