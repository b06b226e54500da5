import { test, expect, type Page } from '@playwright/test';
import { freshParent } from '../support/fresh-family';
import { signInOnce } from '../support/parent-session';
import { demoConferencePaths } from '../support/parent-area-walk';
import { DEMO_STAFF, signInStaff } from '../support/staff-session';
import { staffRouteUrls } from '../support/staff-routes';

/**
 * The one radios and one checkboxes component (components/form/Radios.astro,
 * Checkboxes.astro), in the parent area (Arabic, right to left) and the staff
 * area (English, the small variant): the fieldset is named by its legend and
 * described by its hint and then its error, the error starts with a hidden
 * "Error:" in the page's language, and each answer is named by its label and
 * described by its own hint, as the GOV.UK patterns ask.
 */
async function expectWired(
  page: Page,
  name: string,
  {
    kind,
    prefix,
    hint,
    small,
    error: hasError = true,
  }: { kind: 'radios' | 'checkboxes'; prefix: string; hint: boolean; small: boolean; error?: boolean },
) {
  const first = page.locator(`#${name}`);
  await expect(first).toHaveClass(new RegExp(`\\bgovuk-${kind}__input\\b`));
  await expect(first).toHaveAttribute('type', kind === 'radios' ? 'radio' : 'checkbox');
  const fieldset = page.locator(`fieldset.govuk-fieldset:has(#${name})`);
  await expect(fieldset).toHaveCount(1);
  await expect(fieldset.locator(':scope > legend.govuk-fieldset__legend')).not.toBeEmpty();
  const described = [hint && `${name}-hint`, hasError && `${name}-error`].filter(Boolean).join(' ');
  if (described) await expect(fieldset).toHaveAttribute('aria-describedby', described);
  else await expect(fieldset).not.toHaveAttribute('aria-describedby');
  if (hint) await expect(page.locator(`#${name}-hint.govuk-hint`)).not.toBeEmpty();
  const error = page.locator(`p#${name}-error.govuk-error-message`);
  await expect(page.locator(`.govuk-form-group--error:has(#${name})`)).toHaveCount(hasError ? 1 : 0);
  if (!hasError) await expect(error).toHaveCount(0);
  else await expect(error.locator('.govuk-visually-hidden')).toHaveText(prefix);
  await expect(fieldset.locator(`.govuk-${kind}`)).toHaveClass(
    small ? new RegExp(`\\bgovuk-${kind}--small\\b`) : new RegExp(`^(?!.*govuk-${kind}--small)`),
  );
  // What a screen reader announces for the group: its legend, then hint and error.
  await expect(fieldset).toHaveAccessibleName(/\S/);
  if (hasError) await expect(fieldset).toHaveAccessibleDescription(new RegExp(prefix));
  // Every answer is named by its own label; an answer's hint describes it.
  const inputs = fieldset.locator(`input.govuk-${kind}__input`);
  expect(await inputs.count()).toBeGreaterThan(1);
  for (const input of await inputs.all()) {
    const id = (await input.getAttribute('id')) ?? '';
    await expect(input).toHaveAttribute('name', name);
    await expect(fieldset.locator(`label.govuk-${kind}__label[for="${id}"]`)).toHaveCount(1);
    await expect(input).toHaveAccessibleName(/\S/);
    const itemHint = fieldset.locator(`#${id}-item-hint`);
    if (await itemHint.count()) await expect(input).toHaveAttribute('aria-describedby', `${id}-item-hint`);
  }
}

test('the interpreter form sent empty, in Arabic: radios with a follow-up field, and checkboxes', async ({
  browser,
}) => {
  test.setTimeout(90_000);
  // A family of its own: the demo family's interpreter request is changed by other specs.
  const state = await signInOnce(browser, freshParent('ar'));
  const { upcoming } = await demoConferencePaths(browser, state);
  const page = await (await browser.newContext({ storageState: state })).newPage();
  await page.goto(`/ar/${upcoming}interpreter/`);
  await page.locator('form:not([data-sign-out]) button[type=submit]').first().click();
  await expect(page.locator('.govuk-error-summary')).toBeVisible();
  await expectWired(page, 'forWhom', { kind: 'radios', prefix: 'خطأ:', hint: false, small: false });
  await expectWired(page, 'when', { kind: 'checkboxes', prefix: 'خطأ:', hint: true, small: false });
  // The follow-up field for "someone else" sits straight after that answer, inside the question.
  await expect(
    page.locator('.govuk-radios__item:has(#forWhom-3) + .govuk-radios__conditional #forWhomOther'),
  ).toHaveCount(1);
});

test('a new conference in the staff area: small checkboxes, and small radios with answer hints', async ({
  browser,
}) => {
  const state = await signInStaff(browser, DEMO_STAFF.admin);
  const page = await (await browser.newContext({ storageState: state })).newPage();
  const url = staffRouteUrls().find((u) => /\/cases\/[^/]+\/conferences\/new\/$/.test(u));
  expect(url).toBeDefined();
  await page.goto(url ?? '');
  await page.locator('main form[method=post] button[type=submit]').first().click();
  await expect(page.locator('.govuk-error-summary')).toBeVisible();
  // The kind of conference and the children come chosen (from the case), so neither has an error.
  await expectWired(page, 'children', { kind: 'checkboxes', prefix: 'Error:', hint: false, small: true, error: false });
  await expectWired(page, 'type', { kind: 'radios', prefix: 'Error:', hint: false, small: true, error: false });
  // Each kind of conference has its own hint.
  for (const id of ['type', 'type-2']) {
    await expect(page.locator(`#${id}`)).toHaveAttribute('aria-describedby', `${id}-item-hint`);
    await expect(page.locator(`#${id}-item-hint.govuk-radios__hint`)).not.toBeEmpty();
    await expect(page.locator(`#${id}`)).toHaveAccessibleDescription(/\S/);
  }
});

test('a new parent sent empty, in the staff area: small radios with a hint', async ({ browser }) => {
  const state = await signInStaff(browser, DEMO_STAFF.admin);
  const page = await (await browser.newContext({ storageState: state })).newPage();
  const url = staffRouteUrls().find((u) => /\/cases\/[^/]+\/parents\/new\/$/.test(u));
  expect(url).toBeDefined();
  await page.goto(url ?? '');
  await page.locator('main form[method=post] button[type=submit]').first().click();
  await expect(page.locator('.govuk-error-summary')).toBeVisible();
  await expectWired(page, 'sharesHousehold', { kind: 'radios', prefix: 'Error:', hint: true, small: true });
});
