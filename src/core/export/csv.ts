// CSV for spreadsheets: RFC 4180 quoting plus a defence against formula injection.
//
// A cell whose text a spreadsheet would read as a formula (it starts with = + - @, a tab or a CR, also after
// leading spaces, double quotes or zero-width characters, and in their full-width forms) gets a leading apostrophe.
// Excel, LibreOffice and Google Sheets then show it as text and never evaluate it; the apostrophe stays visible
// in some of them, which we accept: a changed-looking cell is better than a macro run on the reviewer's machine.
// Typed numbers, and text that is exactly a decimal number such as "-5", are written unchanged: a spreadsheet
// reads them as the same number and there is no formula in them to run.

/** Anything a table holds: text, numbers, booleans, dates, null; lists and objects are written as JSON text. */
export type Cell = unknown;

const NUMERIC = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const TRIGGER = '=+\\-@\\uFF1D\\uFF0B\\uFF0D\\uFF20';
const STARTS_FORMULA = new RegExp(`^(?:[\\t\\r]|[\\s"\\u200B-\\u200D\\u2060]*[${TRIGGER}])`);
const NEEDS_QUOTES = /[",\r\n]/;

/** True when a spreadsheet could evaluate `text` as a formula. */
export const isFormulaLike = (text: string) => STARTS_FORMULA.test(text) && !NUMERIC.test(text);

/** Text a spreadsheet shows as-is: formula-like text gets a leading apostrophe. */
export const defuse = (text: string) => (isFormulaLike(text) ? `'${text}` : text);

/** RFC 4180 field: quoted when it holds a quote, comma, CR or LF; quotes doubled. */
export const quoteField = (text: string) => (NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text);

/** The text of one cell, before quoting. Numbers stay numbers; everything else is defused text. */
export function cellText(value: Cell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'bigint') return String(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString();
  return defuse(typeof value === 'string' ? value : asJson(value));
}

function asJson(value: unknown): string {
  try { return JSON.stringify(value) ?? ''; } catch { return String(value); }
}

/** One record. A lone empty cell is written `""` so the line is not mistaken for a blank one. */
export function csvRow(cells: readonly Cell[]): string {
  const line = cells.map((c) => quoteField(cellText(c))).join(',');
  return line === '' && cells.length === 1 ? '""' : line;
}

export interface CsvOptions {
  /** Start with a UTF-8 byte order mark so Excel opens the file as UTF-8. */
  bom?: boolean;
}

/** A whole CSV document: header line, then one line per row, CRLF after every line. */
export function toCsv(header: readonly string[], rows: Iterable<readonly Cell[]>, opts: CsvOptions = {}): string {
  const out = [csvRow(header)];
  for (const row of rows) out.push(csvRow(row));
  return `${opts.bom ? '\uFEFF' : ''}${out.join('\r\n')}\r\n`;
}
