import { readFileSync } from 'node:fs';
import { test, expect, type Browser, type Page } from '@playwright/test';
import ICAL from 'ical.js';
import { DEMO_PARENTS } from '../support/outbox';
import { signInOnce, type SessionState } from '../support/parent-session';

// The parent area as the demo parents use it (src/server/demo): parent one has
// two reports, parent two one; a conference is coming up in 9 days and one was
// held 12 days ago. Each parent signs in once (the sign-in limits), then the
// tests run in order on the same data. Forms are used without JavaScript.
test.describe.configure({ mode: 'serial' });

const [PARENT_ONE, PARENT_TWO] = DEMO_PARENTS;
let one: SessionState;
let two: SessionState;
let conferenceUrl: string;
let pastConferenceUrl: string;

test.beforeAll(async ({ browser }) => {
  one = await signInOnce(browser, PARENT_ONE);
  two = await signInOnce(browser, PARENT_TWO);
});

/** A page signed in as one of the demo parents, with or without JavaScript. */
async function as(browser: Browser, state: SessionState, javaScriptEnabled = false): Promise<Page> {
  const context = await browser.newContext({ storageState: state, javaScriptEnabled });
  return context.newPage();
}

const summaryLinks = (page: Page) => page.locator('.govuk-error-summary a');

test('a parent sees their conferences: when, how long, where, the chair and the children', async ({ browser }) => {
  const page = await as(browser, one);
  await page.goto('/en/account/');
  await expect(page.getByRole('heading', { level: 1, name: 'Your conferences' })).toBeVisible();
  const upcoming = page.locator('section.portal-conference-card').first();
  await expect(upcoming.getByRole('heading', { level: 3 })).toContainText('First child protection conference');
  await expect(upcoming).toContainText('at 10:00');
  await expect(upcoming).toContainText('About 2 hours');
  await expect(upcoming).toContainText('Guildhall, High Street');
  await expect(upcoming).toContainText('Priya Shah');
  await expect(upcoming).toContainText('Jamie and Riley');
  // Each name isolated, so a Latin name cannot turn an Arabic list left to right ("Jamie وRiley").
  await expect(upcoming.locator('bdi')).toHaveText(['Jamie', 'Riley']);
  await expect(upcoming).toContainText('Going ahead');
  await expect(upcoming).toContainText('2 reports shared with you');
  await expect(page.getByRole('heading', { level: 2, name: 'Past conferences' })).toBeVisible();
  const past = page.locator('section.portal-conference-card').nth(1);
  await expect(past).toContainText('Has taken place');
  await expect(past.getByRole('link', { name: 'join the meeting online' })).toBeVisible();
  pastConferenceUrl = new URL(
    (await past.getByRole('link', { name: /See this conference/ }).getAttribute('href')) ?? '',
    page.url(),
  ).pathname;

  await upcoming.getByRole('link', { name: /See this conference/ }).click();
  conferenceUrl = new URL(page.url()).pathname;
  await expect(page.getByRole('heading', { level: 1 })).toContainText('First child protection conference');
  const actions = page.locator('.govuk-summary-list [data-action]');
  await expect(actions.filter({ hasText: 'Reports' })).toContainText('2 reports have been shared with you.');
  await expect(actions.filter({ hasText: 'Someone to come with you' })).toContainText(
    'You have not named a supporter.',
  );
  await expect(actions.filter({ hasText: 'Complaints' })).toContainText('You can complain here after the conference.');
  await expect(page.getByRole('heading', { level: 2, name: 'Dates before and after your conference' })).toBeVisible();
  // Kingston's own rules only: its 28-day complaint window has a date; the supporter notice it never set has none.
  await expect(page.locator('[data-deadline="complaint"]')).toContainText('Last day to make a complaint');
  await expect(page.locator('[data-deadline="supporter"]')).toHaveCount(0);
  await expect(page.locator('[data-undated]')).toBeVisible();
});

test('a parent downloads a report shared with them; the other parent sees only theirs and cannot fetch the rest', async ({
  browser,
}) => {
  const page = await as(browser, one, true);
  await page.goto(`${conferenceUrl}reports/`);
  const rows = page.locator('tbody tr');
  await expect(rows).toHaveCount(2);
  const row = rows.filter({ hasText: 'Social work report for the conference' });
  await expect(row).toContainText("Children's social care");
  await expect(row).toContainText('PDF');
  const link = row.getByRole('link', { name: /Download/ });
  const href = (await link.getAttribute('href')) ?? '';
  const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
  expect(download.suggestedFilename()).toBe('Social work report.pdf');
  expect(
    readFileSync(await download.path())
      .subarray(0, 5)
      .toString('latin1'),
  ).toBe('%PDF-');

  const response = await page.request.get(href);
  expect(response.headers()['content-disposition']).toBe(
    `attachment; filename="Social work report.pdf"; filename*=UTF-8''Social%20work%20report.pdf`,
  );
  expect(response.headers()['x-content-type-options']).toBe('nosniff');
  expect(response.headers()['cache-control']).toBe('no-store');
  expect(response.headers()['content-type']).toBe('application/pdf');

  const other = await as(browser, two);
  await other.goto(`${conferenceUrl}reports/`);
  await expect(other.locator('tbody tr')).toHaveCount(1);
  await expect(other.locator('tbody')).toContainText('School report');
  await expect(other.locator('tbody')).not.toContainText('Social work report');
  expect((await other.request.get(href)).status()).toBe(404);
});

