/**
 * CSV for spreadsheets (RFC 4180): every cell quoted, quotes doubled, CRLF
 * line ends, a byte order mark so Excel reads UTF-8. A cell that starts like
 * a formula (= + - @, tab or carriage return) gets a leading apostrophe, so
 * text a parent typed can never run as a formula in the chair's spreadsheet.
 */
export function toCsv(rows: readonly (readonly (string | number | null | undefined)[])[]): string {
  const cell = (value: string | number | null | undefined) => {
    let text = value === null || value === undefined ? '' : String(value);
    if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
    return `"${text.replace(/"/g, '""')}"`;
  };
  return `\uFEFF${rows.map((row) => row.map(cell).join(',')).join('\r\n')}\r\n`;
}
