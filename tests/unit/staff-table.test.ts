import { describe, expect, it } from 'vitest';
import { cellLabels, columnsOf } from '~/components/staff/table';

// The reflowing staff table names each stacked cell from the column headings
// (components/staff/StaffTable.astro): each cell's data-label comes from its column's name.
describe('cellLabels', () => {
  it("gives each column's cells the column's words", () => {
    expect(cellLabels({ what: 'What', from: 'From', age: { text: 'Age', numeric: true } })).toEqual({
      what: 'What',
      from: 'From',
      age: 'Age',
    });
  });

  it('gives no label to a column read by screen readers only (buttons, links) or left out', () => {
    expect(cellLabels({ from: 'From', actions: { text: 'Actions', hidden: true }, conference: false })).toEqual({
      from: 'From',
      actions: undefined,
      conference: undefined,
    });
  });
});

describe('columnsOf', () => {
  it('lists the headings shown, in order, from names or from a list', () => {
    const heads = { what: 'What', conference: false, from: 'From', age: { text: 'Age', numeric: true } } as const;
    const columns = [{ text: 'What' }, { text: 'From' }, { text: 'Age', numeric: true }];
    expect(columnsOf(heads)).toEqual(columns);
    expect(columnsOf(['What', false, 'From', { text: 'Age', numeric: true }])).toEqual(columns);
  });
});
