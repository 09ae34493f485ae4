/**
 * CSV text as the server's exports and the pages' evidence downloads write it:
 * one rule for both, so a cell a spreadsheet would run as a formula is text in
 * every file the product hands out.
 */

/**
 * The byte-order mark a CSV starts with by default: Excel on Windows reads a
 * CSV without one in the system's code page, so Japanese and Chinese names come
 * out as mojibake; with it, as UTF-8.
 */
export const BOM = '\uFEFF';

/**
 * One CSV field. A value a spreadsheet would read as a formula (starting with =,
 * +, -, @, tab or CR) gets a leading ' so it shows as text (OWASP, CSV
 * injection); then RFC 4180: a field with a comma, quote, CR or LF is quoted and
 * its quotes doubled.
 */
export function csvField(value: string): string {
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One record: its fields guarded and joined, ended in CRLF. */
export const csvLine = (fields: readonly string[]): string => `${fields.map(csvField).join(',')}\r\n`;
