/**
 * CSV cells that a spreadsheet would run as a formula (OWASP "CSV injection"): a cell starting
 * with =, @, a tab or a carriage return, or with + or - when it is not a plain number, gets a
 * leading apostrophe, which spreadsheets show as text. Numbers such as -3 (a deduction) or +1
 * stay numbers. Only for exports meant for people; season folders are written as they are.
 */
const PLAIN_NUMBER = /^[+-]?\d+(\.\d+)?(\/\d+)?$/;

export function spreadsheetSafe(cell: string): string {
  const first = cell.charAt(0);
  if (first === '=' || first === '@' || first === '\t' || first === '\r') return `'${cell}`;
  if ((first === '+' || first === '-') && !PLAIN_NUMBER.test(cell)) return `'${cell}`;
  return cell;
}

/** csv-stringify options that make every string cell spreadsheet-safe. */
export const SPREADSHEET_SAFE = { cast: { string: spreadsheetSafe } } as const;
