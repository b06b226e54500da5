import { test, expect, type Page } from '@playwright/test';
import { LANGUAGES, uiString } from './support';
import { readFileSync } from 'node:fs';
import { SERVER_LOG, emailsTo, latestCode, textPart } from '../support/outbox';
import { seedFreshFamilies } from '../support/fresh-family';
import type { JourneyFamily } from '../support/journey-family';

// A parent's whole journey, in each of seven languages, without JavaScript:
// sign in with the emailed code, see the conference and its deadlines,
// download a report, name a supporter, ask for an interpreter, say they are
// coming and send views, then complain about a past conference — and get a
// confirmation email each time, in their language, saying nothing about the
// family. Each language has a family of its own (journey-family.ts), so the
// journeys run side by side.
const JOURNEY_LANGS = ['en', 'ar', 'pl', 'ur', 'bn', 'fa', 'zh-Hans'] as const;
let families: Record<string, JourneyFamily>;

test.beforeAll(() => {
  families = seedFreshFamilies(JOURNEY_LANGS);
});

/** The Subject of an .eml file, decoded (RFC 2047 base64 for non-ASCII). */
const subjectOf = (eml: string) => {
  const raw = /^Subject: (.*)$/m.exec(eml)?.[1]?.trim() ?? '';
  const encoded = /^=\?UTF-8\?B\?(.*)\?=$/.exec(raw);
  return encoded ? Buffer.from(encoded[1] ?? '', 'base64').toString('utf8') : raw;
};
const send = (page: Page) => page.locator('main form:not([data-sign-out]) button[type=submit]').first().click();

for (const lang of JOURNEY_LANGS) {
  const { dir } = LANGUAGES.find((l) => l.code === lang) ?? { dir: 'ltr' };
  const say = (key: string) => uiString(lang, key);

  test(`a parent who reads ${lang} does everything the parent area offers, in ${lang}`, async ({ browser }) => {
    test.setTimeout(90_000);
    const family = families[lang];
    if (!family) throw new Error(`no journey family for ${lang}`);
    const page = await (await browser.newContext({ javaScriptEnabled: false })).newPage();

    // Sign in: the pages are in the reader's language, and so is the parent area.
    await page.goto(`/${lang}/account/sign-in/`);
    await expect(page.locator('html')).toHaveAttribute('lang', lang);
    await expect(page.locator('html')).toHaveAttribute('dir', dir);
    await page.locator('#email').fill(family.email);
    await send(page);
    const code = await latestCode(family.email);
    await page.locator('#code').fill(code);
    await send(page);
    await expect(page).toHaveURL(new RegExp(`/${lang}/account/$`));
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(say('account:conferences.title'));

    // The conference and the dates that follow from the council's rules.
    const conference = `/${lang}/account/conferences/${family.conferenceId}/`;
    await page.locator(`a[href="${conference}"]`).first().click();
    await expect(page.getByRole('heading', { level: 1 })).toContainText(say('account:conference.type.initial'));
    // Kingston's leaflet sets a complaint window (28 days), and no notice for a supporter.
    await expect(page.locator('[data-deadline="complaint"]')).toBeVisible();
    await expect(page.locator('[data-deadline="supporter"]')).toHaveCount(0);
    await expect(page.locator('[data-deadline]').first()).toBeVisible();

    // A shared report downloads as an attachment.
    await page.goto(`${conference}reports/`);
    const href = await page.locator('a[href*="/account/reports/"][download]').first().getAttribute('href');
    const download = await page.request.get(href ?? '');
    expect(download.status()).toBe(200);
    expect(download.headers()['content-disposition']).toMatch(/^attachment/);
    expect(download.headers()['x-content-type-options']).toBe('nosniff');
    expect((await download.body()).subarray(0, 5).toString()).toBe('%PDF-');

    // Name a supporter.
    await page.goto(`${conference}supporter/`);
    await page.locator('#name').fill('Lee Helper');
    await page.locator('#relationship').fill('Friend');
    await page.locator('input[name=isSolicitor][value=no]').check();
    await page.locator('#email').fill('pat@example.test');
    await send(page);
    await expect(page).toHaveURL(/\?saved=supporter$/);
    await expect(page.locator('.govuk-notification-banner--success')).toContainText(say('account:success.supporter'));

    // Ask for an interpreter.
    await page.goto(`${conference}interpreter/`);
    await page.locator('#language').fill('British Sign Language');
    await page.locator('input[name=forWhom][value=me]').check();
    await page.locator('input[name=preferredGender][value=any]').check();
    await page.locator('input[name=when][value=conference]').check();
    await send(page);
    await expect(page).toHaveURL(/\?saved=interpreter$/);
    await expect(page.locator('.govuk-notification-banner--success')).toContainText(say('account:success.interpreter'));

    // Say they are coming, with a need, and send views to be read out.
    await page.goto(`${conference}attendance/`);
    await page.locator('input[name=mode][value=in-person]').check();
    await page.locator('input[name=needs][value=breaks]').check();
    await page.locator('#views').fill('I want my child to stay at home with me.');
    await send(page);
    await expect(page).toHaveURL(/\?saved=attendance$/);
    await expect(page.locator('.govuk-notification-banner--success')).toContainText(say('account:success.attendance'));

    // Complain about the conference held 12 days ago.
    await page.goto(`/${lang}/account/conferences/${family.pastConferenceId}/complaint/`);
    await page.locator('input[name=about][value=process]').check();
    await page.locator('#details').fill('The meeting started an hour late.');
    await send(page);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(say('account:complaint.sentTitle'));
    await expect(page.locator('[data-reference]')).toHaveText(/^CPC-\d{4}-\d{6}$/);
    await expect(page.locator('html')).toHaveAttribute('dir', dir);

    // One confirmation per thing sent, in the reader's language, with no personal details.
    await expect.poll(() => emailsTo(family.email, 'received').length, { timeout: 15_000 }).toBe(4);
    for (const eml of emailsTo(family.email, 'received')) {
      expect(subjectOf(eml)).toBe(uiString(lang, 'email:received.subject'));
      expect(textPart(eml)).toContain(uiString(lang, 'email:received.body'));
      const shown = `${subjectOf(eml)}\n${eml.slice(eml.indexOf('\r\n\r\n'))}`;
      expect(shown).not.toMatch(/Jo Journey|\bKit\b|Lee Helper|JOURNEY-|British Sign Language|Guildhall/);
      expect(shown).not.toMatch(/child protection/i);
    }

    // The server's log: one JSON object a line, and none of this family's details anywhere in it.
    const log = readFileSync(SERVER_LOG, 'utf8');
    const lines = log.split('\n').filter(Boolean);
    for (const line of lines) expect(() => JSON.parse(line) as unknown, line).not.toThrow();
    expect(lines.some((l) => l.includes(`"route":"/[lang]/account/conferences/[id]/attendance"`))).toBe(true);
    for (const secret of [family.email, 'Jo Journey', 'Lee Helper', 'pat@example.test', code, 'stay at home'])
      expect(log, `the server log mentions ${secret}`).not.toContain(secret);
  });
}
