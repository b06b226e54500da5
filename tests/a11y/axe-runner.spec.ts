import { test, expect } from '@playwright/test';
import { axeViolations, preloadAxe } from '../support/axe';

// The accessibility specs trust axeViolations to find what axe finds. This
// breaks a real page in three ways axe must catch (no language on the page,
// grey text on white, two links too small to tap side by side: WCAG 2.2's
// target size, a rule axe runs only when asked) and checks all three are
// reported, with axe loaded on demand and with axe preloaded into every page
// of the context.
const breakPage = () => {
  document.documentElement.removeAttribute('lang');
  const p = document.createElement('p');
  p.textContent = 'Words in pale grey on white';
  p.style.color = '#bbbbbb';
  p.style.background = '#ffffff';
  const links = document.createElement('div');
  for (const word of ['one', 'two']) {
    const a = document.createElement('a');
    a.href = `#${word}`;
    a.textContent = word;
    a.style.cssText = 'display: inline-block; width: 10px; height: 10px; overflow: hidden; font-size: 8px';
    links.append(a);
  }
  document.querySelector('main')?.prepend(p, links);
};
const BROKEN = ['html-has-lang', 'color-contrast', 'target-size'];

test('axe, loaded on demand, reports a page with no language, text too faint to read and links too small to tap', async ({
  page,
}) => {
  await page.goto('/en/');
  expect(await axeViolations(page)).toEqual([]);
  await page.evaluate(breakPage);
  const found = (await axeViolations(page)).map((line) => line.split(':')[0]);
  expect(found).toEqual(expect.arrayContaining(BROKEN));
});

test('axe, preloaded into every page, reports the same after the walk moves on', async ({ context, page }) => {
  await preloadAxe(context);
  await page.goto('/en/');
  await page.goto('/en/glossary/');
  expect(await axeViolations(page)).toEqual([]);
  await page.evaluate(breakPage);
  const found = (await axeViolations(page)).map((line) => line.split(':')[0]);
  expect(found).toEqual(expect.arrayContaining(BROKEN));
});
