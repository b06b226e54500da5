import { test, expect } from '@playwright/test';
import { seedFreshFamilies } from '../support/fresh-family';
import { DEMO_STAFF, signInStaff } from '../support/staff-session';

// Staff form pages through the one form helper (src/server/http/form-page.ts).
// A refused change is shown on the page, in the error summary and at the
// field, and changes nothing: only refusals are sent to the demo team's pages.
test('an administrator sees on the page why a change to a staff account is refused', async ({ browser }) => {
  const context = await browser.newContext({ storageState: await signInStaff(browser, DEMO_STAFF.admin) });
  const page = await context.newPage();
  await page.goto('/staff/team/');
  const own = (await page.locator('table').getByRole('link', { name: 'Ada Admin' }).getAttribute('href')) ?? '';
  expect(own).toMatch(/^\/staff\/team\/[^/]+\/$/);
  const origin = new URL(page.url()).origin;
  const send = (form: Record<string, string>) =>
    page.request.post(own, { form, headers: { Origin: origin }, maxRedirects: 0 });

  // Your own role: the page offers no form, and the service refuses a forged one.
  const ownRole = await send({ action: 'role', role: 'officer' });
  expect(ownRole.status()).toBe(200);
  await page.setContent(await ownRole.text());
  await expect(page.locator('.govuk-error-summary')).toContainText(
    'You cannot change your own role or access. Ask another administrator.',
  );
  // Resetting your own app here is refused at the code field.
  const ownReset = await send({ action: 'reset-second-factor', code: '123456' });
  await page.setContent(await ownReset.text());
  await expect(page.locator('.govuk-error-summary a[href="#code"]')).toContainText('You cannot change your own role');
  // A role that does not exist is the form's own problem.
  const noRole = await send({ action: 'role', role: 'boss' });
  await page.setContent(await noRole.text());
  await expect(page.locator('.govuk-error-summary a[href="#role"]')).toHaveText('Choose a role');

  await page.goto('/staff/team/');
  await expect(page.getByRole('row', { name: /Ada Admin/ })).toContainText('Administrator');

  // Your own sign-in: a button pressed without a code is refused at its own field.
  await page.goto('/staff/account/');
  await page.getByRole('button', { name: 'Get new recovery codes' }).click();
  await expect(page.locator('.govuk-error-summary a[href="#renew-code"]')).toHaveText(
    'Enter the code your authenticator app shows now',
  );
  await expect(page.locator('#renew-code-error')).toContainText('Enter the code your authenticator app shows now');
  await page.getByRole('button', { name: 'Reset my app and sign out' }).click();
  await expect(page.locator('.govuk-error-summary a[href="#reset-code"]')).toHaveText(
    'Enter the code your authenticator app shows now, or one of your recovery codes',
  );
  await expect(page).toHaveURL(/\/staff\/account\/$/);
  await context.close();
});

test('one button withdraws a report, and another cancels a conference, each answered with a 303 (a fresh family)', async ({
  browser,
}) => {
  const family = seedFreshFamilies(['en']).en;
  if (!family) throw new Error('no fresh family');
  const context = await browser.newContext({ storageState: await signInStaff(browser, DEMO_STAFF.admin) });
  const page = await context.newPage();
  await page.goto(`/staff/conferences/${family.conferenceId}/`);
  await page.getByRole('link', { name: 'Health visitor report' }).click();
  await page.getByRole('button', { name: 'Withdraw this report' }).click();
  await expect(page).toHaveURL(/\/staff\/reports\/[^/]+\/\?done=withdrawn$/);
  await expect(page.locator('.govuk-notification-banner')).toContainText('Report withdrawn.');
  await expect(page.getByRole('button', { name: 'Withdraw this report' })).toHaveCount(0);

  await page.goto(`/staff/conferences/${family.conferenceId}/cancel/`);
  await page.getByRole('button', { name: 'Yes, cancel it' }).click();
  await expect(page).toHaveURL(new RegExp(`/staff/conferences/${family.conferenceId}/\\?done=cancelled$`));
  await expect(page.locator('.govuk-notification-banner')).toContainText('Conference cancelled.');
  await context.close();
});
