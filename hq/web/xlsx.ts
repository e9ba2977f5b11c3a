import ExcelJS from 'exceljs';
import { safeCellText } from '../../shared/spreadsheet/safeCell';

export interface XlsxColumn {
  header: string;
  /** Width in characters (default 16). */
  width?: number;
}

export type XlsxCell = string | number | null;

export interface XlsxSheet {
  name: string;
  columns: XlsxColumn[];
  rows: XlsxCell[][];
}

/**
 * Lists as an XLSX workbook, one sheet each: a bold header row, then the rows. Every text cell goes
 * through safeCellText, so text from a branch that looks like a formula is shown, never run.
 */
export async function xlsxOfSheets(sheets: XlsxSheet[]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  for (const { name, columns, rows } of sheets) {
    const sheet = book.addWorksheet(name.slice(0, 31).replace(/[[\]*?/\\:]/g, ' '));
    sheet.columns = columns.map((c) => ({ header: safeCellText(c.header), width: c.width ?? 16 }));
    sheet.getRow(1).font = { bold: true };
    sheet.views = [{ state: 'frozen', ySplit: 1 }];
    for (const row of rows) sheet.addRow(row.map((v) => (typeof v === 'string' ? safeCellText(v) : v)));
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** Any list as an XLSX workbook of one sheet. */
export function xlsxOf(sheetName: string, columns: XlsxColumn[], rows: XlsxCell[][]): Promise<Buffer> {
  return xlsxOfSheets([{ name: sheetName, columns, rows }]);
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
