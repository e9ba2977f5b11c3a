import { newWorkbook } from '../spreadsheet/workbook';
import { chinaDateTime } from '../deadlines/calendar';
import { categoryLabel, type CategorySettings } from '../domain/categories';
import type { CaseRecord } from '../domain/case';
import { safeCellText } from '../spreadsheet/safeCell';
import type { CaseEntry } from '../sync/protocol';

/** Reads a screen text by key in the file's language (the store passes its translate). */
export type Translate = (key: string) => string;

interface Column {
  heading: string;
  width: number;
  value: (c: CaseRecord, entry: CaseEntry) => string | number;
}

const when = (at: number | null | undefined) => (typeof at === 'number' && Number.isFinite(at) ? chinaDateTime(at) : '');

function columns(t: Translate, categories: CategorySettings): Column[] {
  return [
    { heading: t('forms.field.caseNo'), width: 22, value: (c) => c.caseNo },
    { heading: t('forms.field.state'), width: 10, value: (c) => t(`state.${c.state}`) },
    { heading: t('export.xlsx.receivedAt'), width: 17, value: (c) => when(c.receivedAt) },
    { heading: t('forms.field.channel'), width: 8, value: (c) => t(`channel.${c.channel}`) },
    { heading: t('forms.field.category'), width: 14, value: (c) => categoryLabel(c.category, categories, t) },
    { heading: t('forms.field.severity'), width: 8, value: (c) => t(`severity.${c.severity}`) },
    { heading: t('forms.field.complainant'), width: 12, value: (c) => c.complainant?.name ?? '' },
    { heading: t('forms.field.phone'), width: 15, value: (c) => c.complainant?.phone ?? '' },
    { heading: t('field.businessRef.general'), width: 16, value: (c) => c.businessRef },
    { heading: t('forms.field.content'), width: 40, value: (c) => c.content },
    { heading: t('forms.field.expected'), width: 30, value: (c) => c.expectedResolution },
    { heading: t('forms.field.result'), width: 30, value: (c) => c.result?.text ?? '' },
    { heading: t('export.xlsx.archivedAt'), width: 17, value: (c) => when(c.archivedAt) },
    { heading: t('export.xlsx.events'), width: 8, value: (_c, e) => e.events.length },
    { heading: t('export.xlsx.attachments'), width: 8, value: (_c, e) => e.attachments.length },
  ];
}

/**
 * cases.xlsx: one row per case for people to read at head office. Every text cell goes through
 * safeCellText, so text a customer typed (`=HYPERLINK(…)`) is shown, never run as a formula.
 */
export async function casesWorkbook(entries: readonly CaseEntry[], t: Translate, categories: CategorySettings): Promise<Uint8Array> {
  const book = await newWorkbook();
  book.creator = 'Countersign';
  const sheet = book.addWorksheet(safeCellText(t('export.xlsx.sheet')).slice(0, 31));
  const cols = columns(t, categories);
  sheet.columns = cols.map((c) => ({ header: safeCellText(c.heading), width: c.width }));
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  for (const entry of entries) {
    const record = entry.record as unknown as CaseRecord;
    sheet.addRow(cols.map((c) => cell(c.value(record, entry))));
  }
  return new Uint8Array(await book.xlsx.writeBuffer());
}

function cell(value: string | number | null | undefined): string | number {
  if (typeof value === 'number') return value;
  return safeCellText(String(value ?? ''));
}
