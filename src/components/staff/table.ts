/** A column of a staff table (components/staff/StaffTable.astro): its heading. */
export interface Column {
  text: string;
  /** Right-aligned, for numbers (govuk-table__header--numeric). */
  numeric?: boolean | undefined;
  /** Read by screen readers only: a column of links or buttons whose own words say what they do. */
  hidden?: boolean | undefined;
}

/** A column heading: its words, or the column with its options. */
export type Head = string | Column;

const escapeAttribute = (text: string) => text.replace(/&/g, '&amp;').replace(/"/g, '&quot;');

/**
 * Puts each column's name on the data cells of rendered table rows, as
 * `data-label` (the reflowing table's CSS shows it before each stacked cell),
 * so a page writes each name once, in the table's heads. A cell that has its
 * own label, and the cells of a column whose name is `null`, are left alone.
 *
 * It reads the HTML Astro rendered for the rows: text there is escaped (no
 * literal `<td` outside a tag) and the staff tables hold no nested tables
 * and no spanning cells, so the n-th cell of a row is in the n-th column.
 */
export function labelCells(html: string, labels: readonly (string | null)[]): string {
  return html.replace(/<tr\b[\s\S]*?<\/tr>/g, (row) => {
    let column = -1;
    return row.replace(/<t([dh])\b([^>]*)>/g, (tag, kind: string, attributes: string) => {
      column++;
      const label = labels[column];
      if (kind !== 'd' || !label || /\sdata-label=/.test(attributes)) return tag;
      return `<td data-label="${escapeAttribute(label)}"${attributes}>`;
    });
  });
}
