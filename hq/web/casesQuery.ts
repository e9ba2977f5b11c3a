import { DAY_MS, dayIndexOfDate, dayIndexStart, isCalendarDate } from '../../shared/deadlines/calendar';
import { caseFilterSchema, casePageSchema, type CaseFilter, type CasePage } from '../cases';

/** The fields of the cases form, as the browser sends them (and as the form shows them again). */
export const CASE_FORM_FIELDS = [
  'text',
  'branch',
  'from',
  'to',
  'state',
  'category',
  'channel',
  'severity',
  'outcome',
  'sort',
  'dir',
  'page',
  'size',
] as const;
export type CaseFormField = (typeof CASE_FORM_FIELDS)[number];
export type CaseForm = Partial<Record<CaseFormField, string>>;

/** A field the list could not use, with the message key (and its parameters) that says why. */
export interface CaseQueryIssue {
  field: string;
  key: string;
  params: Record<string, string | number>;
}

export type CaseQuery =
  { ok: true; form: CaseForm; filter: CaseFilter; page: CasePage } | { ok: false; form: CaseForm; issues: CaseQueryIssue[] };

/** The form's fields from a query string: text values only (a repeated field keeps its first), trimmed except the search text. */
export function caseFormOf(query: unknown): CaseForm {
  const q = (query && typeof query === 'object' ? query : {}) as Record<string, unknown>;
  const form: CaseForm = {};
  for (const field of CASE_FORM_FIELDS) {
    const raw = Array.isArray(q[field]) ? (q[field] as unknown[])[0] : q[field];
    if (typeof raw === 'string') form[field] = field === 'text' ? raw : raw.trim();
  }
  return form;
}

/**
 * The period's dates (type=date, China calendar days) as the list's [from, to) in ms: from the start
 * of the first day to the start of the day after the last, so "to 30 November" includes that day.
 */
function periodBound(date: string | undefined, after: boolean): string | number | undefined {
  if (!date) return undefined;
  if (!isCalendarDate(date)) return 'not-a-date';
  return dayIndexStart(dayIndexOfDate(date)) + (after ? DAY_MS : 0);
}

/**
 * Reads the cases page's query string with head office's query schemas (hq/cases), so the page and
 * the XLSX download apply exactly the filters the list defines; never throws on bad input.
 */
export function parseCaseQuery(query: unknown): CaseQuery {
  const form = caseFormOf(query);
  const filterInput = {
    ...form,
    text: form.text?.trim() ?? '',
    from: periodBound(form.from, false),
    to: periodBound(form.to, true),
  };
  const filter = caseFilterSchema.safeParse(filterInput);
  const page = casePageSchema.safeParse({ sort: form.sort, dir: form.dir, page: form.page, size: form.size });
  if (filter.success && page.success) return { ok: true, form, filter: filter.data, page: page.data };
  const issues = [...(filter.error?.issues ?? []), ...(page.error?.issues ?? [])].map((issue) => ({
    field: String(issue.path[0] ?? ''),
    key: issue.message,
    params: ('params' in issue && issue.params ? issue.params : {}) as Record<string, string | number>,
  }));
  return { ok: false, form, issues };
}

/** The query string of the form's values with `changes` applied; empty fields left out. */
export function caseQueryString(form: CaseForm, changes: CaseForm = {}): string {
  const merged: CaseForm = { ...form, ...changes };
  const params = new URLSearchParams();
  for (const field of CASE_FORM_FIELDS) if (merged[field]) params.set(field, merged[field]);
  const text = params.toString();
  return text ? `?${text}` : '';
}
