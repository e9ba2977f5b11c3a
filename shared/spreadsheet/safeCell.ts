/**
 * Text that a spreadsheet would read as a formula (or as the start of one when the sheet is saved
 * as CSV and opened again): =, +, -, @, a tab or a carriage return first. Such text is written with
 * a leading apostrophe, as OWASP advises, so the cell shows the text and never runs it.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function isFormulaLike(text: string): boolean {
  return FORMULA_START.test(text);
}

/** The text as a spreadsheet cell should hold it: unchanged, unless it would start a formula. */
export function safeCellText(text: string): string {
  return isFormulaLike(text) ? `'${text}` : text;
}
