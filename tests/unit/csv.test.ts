import { describe, expect, it } from 'vitest';
import { toCsv } from '~/server/services/csv';

const BOM = '\uFEFF';

describe('CSV for the chair’s pack', () => {
  it('starts with a byte order mark so Excel reads UTF-8, and ends every row with CRLF', () => {
    const csv = toCsv([
      ['Kind', 'Parent'],
      ['supporter', 'Zoë Łukasiewicz'],
    ]);
    expect(csv).toBe(`${BOM}"Kind","Parent"\r\n"supporter","Zoë Łukasiewicz"\r\n`);
  });

  it('quotes every cell (RFC 4180): commas, quotes doubled, line breaks kept inside the cell', () => {
    expect(toCsv([['a, b', 'say "hi"', 'line one\r\nline two']])).toBe(
      `${BOM}"a, b","say ""hi""","line one\r\nline two"\r\n`,
    );
  });

  it('writes nothing for a missing value, and numbers as they are', () => {
    expect(toCsv([[null, undefined, 0, 42]])).toBe(`${BOM}"","","0","42"\r\n`);
  });

  it('defuses anything a spreadsheet would run as a formula: = + - @, tab and carriage return', () => {
    const csv = toCsv([
      ['=HYPERLINK("http://evil.example","click")', '+44 20 7946 0000', '-2+3', '@SUM(A1:A9)', '\t=1', '\r=1', -5],
    ]);
    expect(csv).toBe(
      `${BOM}"'=HYPERLINK(""http://evil.example"",""click"")","'+44 20 7946 0000","'-2+3","'@SUM(A1:A9)","'\t=1","'\r=1","'-5"\r\n`,
    );
  });

  it('leaves ordinary text alone, including those characters later in a cell', () => {
    expect(toCsv([['Sam = parent', 'a+b', 'friend@example.test', "O'Brien"]])).toBe(
      `${BOM}"Sam = parent","a+b","friend@example.test","O'Brien"\r\n`,
    );
  });

  it('gives just the mark and a line end for one empty row', () => {
    expect(toCsv([[]])).toBe(`${BOM}\r\n`);
  });
});
