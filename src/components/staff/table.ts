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

/**
 * A table's column headings by name, in their order; `false` leaves a column
 * out (one only some readers see). The names let each cell take its column's
 * label (cellLabels) without counting columns.
 */
export type Heads<K extends string = string> = Readonly<Record<K, Head | false>>;

/** The headings shown, in order, each as a Column (from names, or from a list where no cell needs a label). */
export function columnsOf(heads: Heads | readonly (Head | false)[]): Column[] {
  return Object.values<Head | false>(heads)
    .filter((h) => h !== false)
    .map((h) => (typeof h === 'string' ? { text: h } : h));
}

/**
 * Each column's name for its data cells' `data-label` (the reflowing table's
 * CSS shows it before each stacked cell), so a page writes each name once, in
 * the table's heads: `<td data-label={label.from}>`. A column read by screen
 * readers only, or left out, has none (undefined: no attribute).
 */
export function cellLabels<K extends string>(heads: Heads<K>): Record<K, string | undefined> {
  const labels = {} as Record<K, string | undefined>;
  for (const key of Object.keys(heads) as K[]) {
    const head = heads[key];
    labels[key] = head === false ? undefined : typeof head === 'string' ? head : head.hidden ? undefined : head.text;
  }
  return labels;
}
