import { test, expect, type Page } from '@playwright/test';
import { DEMO_PARENTS, emailsTo, latestCode } from '../support/outbox';
import { uiString } from './support';

const [PARENT_ONE, PARENT_TWO] = DEMO_PARENTS;

/** Asks for a code on the sign-in page in `lang`; returns the code from the outbox folder. */
async function askForCode(page: Page, lang: string, email: string): Promise<string> {
  const before = emailsTo(email, 'sign-in-code').length;
  await page.goto(`/${lang}/account/sign-in/`);
  await page.getByRole('textbox', { name: lang === 'en' ? 'Email address' : /.+/ }).fill(email);
  await page.locator('form button[type=submit]').click();
  await expect(page).toHaveURL(new RegExp(`/${lang}/account/sign-in/code/$`));
  return latestCode(email, before);
}

/** A 6-digit code that is not `code`. */
const wrongCode = (code: string) => (code === '000000' ? '111111' : '000000');

test('a parent signs in with the emailed code, signs out, and cannot get back in without signing in', async ({
  page,
}) => {
  const gate = await page.goto('/en/account/');
  expect(page.url()).toMatch(/\/en\/account\/sign-in\/$/);
  expect(gate?.headers()['cache-control']).toBe('no-store');

  const code = await askForCode(page, 'en', PARENT_ONE);
  await expect(page.getByRole('heading', { level: 1, name: 'Check your email' })).toBeVisible();
  await expect(page.getByText('If this email address is on our list, we have sent a code to it:')).toBeVisible();
  const input = page.getByRole('textbox', { name: 'Code from the email' });
  await expect(input).toHaveAttribute('autocomplete', 'one-time-code');
  await expect(input).toHaveAttribute('inputmode', 'numeric');

  await input.fill(wrongCode(code));
  await page.getByRole('button', { name: 'Sign in' }).click();
  const summary = page.locator('.govuk-error-summary');
  await expect(summary).toBeFocused();
  await expect(
    summary.getByRole('link', {
      name: 'This code is not right. Check the email and try again. You can try 2 more times.',
    }),
  ).toHaveAttribute('href', '#code');
  await expect(page).toHaveTitle(/^Error: Check your email/);
  await expect(page.locator('.govuk-breadcrumbs [aria-current="page"]')).toHaveText('Check your email');

  await page.getByRole('textbox', { name: 'Code from the email' }).fill(code);
  const [home] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/en/account/')),
    page.getByRole('button', { name: 'Sign in' }).click(),
  ]);
  await expect(page).toHaveURL(/\/en\/account\/$/);
  expect(home.headers()['cache-control']).toBe('no-store');
  await expect(page.getByText('you will be signed out after 30 minutes if you do nothing')).toBeVisible();

  await page.getByRole('link', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/en\/account\/sign-out\/$/);
  await page.getByRole('button', { name: 'Sign out', exact: true }).click();
  await expect(page).toHaveURL(/\/en\/account\/signed-out\/$/);
  await expect(page.getByRole('heading', { level: 1, name: 'You have signed out' })).toBeVisible();

  await page.goto('/en/account/');
  await expect(page).toHaveURL(/\/en\/account\/sign-in\/$/);
  await expect(page.getByText('You have been signed out')).toHaveCount(0);
});

test('an address nobody has gets exactly the same answer and no email', async ({ page }) => {
  await page.goto('/en/account/sign-in/');
  await page.getByRole('textbox', { name: 'Email address' }).fill('not a address');
  await page.getByRole('button', { name: 'Send me a code' }).click();
  await expect(
    page
      .locator('.govuk-error-summary')
      .getByRole('link', { name: 'Enter an email address in the correct format, like name@example.com' }),
  ).toHaveAttribute('href', '#email');
  await expect(page.getByRole('textbox', { name: 'Email address' })).toHaveValue('not a address');

  await page.getByRole('textbox', { name: 'Email address' }).fill('nobody.here@example.test');
  await page.getByRole('button', { name: 'Send me a code' }).click();
  await expect(page).toHaveURL(/\/en\/account\/sign-in\/code\/$/);
  await expect(page.getByText('If this email address is on our list, we have sent a code to it:')).toBeVisible();
  await page.getByRole('textbox', { name: 'Code from the email' }).fill('123456');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.locator('.govuk-error-summary')).toContainText(
    'This code is not right. Check the email and try again. You can try 2 more times.',
  );
  expect(emailsTo('nobody.here@example.test')).toEqual([]);
});

test('in Arabic, every sign-in page reads right to left and the parent lands on their Arabic pages', async ({
  page,
}) => {
  const code = await askForCode(page, 'ar', PARENT_TWO);
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(page.locator('html')).toHaveAttribute('lang', 'ar');
  await page.locator('#code').fill(code);
  await page.locator('form button[type=submit]').click();
  await expect(page).toHaveURL(/\/ar\/account\/$/);
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');

  await page.goto('/ar/account/sign-out/');
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await page.locator('button[value=here]').click();
  await expect(page).toHaveURL(/\/ar\/account\/signed-out\/$/);
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await page.goto('/ar/account/');
  await expect(page).toHaveURL(/\/ar\/account\/sign-in\/$/);
});

test('without JavaScript, a parent whose session ended is told why on the sign-in page', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  const code = await askForCode(page, 'en', PARENT_ONE);
  await page.locator('#code').fill(code);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/en\/account\/$/);
  // 30 minutes without a page load: the session cookie (Max-Age 1800) is gone.
  const cookies = await context.cookies();
  await context.clearCookies();
  await context.addCookies(cookies.filter((c) => !c.name.includes('session_token')));
  await page.goto('/en/account/');
  await expect(page).toHaveURL(/\/en\/account\/sign-in\/\?reason=timeout$/);
  await expect(page.getByRole('region', { name: 'You have been signed out' })).toContainText(
    'you did nothing for 30 minutes',
  );
  await context.close();
});

test('the timeout warning appears 2 minutes before the end, in the reader’s language, keeps the session, and signs out when time runs out', async ({
  page,
}) => {
  await page.clock.install();
  const code = await askForCode(page, 'en', PARENT_TWO);
  await page.locator('#code').fill(code);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/ar\/account\/$/);
  const dialog = page.getByRole('dialog');
  await expect(dialog).toBeHidden();

  await page.clock.fastForward('28:05');
  await expect(dialog).toBeVisible();
  // Parent two reads Arabic: "You will be signed out in 2 minutes", "Stay signed in".
  const inMinutes = (form: string, n: number) =>
    uiString('ar', `auth:timeout.title_${form}`).replace('{{count}}', new Intl.NumberFormat('ar').format(n));
  await expect(dialog.getByRole('heading', { name: inMinutes('two', 2) })).toBeFocused();
  await dialog.getByRole('button', { name: uiString('ar', 'auth:timeout.stay') }).click();
  await expect(dialog).toBeHidden();

  await page.clock.fastForward('28:05');
  await expect(dialog).toBeVisible();
  await page.clock.fastForward('01:00');
  await expect(dialog.getByRole('heading')).toHaveText(inMinutes('one', 1));
  await page.clock.fastForward('01:00');
  await expect(page).toHaveURL(/\/ar\/account\/sign-in\/\?reason=timeout$/);
  await page.goto('/ar/account/');
  await expect(page).toHaveURL(/\/ar\/account\/sign-in\/$/);
});
