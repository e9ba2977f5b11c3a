/**
 * A new, empty ExcelJS workbook. ExcelJS is loaded only when a workbook is first made: it is
 * about half of the store host's code, and a host that has not been asked for a spreadsheet
 * starts (and answers the counter) without parsing it.
 */
import type ExcelJS from 'exceljs';

let loading: Promise<typeof ExcelJS> | null = null;

export async function newWorkbook(): Promise<ExcelJS.Workbook> {
  loading ??= import('exceljs').then((m) => (m as unknown as { default?: typeof ExcelJS }).default ?? (m as unknown as typeof ExcelJS));
  const excel = await loading;
  return new excel.Workbook();
}
