import { stringify } from 'csv-stringify/sync'

/** What a spreadsheet reads as the start of a formula (or of a DDE payload) when a cell begins with it. */
const FORMULA_START = /^[=+\-@\t\r]/

/**
 * A cell a spreadsheet shows as text: a string that would start a formula gets a leading
 * apostrophe (OWASP's advice for CSV injection). Numbers stay numbers.
 * @example safeCell('=HYPERLINK("http://x")') // "'=HYPERLINK(\"http://x\")"
 */
export function safeCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value
}

/**
 * The one way to write a CSV export: a header row, then the rows, every string cell neutralised
 * against formula injection. Every export goes through here. With `bom`, a UTF-8 byte order mark
 * first: spreadsheets (Excel) then read Armenian and Cyrillic headers and names as UTF-8, not in
 * the machine's legacy code page.
 * @example toCsv(['Name'], [['=1+1']]) // "Name\n'=1+1\n"
 */
export function toCsv(
  columns: string[],
  rows: Array<Array<string | number | null | undefined>>,
  opts: { bom?: boolean } = {},
): string {
  return stringify(rows, { header: true, bom: opts.bom === true, columns: columns.map(safeCell), cast: { string: safeCell } })
}
