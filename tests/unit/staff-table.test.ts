import { describe, expect, it } from 'vitest';
import { labelCells } from '~/components/staff/table';

// The reflowing staff table names each stacked cell from the column headings
// (components/staff/StaffTable.astro); these are the rows Astro renders.
describe('labelCells', () => {
  const labels = ['What', 'From', null];

  it("puts each column's name on its data cells, row by row", () => {
    const html =
      '<tr class="govuk-table__row"><td class="govuk-table__cell">Supporter</td><td class="govuk-table__cell">Jo</td></tr>' +
      '<tr class="govuk-table__row"><td class="govuk-table__cell">Interpreter</td><td class="govuk-table__cell">Sam</td></tr>';
    expect(labelCells(html, labels)).toBe(
      '<tr class="govuk-table__row"><td data-label="What" class="govuk-table__cell">Supporter</td><td data-label="From" class="govuk-table__cell">Jo</td></tr>' +
        '<tr class="govuk-table__row"><td data-label="What" class="govuk-table__cell">Interpreter</td><td data-label="From" class="govuk-table__cell">Sam</td></tr>',
    );
  });

  it('counts a row heading as a column but labels only data cells', () => {
    const html =
      '<tr><th scope="row" class="govuk-table__header">Supporter</th><td class="govuk-table__cell">Jo</td></tr>';
    expect(labelCells(html, labels)).toBe(
      '<tr><th scope="row" class="govuk-table__header">Supporter</th><td data-label="From" class="govuk-table__cell">Jo</td></tr>',
    );
  });

  it('leaves a column without a shown name (buttons, links) and a cell with its own label alone', () => {
    const html = '<tr><td data-label="Own">a</td><td>b</td><td><form><button>Mark seen</button></form></td></tr>';
    expect(labelCells(html, labels)).toBe(
      '<tr><td data-label="Own">a</td><td data-label="From">b</td><td><form><button>Mark seen</button></form></td></tr>',
    );
  });

  it('escapes a name for its attribute, and reads escaped text in a cell as text', () => {
    const html = '<tr><td>&lt;td&gt; is text</td><td>b</td></tr>';
    expect(labelCells(html, ['Say "hi" & go', 'B'])).toBe(
      '<tr><td data-label="Say &quot;hi&quot; &amp; go">&lt;td&gt; is text</td><td data-label="B">b</td></tr>',
    );
  });
});
