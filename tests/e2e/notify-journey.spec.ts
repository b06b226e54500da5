import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect } from '@playwright/test';
import { DEMO_PARENTS } from '../support/outbox';
import { FAKE_NOTIFY_KEY, startFakeNotify } from '../support/fake-notify';
import { LANGUAGE_SEGMENT } from '~/config/locales';

// The portal as a council that uses GOV.UK Notify runs it: every email and
// text goes to Notify's API (here the stand-in server on 127.0.0.1). A parent
// signs in with the code Notify emailed, chooses text messages, confirms the
// mobile with the code Notify texted, and sees the next reminder listed.
test.describe.configure({ timeout: 120_000 });

const PORT = Number(process.env.PW_PORT || 4322) + 40;
const BASE = `http://127.0.0.1:${PORT}`;
const PARENT = DEMO_PARENTS[0];
const MOBILE = '+447123456789';

/** One template id per message this journey sends, in English (the fake fills none: it records the values sent). */
const TEMPLATES = {
  'sign-in-code': { email: { en: randomUUID() } },
  'mobile-code': { sms: { en: randomUUID() } },
  received: { email: { en: randomUUID() } },
  'new-message': { email: { en: randomUUID() } },
  'conference-changed': { email: { en: randomUUID() } },
};

let server: ChildProcess;
let fake: Awaited<ReturnType<typeof startFakeNotify>>;
let data: string;

test.beforeAll(async () => {
  fake = await startFakeNotify();
  data = mkdtempSync(join(tmpdir(), 'portal-notify-'));
  server = spawn(process.execPath, ['scripts/serve.mjs'], {
    env: {
      PATH: process.env.PATH ?? '',
      HOST: '127.0.0.1',
      PORT: String(PORT),
      SITE_URL: BASE,
      SQLITE_PATH: join(data, 'portal.sqlite'),
      REPORTS_DIR: join(data, 'reports'),
      DEMO_DATA: '1',
      NOTIFY_API_KEY: FAKE_NOTIFY_KEY,
      NOTIFY_BASE_URL: fake.url,
      NOTIFY_TEMPLATES: JSON.stringify(TEMPLATES),
      ASTRO_TELEMETRY_DISABLED: '1',
    },
    stdio: 'ignore',
  });
  for (let i = 0; i < 300; i++) {
    if (
      await fetch(`${BASE}/readyz`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the portal did not start');
});

test.afterAll(async () => {
  server.kill('SIGTERM');
  await new Promise((r) => server.once('exit', r));
  await fake.close();
  rmSync(data, { recursive: true, force: true });
});

/** The code in the newest message Notify was asked to send to `to` after `after` messages. */
async function codeSentTo(to: string, after: number): Promise<string> {
  for (let i = 0; i < 100; i++) {
    const mine = fake.sent.filter((n) => n.to === to);
    const code = mine.length > after ? mine.at(-1)?.personalisation.code : undefined;
    if (code) return code;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`Notify was not asked to send a code to ${to}`);
}

test('through GOV.UK Notify: sign in with the emailed code, choose texts, confirm the mobile with the texted code', async ({
  page,
}) => {
  const emailsBefore = fake.sent.filter((n) => n.to === PARENT).length;
  await page.goto(`${BASE}/en/account/sign-in/`);
  await page.locator('#email').fill(PARENT);
  await page.locator('form button[type=submit]').click();
  await expect(page).toHaveURL(/\/en\/account\/sign-in\/code\/$/);
  const emailed = await codeSentTo(PARENT, emailsBefore);
  expect(fake.sent.at(-1)).toMatchObject({ type: 'email', template_id: TEMPLATES['sign-in-code'].email.en });
  await page.locator('#code').fill(emailed);
  await page.locator('form button[type=submit]').click();
  await expect(page).toHaveURL(new RegExp(`/${LANGUAGE_SEGMENT}/account/$`));

  await page.goto(`${BASE}/en/account/reminders/`);
  await page.getByLabel('By text message', { exact: true }).check();
  await page.getByLabel('UK mobile number').fill('07123 456789');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page).toHaveURL(/\/en\/account\/reminders\/confirm-mobile\/?$/);
  const texted = await codeSentTo(MOBILE, 0);
  const text = fake.sent.filter((n) => n.to === MOBILE).at(-1);
  expect(text).toMatchObject({ type: 'sms', template_id: TEMPLATES['mobile-code'].sms.en });
  // Only the code (and neutral values) reach Notify: no name, no email address.
  expect(JSON.stringify(text?.personalisation)).not.toMatch(/Sam|Taylor|example\.test/);

  await page.getByLabel('Code', { exact: true }).fill(texted);
  await page.getByRole('button', { name: 'Confirm' }).click();
  await expect(page).toHaveURL(/\/en\/account\/reminders\/?\?saved=mobile$/);
  const next = page.getByRole('list', { name: 'What will we send you next?' });
  await expect(next.getByRole('listitem').first()).toContainText('(by text message)');
});
