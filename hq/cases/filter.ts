import { z } from 'zod';
import { categorySchema, channelSchema, severitySchema, stateSchema } from '../../shared/domain/case';
import { branchCodeSchema } from '../../shared/domain/caseNumber';
import { textField } from '../../shared/domain/text';
import { normalizeForSearch } from '../../shared/search/normalize';
import { queryTerms } from '../../shared/search/terms';
import { OUTCOMES } from './columns';

/** Longest search text, in characters: a search is for a word or a number, not a paragraph. */
export const MAX_SEARCH_TEXT = 100;

/** A query string's empty field (`?branch=`) means "any", like a field not sent. */
const optional = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === '' ? undefined : v), schema.optional());
const instant = z.coerce
  .number({ error: 'hq.cases.errors.time' })
  .int({ error: 'hq.cases.errors.time' })
  .min(0, { error: 'hq.cases.errors.time' })
  .max(8.64e15, { error: 'hq.cases.errors.time' });

/** What a search is narrowed with: the text as stored text is (normalized) and its n-gram terms. */
export interface SearchQuery {
  normalized: string;
  terms: number[];
}

export function searchQueryOf(text: string): SearchQuery {
  const normalized = normalizeForSearch(text);
  return { normalized, terms: queryTerms(normalized) };
}

/** Text as clerks type it (control characters refused), narrowed by at least one term. */
const searchText = textField(MAX_SEARCH_TEXT)
  // One or two letters or digits would match most cases and cannot use the index.
  .refine((v) => searchQueryOf(v).terms.length > 0, { error: 'hq.cases.errors.textTooShort' });

/**
 * Which cases: every field optional, all given ones must hold. `from`/`to` bound the registration
 * time (ms, [from, to)). Values arrive as query-string text; '' means "any".
 */
export const caseFilterSchema = z
  .object({
    branch: optional(branchCodeSchema),
    from: optional(instant),
    to: optional(instant),
    state: optional(stateSchema),
    category: optional(categorySchema),
    channel: optional(channelSchema),
    severity: optional(severitySchema),
    outcome: optional(z.enum(OUTCOMES, { error: 'hq.cases.errors.outcome' })),
    text: optional(searchText),
  })
  .refine((f) => f.from === undefined || f.to === undefined || f.from < f.to, { error: 'hq.cases.errors.period', path: ['to'] });
export type CaseFilter = z.output<typeof caseFilterSchema>;

export const CASE_SORTS = ['registered', 'caseNo', 'branch', 'state', 'severity'] as const;
export type CaseSort = (typeof CASE_SORTS)[number];
/** Lists count exactly up to this many matches, then say "more than"; pages reach no further (see listCases). */
export const COUNT_CAP = 1_000;
export const MAX_PAGE_SIZE = 100;

export const casePageSchema = z
  .object({
    sort: optional(z.enum(CASE_SORTS, { error: 'hq.cases.errors.sort' })).default('registered'),
    dir: optional(z.enum(['asc', 'desc'], { error: 'hq.cases.errors.sort' })).default('desc'),
    page: optional(
      z.coerce.number({ error: 'hq.cases.errors.page' }).int({ error: 'hq.cases.errors.page' }).min(0, { error: 'hq.cases.errors.page' }),
    ).default(0),
    size: optional(
      z.coerce
        .number({ error: 'hq.cases.errors.size' })
        .int({ error: 'hq.cases.errors.size' })
        .min(1, { error: 'hq.cases.errors.size' })
        .max(MAX_PAGE_SIZE, { error: 'hq.cases.errors.size' }),
    ).default(50),
  })
  .refine((p) => p.page * p.size < COUNT_CAP, { error: 'hq.cases.errors.pageTooDeep', path: ['page'] });
export type CasePage = z.output<typeof casePageSchema>;

/** A WHERE clause over `cases c` and its parameters, numbered from $1. */
export interface Where {
  sql: string;
  params: unknown[];
}

/**
 * `filter` as a WHERE clause. Its parameters are appended to `params` (numbered after those already
 * there), so one statement can hold the clauses of two parts of a filter.
 */
export function whereOf(filter: CaseFilter, params: unknown[] = []): Where {
  const conditions: string[] = [];
  const param = (value: unknown) => `$${params.push(value)}`;
  if (filter.branch !== undefined) conditions.push(`c.branch_code = ${param(filter.branch)}`);
  if (filter.from !== undefined) conditions.push(`c.registered_at >= ${param(filter.from)}`);
  if (filter.to !== undefined) conditions.push(`c.registered_at < ${param(filter.to)}`);
  if (filter.state !== undefined) conditions.push(`c.state = ${param(filter.state)}`);
  if (filter.category !== undefined) conditions.push(`c.category = ${param(filter.category)}`);
  if (filter.channel !== undefined) conditions.push(`c.channel = ${param(filter.channel)}`);
  if (filter.severity !== undefined) conditions.push(`c.severity = ${param(filter.severity)}`);
  if (filter.outcome !== undefined) conditions.push(`c.outcome = ${param(filter.outcome)}`);
  if (filter.text !== undefined) {
    const q = searchQueryOf(filter.text);
    // The GIN index gives candidates holding every term; strpos keeps those that hold the text.
    conditions.push(`c.search_terms @> ${param(q.terms)}::integer[] AND strpos(c.search_text, ${param(q.normalized)}) > 0`);
  }
  return { sql: conditions.length ? `WHERE ${conditions.join(' AND ')}` : '', params };
}
