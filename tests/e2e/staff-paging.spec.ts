import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { test, expect, type Page } from '@playwright/test';
import { SERVER_DATA_DIR } from '../support/outbox';
import { DEMO_STAFF, signInStaff } from '../support/staff-session';

// A council's list of cases is long: the staff home shows 50 at a time, most
// recent change first, with Next and Previous that keep the search.
const COUNT = 120;

test('the cases list pages 50 at a time, forwards and back, keeping the search', async ({ browser }) => {
  const db = new DatabaseSync(join(SERVER_DATA_DIR, 'portal.sqlite'));
  db.exec('PRAGMA busy_timeout = 5000;');
  const insert = db.prepare('insert into cases (id, reference, created_at, updated_at) values (?, ?, ?, ?)');
  db.exec('begin');
  for (let i = 1; i <= COUNT; i++) {
    // Long ago, one minute apart: PAGING-120 changed most recently of these.
    const at = new Date(Date.UTC(2001, 0, 1, 0, i)).toISOString();
    insert.run(randomUUID(), `PAGING-${String(i).padStart(3, '0')}`, at, at);
  }
  db.exec('commit');
  db.close();

  const context = await browser.newContext({ storageState: await signInStaff(browser, DEMO_STAFF.officer) });
  const page = await context.newPage();
  const references = (p: Page) => p.locator('tbody a').allTextContents();
  const pages = page.getByRole('navigation', { name: 'Pages of cases' });

  await page.goto('/staff/?q=paging');
  const first = await references(page);
  expect(first).toHaveLength(50);
  expect(first[0]).toBe('PAGING-120');
  expect(first[49]).toBe('PAGING-071');
  await expect(pages.getByRole('link', { name: /Previous/ })).toHaveCount(0);

  await pages.getByRole('link', { name: /Next/ }).click();
  expect(new URL(page.url()).searchParams.get('q')).toBe('paging');
  const second = await references(page);
  expect(second).toHaveLength(50);
  expect(second[0]).toBe('PAGING-070');

  await pages.getByRole('link', { name: /Next/ }).click();
  const third = await references(page);
  expect(third).toHaveLength(COUNT - 100);
  expect(third.at(-1)).toBe('PAGING-001');
  await expect(pages.getByRole('link', { name: /Next/ })).toHaveCount(0);

  await pages.getByRole('link', { name: /Previous/ }).click();
  expect(await references(page)).toEqual(second);
  await pages.getByRole('link', { name: /Previous/ }).click();
  expect(await references(page)).toEqual(first);
  await context.close();
});
