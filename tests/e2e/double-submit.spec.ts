import { execFileSync } from 'node:child_process';
import { test, expect } from '@playwright/test';
import type { JourneyFamily } from '../support/journey-family';
import { SERVER_DATA_ENV, emailsTo, latestCode } from '../support/outbox';

// A form sent many times at once (a double click, a browser retrying) is one
// submission: the page carries a submission key, every copy is answered with
// "saved", and the parent gets one confirmation email, not one per copy.
let family: JourneyFamily;

test.beforeAll(() => {
  const out = execFileSync(
    process.execPath,
    ['tests/support/seed-journey.mjs', `dbl${Date.now().toString(36)}`, 'en'],
    {
      env: { ...process.env, ...SERVER_DATA_ENV, DEMO_DATA: '0' },
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  family = (JSON.parse(out.trim().split('\n').at(-1) ?? '{}') as Record<string, JourneyFamily>).en!;
});

test('the supporter form sent 20 times at once is saved once, and every copy is answered', async ({ browser }) => {
  test.setTimeout(90_000);
  const page = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
  await page.goto('/en/account/sign-in/');
  await page.locator('#email').fill(family.email);
  await page.locator('main form button[type=submit]').first().click();
  await page.locator('#code').fill(await latestCode(family.email));
  await page.locator('main form button[type=submit]').first().click();
  await expect(page).toHaveURL(/\/en\/account\/$/);

  const url = `/en/account/conferences/${family.conferenceId}/supporter/`;
  await page.goto(url);
  const key = await page.locator('main form input[name=submission]').getAttribute('value');
  expect(key).toMatch(/^[0-9a-f-]{36}$/);
  const origin = new URL(page.url()).origin;
  const form = {
    action: 'save',
    submission: key ?? '',
    name: 'Lee Helper',
    relationship: 'Friend',
    isSolicitor: 'no',
    phone: '07946 000982',
    email: '',
  };
  const answers = await Promise.all(
    Array.from({ length: 20 }, () => page.request.post(url, { form, headers: { Origin: origin }, maxRedirects: 0 })),
  );
  expect(answers.map((a) => a.status())).toEqual(Array.from({ length: 20 }, () => 303));

  // One confirmation email for the one save (waiting a moment for any other to arrive).
  await expect.poll(() => emailsTo(family.email, 'received').length, { timeout: 15_000 }).toBe(1);
  await page.waitForTimeout(3_000);
  expect(emailsTo(family.email, 'received')).toHaveLength(1);
  // A new form shown afterwards has a new key.
  await page.goto(url);
  expect(await page.locator('main form input[name=submission]').getAttribute('value')).not.toBe(key);
});
