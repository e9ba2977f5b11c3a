/**
 * The monthly report as labelled rows in one language: the printed page and the spreadsheet both
 * draw from this, so they say the same thing in the same words.
 */
import { chinaDate, chinaDateTime } from '../deadlines/calendar';
import { CASE_STATES, CHANNELS, SATISFACTIONS, SEVERITIES } from '../domain/enums';
import { catalogs, translate, type Locale } from '../i18n/translate';
import type { MonthReportData } from './data';

export interface SummaryRow {
  label: string;
  /** A count, or a rate from 0 to 1 (null: no figure). */
  value: number | null;
  kind: 'count' | 'rate';
}

export interface BreakdownRow {
  label: string;
  count: number;
  /** Of the month's total, 0..1 (null when the month had no cases). */
  share: number | null;
}

export interface Breakdown {
  title: string;
  rows: BreakdownRow[];
}

export interface NotableRow {
  caseNo: string;
  received: string;
  category: string;
  severity: string;
  state: string;
  reasons: string;
}

export interface ReportView {
  language: Locale;
  title: string;
  to: string;
  monthTitle: string;
  branch: string;
  takenAt: string;
  summary: SummaryRow[];
  breakdowns: Breakdown[];
  notableIntro: string;
  notable: NotableRow[];
  /** "only the first N of M" when the list was cut, else ''. */
  notableNote: string;
  t(key: string, params?: Record<string, string | number>): string;
}

/** A rate as people read it: 87.5%. */
export function percent(rate: number | null, language: Locale): string {
  return rate === null ? translate(language, 'report.rate.none') : `${(Math.round(rate * 1000) / 10).toFixed(1)}%`;
}

/** Keys in their enum's order first, then any others (a branch's own categories) by count. */
function ordered(counts: Record<string, number>, known: readonly string[]): string[] {
  const rest = Object.keys(counts)
    .filter((k) => !known.includes(k))
    .sort((a, b) => counts[b]! - counts[a]! || (a < b ? -1 : 1));
  return [...known.filter((k) => k in counts), ...rest];
}

export function reportView(data: MonthReportData, language: Locale): ReportView {
  const t = (key: string, params?: Record<string, string | number>) => translate(language, key, params);
  const catalog = catalogs[language];
  const label = (prefix: string, id: string) => (`${prefix}.${id}` in catalog ? t(`${prefix}.${id}`) : id);
  const category = (id: string) => (`category.${id}` in catalog ? t(`category.${id}`) : (data.categoryLabels[id] ?? id));
  const share = (n: number) => (data.total === 0 ? null : n / data.total);
  const breakdown = (title: string, counts: Record<string, number>, known: readonly string[], name: (id: string) => string) => ({
    title: t(title),
    rows: ordered(counts, known).map((id) => ({ label: name(id), count: counts[id]!, share: share(counts[id]!) })),
  });
  const [year, month] = data.month.split('-') as [string, string];
  const chinese = language !== 'en';
  return {
    language,
    t,
    title: t('report.title'),
    to: t('report.to'),
    monthTitle: t('report.monthOf', { year, month: chinese ? String(Number(month)) : month }),
    branch: chinese ? `${data.branch.name}（${data.branch.code}）` : `${data.branch.name} (${data.branch.code})`,
    takenAt: chinaDateTime(data.takenAt).replace('T', ' '),
    summary: [
      { label: t('report.total'), value: data.total, kind: 'count' },
      { label: t('report.open'), value: data.open, kind: 'count' },
      { label: t('report.overdue'), value: data.overdue, kind: 'count' },
      { label: t('report.onTimeAcceptance'), value: data.onTimeAcceptanceRate, kind: 'rate' },
      { label: t('report.satisfaction'), value: data.satisfactionRate, kind: 'rate' },
      { label: t('report.success'), value: data.successRate, kind: 'rate' },
    ],
    breakdowns: [
      breakdown('report.section.byCategory', data.byCategory, [], category),
      breakdown('report.section.byChannel', data.byChannel, CHANNELS, (id) => label('channel', id)),
      breakdown('report.section.bySeverity', data.bySeverity, SEVERITIES, (id) => label('severity', id)),
      breakdown('report.section.bySatisfaction', data.bySatisfaction, SATISFACTIONS, (id) => label('satisfaction', id)),
      breakdown('report.section.byState', data.byState, CASE_STATES, (id) => label('state', id)),
    ],
    notableIntro: t('report.notable.intro'),
    notable: data.notable.map((c) => ({
      caseNo: c.caseNo,
      received: chinaDate(c.receivedAt),
      category: category(c.category),
      severity: label('severity', c.severity),
      state: label('state', c.state),
      reasons: c.reasons.map((r) => t(`report.reason.${r}`)).join(chinese ? '、' : ', '),
    })),
    notableNote: data.notableTotal > data.notable.length ? t('report.notable.cut', { shown: data.notable.length, total: data.notableTotal }) : '',
  };
}
