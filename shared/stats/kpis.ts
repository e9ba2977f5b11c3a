import type { CaseRecord } from '../domain/case';
import { isFinishedState, type Satisfaction } from '../domain/enums';

/**
 * The branch's three indicators (R8.2), defined once: the store's month figures, its dashboard and
 * the screens all count through this module. docs/statistics.md says the same in words; each
 * indicator's definition text (`stats.kpi.<id>.definition`, shared/stats/messages.ts) is shown
 * beside its value.
 *
 * Every indicator is taken over a cohort: the cases RECEIVED in a period (China time).
 *
 * - 受理及时率 on-time acceptance: of the cohort's cases whose acceptance is decided — accepted
 *   (first assigned, settled at the counter, or found outside the branch's remit), or still waiting
 *   after the deadline — the share accepted by the deadline. The deadline is the assignment clock
 *   of the deadline policy in force, on the branch's working-day calendar. A case still waiting
 *   within its deadline is not counted yet; a policy without an assignment clock has no rate.
 * - 处理成功率 success: of the cohort's cases closed with the customer's answer — settled at the
 *   counter, or closed after a callback — the share settled at the counter or whose last callback
 *   found the customer satisfied or partly satisfied. Cases found outside the branch's remit, and
 *   anonymous reports closed without anyone to call back, have no answer and do not count.
 * - 客户满意度 satisfaction: the mean score of the cohort's cases that have an outcome (the last
 *   callback, or the counter's settlement, which records "satisfied"): satisfied 1, partly
 *   satisfied 0.5, unsatisfied 0. Open cases reopened after an objection count with their outcome.
 */
export const KPI_IDS = ['onTimeAcceptance', 'success', 'satisfaction'] as const;
export type KpiId = (typeof KPI_IDS)[number];

/** The satisfaction score of each outcome (客户满意度). */
export const SATISFACTION_SCORE: Readonly<Record<Satisfaction, number>> = { satisfied: 1, partly_satisfied: 0.5, unsatisfied: 0 };

/** How a finished case ended: settled at the counter, after a callback, without one (nobody to call), or found outside the remit. */
export const CLOSINGS = ['counter', 'callback', 'noCallback', 'invalid'] as const;
export type Closing = (typeof CLOSINGS)[number];

type ClosingSource = Pick<CaseRecord, 'state' | 'result' | 'satisfaction' | 'callbacks'>;

/**
 * How a case was closed, from the record alone (an archived case keeps no state of it): the counter
 * records "satisfied" without a result or a callback; a case found invalid has neither a result nor
 * an outcome; null while the case is open.
 */
export function closingOf(c: ClosingSource): Closing | null {
  if (!isFinishedState(c.state)) return null;
  if (c.state === 'closed_at_counter') return 'counter';
  if (c.state === 'invalid') return 'invalid';
  if (c.callbacks.length > 0) return 'callback';
  if (c.result === null) return c.satisfaction === 'satisfied' ? 'counter' : 'invalid';
  return 'noCallback';
}

/** When a case was accepted: first assigned, or else settled at the counter / found outside the remit. */
export function acceptedAtOf(c: Pick<CaseRecord, 'assignments' | 'closedAt'>): number | null {
  return c.assignments[0]?.assignedAt ?? c.closedAt;
}

/** What the indicators need of one case. */
export interface KpiFacts {
  receivedAt: number;
  acceptedAt: number | null;
  closing: Closing | null;
  satisfaction: Satisfaction | null;
}

/** The counts the indicators are made of; add cases one by one, then read `kpisOf`. */
export interface KpiTally {
  acceptanceDecided: number;
  acceptedOnTime: number;
  answered: number;
  succeeded: number;
  rated: number;
  score: number;
}

export function emptyTally(): KpiTally {
  return { acceptanceDecided: 0, acceptedOnTime: 0, answered: 0, succeeded: 0, rated: 0, score: 0 };
}

/**
 * Adds a case of the cohort. `acceptanceDue` is the case's acceptance deadline (null: the policy has
 * no assignment clock); `now` decides whether a case still waiting is late yet.
 */
export function addToTally(t: KpiTally, f: KpiFacts, acceptanceDue: number | null, now: number): void {
  if (acceptanceDue !== null) {
    const due = acceptanceDue;
    if (f.acceptedAt !== null) {
      t.acceptanceDecided++;
      if (f.acceptedAt <= due) t.acceptedOnTime++;
    } else if (now > due) t.acceptanceDecided++;
  }
  if (f.closing === 'counter' || f.closing === 'callback') {
    t.answered++;
    if (f.closing === 'counter' || f.satisfaction === 'satisfied' || f.satisfaction === 'partly_satisfied') t.succeeded++;
  }
  if (f.satisfaction !== null) {
    t.rated++;
    t.score += SATISFACTION_SCORE[f.satisfaction];
  }
}

/** One indicator: its value 0..1 (null when nothing counts), and what it was divided from. */
export interface KpiValue {
  value: number | null;
  numerator: number;
  denominator: number;
}

export type Kpis = Record<KpiId, KpiValue>;

const ratio = (numerator: number, denominator: number): KpiValue => ({
  value: denominator === 0 ? null : numerator / denominator,
  numerator,
  denominator,
});

/** The indicators of a tally; `hasAcceptanceClock` false: the policy has no assignment clock, so no on-time rate. */
export function kpisOf(t: KpiTally, hasAcceptanceClock: boolean): Kpis {
  return {
    onTimeAcceptance: hasAcceptanceClock ? ratio(t.acceptedOnTime, t.acceptanceDecided) : { value: null, numerator: 0, denominator: 0 },
    success: ratio(t.succeeded, t.answered),
    satisfaction: ratio(t.score, t.rated),
  };
}