test('a parent adds the conference to their calendar: a file that parses, at the meeting time, with a neutral title', async ({
  browser,
}) => {
  const page = await as(browser, one, true);
  await page.goto(conferenceUrl);
  const link = page.getByRole('link', { name: 'Add this meeting to your calendar' });
  const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
  expect(download.suggestedFilename()).toBe('meeting.ics');
  const text = readFileSync(await download.path(), 'utf8');
  const vevent = new ICAL.Component(ICAL.parse(text) as unknown[]).getFirstSubcomponent('vevent');
  if (!vevent) throw new Error('no event in the calendar file');
  const event = new ICAL.Event(vevent);
  expect(event.summary).toBe('Meeting – see portal');
  expect(text).not.toMatch(/Guildhall|Priya|Jamie|Riley|Sam|Taylor|child protection|conference/i);
  // The same 10:00 London time the page shows.
  const london = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', hour: '2-digit', minute: '2-digit' });
  expect(london.format(event.startDate.toJSDate())).toBe('10:00');
  expect(event.uid).toContain(conferenceUrl.split('/').filter(Boolean).at(-1));

  const href = (await link.getAttribute('href')) ?? '';
  const polish = await page.request.get(href.replace('/en/', '/pl/'));
  expect(polish.headers()['content-type']).toBe('text/calendar; charset=utf-8');
  expect(await polish.text()).toContain('SUMMARY:Spotkanie – zobacz portal');
  expect((await page.request.get(href.replace(/conferences\/[^/]+\//, 'conferences/not-theirs/'))).status()).toBe(404);
});

test('a parent names a supporter; an error keeps what they typed; the other parent never sees it', async ({
  browser,
}) => {
  const page = await as(browser, one);
  await page.goto(conferenceUrl);
  await page.getByRole('link', { name: 'Name a supporter' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Name a supporter' })).toBeVisible();
  await page.getByLabel('Their full name').fill('Jo Bloggs');
  await page.getByLabel('Who are they to you?').fill('my sister');
  await page.getByLabel('Phone number').fill('12345');
  await page.getByRole('button', { name: 'Send' }).click();

  await expect(page).toHaveTitle(/^Error: Name a supporter/);
  // Only the <title> says "Error:": the breadcrumb names the page as always.
  await expect(page.locator('.govuk-breadcrumbs [aria-current="page"]')).toHaveText('Name a supporter');
  await expect(summaryLinks(page)).toHaveText([
    'Select yes if your supporter is a solicitor',
    'Enter a phone number, like 020 7946 0958, or a number from another country starting with +',
  ]);
  await expect(summaryLinks(page).first()).toHaveAttribute('href', '#isSolicitor');
  await expect(page.getByLabel('Their full name')).toHaveValue('Jo Bloggs');
  await expect(page.getByLabel('Who are they to you?')).toHaveValue('my sister');
  await expect(page.getByLabel('Phone number')).toHaveValue('12345');

  await page.getByRole('radio', { name: 'No' }).check();
  await page.getByLabel('Phone number').fill('020 7946 0958');
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(page).toHaveURL(new RegExp(`${conferenceUrl}\\?saved=supporter$`));
  await expect(page.getByRole('alert')).toContainText("The conference team has your supporter's details.");
  await expect(page.locator('[data-action="supporter"]')).toContainText('You named a supporter: Jo Bloggs.');

  await page.getByRole('link', { name: /Change or withdraw.*Someone to come with you/ }).click();
  await expect(page.locator('[data-supporter]')).toContainText('020 7946 0958');

  const other = await as(browser, two);
  await other.goto(conferenceUrl);
  await expect(other.locator('[data-action="supporter"]')).toContainText('You have not named a supporter.');
  await other.goto(`${conferenceUrl}supporter/`);
  await expect(other.locator('main')).not.toContainText('Jo Bloggs');
});

test('a parent asks for an interpreter, and an error keeps their answers', async ({ browser }) => {
  const page = await as(browser, one);
  await page.goto(conferenceUrl);
  await page.getByRole('link', { name: /Ask for an interpreter/ }).click();
  await page.getByLabel('Which language?').fill('Polish');
  await page.getByRole('radio', { name: 'Another family member' }).check();
  await page.getByRole('button', { name: 'Send' }).click();

  await expect(summaryLinks(page)).toHaveText([
    'Enter who the interpreter is for',
    'Select when you need the interpreter',
  ]);
  await expect(page.getByLabel('Which language?')).toHaveValue('Polish');
  await expect(page.getByRole('radio', { name: 'Another family member' })).toBeChecked();
  await expect(page.getByRole('radio', { name: 'No preference' })).toBeChecked();

  await page.getByLabel('If it is for another family member, who is it?').fill('my mother');
  await page.getByRole('checkbox', { name: 'At the conference' }).check();
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(page).toHaveURL(/\?saved=interpreter$/);
  await expect(page.locator('[data-action="interpreter"]')).toContainText('You asked for an interpreter: Polish.');
});

test('a parent sends views; too long a text is refused and kept; it is sent once shorter', async ({ browser }) => {
  const page = await as(browser, one);
  await page.goto(`${conferenceUrl}attendance/`);
  await page.getByRole('radio', { name: 'No, I cannot come' }).check();
  await page.getByRole('checkbox', { name: 'Childcare' }).check();
  const long = 'My children are doing well at school. '.repeat(140).slice(0, 5001);
  expect(long).toHaveLength(5001);
  await page.getByLabel('What do you want the conference to know? (optional)').fill(long);
  await expect(page.getByText('You can enter up to 5,000 characters')).toBeVisible();
  await page.getByRole('button', { name: 'Send' }).click();

  await expect(summaryLinks(page)).toHaveText([/Your views must be 5,000 characters or fewer/]);
  await expect(summaryLinks(page)).toHaveAttribute('href', '#views');
  await expect(page.getByLabel('What do you want the conference to know? (optional)')).toHaveValue(long);
  await expect(page.getByRole('radio', { name: 'No, I cannot come' })).toBeChecked();
  await expect(page.getByRole('checkbox', { name: 'Childcare' })).toBeChecked();

  await page.getByLabel('What do you want the conference to know? (optional)').fill(long.slice(0, 4000));
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(page).toHaveURL(/\?saved=attendance$/);
  await expect(page.locator('[data-action="attendance"]')).toContainText(
    'You said you cannot come. You sent your views.',
  );

  const other = await as(browser, two);
  await other.goto(`${conferenceUrl}attendance/`);
  await expect(other.getByLabel('What do you want the conference to know? (optional)')).toHaveValue('');
});

test('with JavaScript, the error summary takes focus and the character count counts', async ({ browser }) => {
  const page = await as(browser, one, true);
  await page.goto(`${conferenceUrl}attendance/`);
  const views = page.getByLabel('What do you want the conference to know? (optional)');
  await views.fill('a'.repeat(5002));
  const count = page.locator('.govuk-character-count').filter({ has: page.locator('#views') });
  await expect(count.locator('.govuk-character-count__status')).toHaveText('You have 2 characters too many');
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(page.locator('.govuk-error-summary')).toBeFocused();
});

test('the complaint form is there only in the window after a conference', async ({ browser }) => {
  const page = await as(browser, one);
  await page.goto(`${conferenceUrl}complaint/`);
  await expect(page.getByText('You can complain here after the conference has happened.')).toBeVisible();
  await expect(page.getByRole('group', { name: 'What is your complaint about?' })).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'How to complain to the council' })).toBeVisible();

  await page.goto(`${pastConferenceUrl}complaint/`);
  await expect(page.getByText('Making a complaint does not change the decision of the conference.')).toBeVisible();
  await page.getByRole('button', { name: 'Send complaint' }).click();
  await expect(summaryLinks(page)).toHaveText(['Select what your complaint is about', 'Enter what happened']);
  await page.getByLabel('What happened?').fill('The meeting started an hour late.');
  await page.getByRole('button', { name: 'Send complaint' }).click();
  await expect(summaryLinks(page)).toHaveText(['Select what your complaint is about']);
  await expect(page.getByLabel('What happened?')).toHaveValue('The meeting started an hour late.');
  await page.getByRole('radio', { name: 'How the conference was run' }).check();
  await page.getByRole('button', { name: 'Send complaint' }).click();

  await expect(page.getByRole('heading', { level: 1, name: 'Complaint sent' })).toBeVisible();
  await expect(page.locator('[data-reference]')).toHaveText(/^CPC-\d{4}-\d{6}$/);
  const acknowledgement = new URL(page.url()).pathname;

  const other = await as(browser, two);
  expect((await other.goto(acknowledgement))?.status()).toBe(404);
  await other.goto(`${pastConferenceUrl}complaint/`);
  await expect(other.locator('[data-complaints]')).toHaveCount(0);
});

test("another family's conference, or one that does not exist, is not found", async ({ browser }) => {
  const page = await as(browser, one);
  for (const path of [
    '/en/account/conferences/00000000-0000-4000-8000-000000000000/',
    '/en/account/conferences/00000000-0000-4000-8000-000000000000/supporter/',
  ]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(404);
    await expect(page.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible();
  }
  expect((await page.request.get('/en/account/reports/00000000-0000-4000-8000-000000000000/download')).status()).toBe(
    404,
  );
  // Signed out, the parent area sends the reader to sign in.
  const stranger = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
  await stranger.goto(`${conferenceUrl}reports/`);
  await expect(stranger).toHaveURL(/\/en\/account\/sign-in\/$/);
});
