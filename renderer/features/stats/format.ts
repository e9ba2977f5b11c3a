import type { KpiValue } from '../../../shared/stats/kpis';

const percentFormats = new Map<string, Intl.NumberFormat>();

/** An indicator's value as a percentage in the screen's language ('—' when it has none). */
export function percent(language: string, kpi: KpiValue, none: string): string {
  if (kpi.value === null) return none;
  let format = percentFormats.get(language);
  if (!format) percentFormats.set(language, (format = new Intl.NumberFormat(language, { style: 'percent', maximumFractionDigits: 1 })));
  return format.format(kpi.value);
}

/** An indicator as a number of percent for a chart (null: a gap in the line). */
export function percentPoints(kpi: KpiValue): number | null {
  return kpi.value === null ? null : Math.round(kpi.value * 1000) / 10;
}

/** A count's numerator: whole, or with its half points (satisfaction scores 0.5 for "partly"). */
export function amount(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(1);
}
