import { test, expect, type Page } from '@playwright/test';

/**
 * The one text input (components/form/TextInput.astro), in the parent area
 * (translated, right to left in Arabic) and the staff area (English): its
 * label names the box, its hint and error describe it, and the error starts
 * with a hidden "Error:" in the page's language, as the GOV.UK pattern asks.
 */
async function expectWired(page: Page, id: string, prefix: string) {
  const input = page.locator(`#${id}`);
  await expect(input).toHaveClass(/\bgovuk-input\b/);
  await expect(input).toHaveClass(/\bgovuk-input--error\b/);
  await expect(page.locator(`label.govuk-label[for="${id}"]`)).toHaveCount(1);
  await expect(input).toHaveAttribute('aria-describedby', `${id}-hint ${id}-error`);
  await expect(page.locator(`#${id}-hint.govuk-hint`)).not.toBeEmpty();
  const error = page.locator(`p#${id}-error.govuk-error-message`);
  await expect(error.locator('.govuk-visually-hidden')).toHaveText(prefix);
  await expect(page.locator(`.govuk-form-group--error:has(#${id})`)).toHaveCount(1);
  // What a screen reader announces for the box: its label, then hint and error.
  await expect(input).toHaveAccessibleName(/\S/);
  await expect(input).toHaveAccessibleDescription(new RegExp(`${prefix}`));
}

test('parent sign-in, in Arabic: the email box with its hint and error', async ({ page }) => {
  await page.goto('/ar/account/sign-in/');
  await page.locator('#email').fill('not-an-address');
  await page.locator('form button[type=submit]').click();
  await expectWired(page, 'email', 'خطأ:');
  // An email address reads left to right inside the right-to-left page.
  await expect(page.locator('#email')).toHaveAttribute('dir', 'ltr');
  await expect(page.locator('#email')).toHaveAttribute('autocomplete', 'email');
  await expect(page.locator('#email')).toHaveAttribute('spellcheck', 'false');
});

test('staff sign-in: the email box with its hint and error', async ({ page }) => {
  await page.goto('/staff/sign-in/');
  await page.locator('#email').fill('not-an-address');
  await page.locator('form button[type=submit]').click();
  await expectWired(page, 'email', 'Error:');
});
