import { endOfChinaDate, isCalendarDate, startOfChinaDate } from '../../shared/deadlines/calendar';
import { CHANNELS, SEVERITIES } from '../../shared/domain/enums';
import { listBranches } from '../branches';
import { caseCounts, caseFilterSchema, COUNT_DIMENSIONS, OUTCOMES, type CaseFilter, type CountDimension, type CountRow } from '../cases';
import type { Db } from '../db/types';

/** The statistics form as sent (query-string text): the period is two China dates, both days included. */
export interface StatsForm {
  from: string;
  to: string;
  branch: string;
  category: string;
  channel: string;
  severity: string;
  outcome: string;
}

export const STATS_FIELDS = ['from', 'to', 'branch', 'category', 'channel', 'severity', 'outcome'] as const;

export interface StatsView {
  form: StatsForm;
  /** Message keys (shared catalogs or caseQueryMessages) of what is wrong with the form, by field. */
  errors: { field: string; key: string }[];
  /** Counts per dimension; empty when the form is wrong. */
  counts: Record<CountDimension, CountRow[]>;
  /** For the form's choices and the branch labels. */
  branches: { code: string; name: string }[];
  categories: string[];
  channels: readonly string[];
  severities: readonly string[];
  outcomes: readonly string[];
}

function formOf(query: unknown): StatsForm {
  const q = (query ?? {}) as Record<string, unknown>;
  const text = (name: string) => (typeof q[name] === 'string' ? (q[name] as string).trim().slice(0, 100) : '');
  return Object.fromEntries(STATS_FIELDS.map((f) => [f, text(f)])) as unknown as StatsForm;
}

/** The form as a case filter (hq/cases' own schema decides what is valid), or what is wrong with it. */
function filterOf(form: StatsForm): { filter?: CaseFilter; errors: StatsView['errors'] } {
  const errors: StatsView['errors'] = [];
  const instant = (field: 'from' | 'to', value: string, of: (d: string) => number) => {
    if (!value) return '';
    if (isCalendarDate(value)) return String(of(value));
    errors.push({ field, key: 'hq.cases.errors.time' });
    return '';
  };
  const parsed = caseFilterSchema.safeParse({
    ...form,
    from: instant('from', form.from, startOfChinaDate),
    // The form's end day is included: the filter's end is the next day's first moment.
    to: instant('to', form.to, (d) => endOfChinaDate(d) + 1),
  });
  if (!parsed.success) for (const issue of parsed.error.issues) errors.push({ field: String(issue.path[0] ?? ''), key: issue.message });
  return errors.length ? { errors } : { filter: parsed.data, errors };
}

/** Everything the statistics page and its download show for one request's query. */
export async function readStats(db: Db, query: unknown): Promise<StatsView> {
  const form = formOf(query);
  const { filter, errors } = filterOf(form);
  const counts = Object.fromEntries(COUNT_DIMENSIONS.map((d) => [d, [] as CountRow[]])) as Record<CountDimension, CountRow[]>;
  if (filter) for (const d of COUNT_DIMENSIONS) counts[d] = await caseCounts(db, filter, d);
  const branches = (await listBranches(db)).map((b) => ({ code: b.code, name: b.name }));
  // Categories depend on each branch's business profile: offer the ones head office holds cases of.
  const categories = (await caseCounts(db, {}, 'category'))
    .map((r) => r.key)
    .filter(Boolean)
    .sort();
  return { form, errors, counts, branches, categories, channels: CHANNELS, severities: SEVERITIES, outcomes: OUTCOMES };
}
