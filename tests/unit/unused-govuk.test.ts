import postcss from 'postcss';
import { describe, expect, it } from 'vitest';
import unusedGovuk from '../../scripts/css/unused-govuk.mjs';

// The build step that keeps only the govuk-frontend classes the portal writes
// in its public stylesheet (scripts/css/unused-govuk.mjs, in postcss.config.mjs).

const CSS = `
.govuk-button { color: green }
.govuk-no-such-class-anywhere { color: red }
.govuk-link, .govuk-no-such-class-anywhere:focus { color: blue }
.govuk-input--width-2 { width: 2.75ex }
.govuk-frontend-supported .govuk-exit-this-page { position: sticky }
.portal-prose p { margin: 0 }
@media (min-width: 40em) { .govuk-no-such-class-anywhere { color: red } }
`;

const prune = async (from: string) =>
  (await postcss([unusedGovuk({ only: /src\/styles\/main\.scss/ })]).process(CSS, { from })).css;

describe('unused govuk-frontend classes in the public stylesheet', () => {
  it('drops rules for classes written nowhere in the portal, and empty media queries', async () => {
    const css = await prune('/repo/src/styles/main.scss');
    expect(css).not.toContain('govuk-no-such-class-anywhere');
    expect(css).not.toContain('@media');
    expect(css).toMatch(/\.govuk-link \{ color: blue \}/);
  });

  it('keeps classes the portal writes, writes with a template, or govuk-frontend adds as it runs', async () => {
    const css = await prune('/repo/src/styles/main.scss');
    expect(css).toContain('.govuk-button {');
    expect(css).toContain('.portal-prose p');
    // `govuk-input--width-${…}` in TimelineDateInput.astro
    expect(css).toContain('.govuk-input--width-2');
    // govuk-frontend-supported is added by the page's script
    expect(css).toContain('.govuk-frontend-supported .govuk-exit-this-page');
  });

  it('leaves other stylesheets alone', async () => {
    const css = await prune('/repo/src/styles/staff.scss');
    expect(css).toContain('govuk-no-such-class-anywhere');
  });
});
