import { z } from 'zod';
import type { CaseRecord } from '../domain/case';
import type { ClockState } from '../deadlines/clocks';

/** The largest deduction one record may carry (and a rule may propose, per item). */
export const MAX_DEDUCTION = 100;
/** The longest appeal window a branch may set, in working days. */
export const MAX_APPEAL_DAYS = 60;

const points = z
  .number({ error: 'errors.accountability.pointsInvalid' })
  .int({ message: 'errors.accountability.pointsInvalid' })
  .min(0, { message: 'errors.accountability.pointsInvalid' })
  .max(MAX_DEDUCTION, { message: 'errors.accountability.pointsInvalid' });

/**
 * The score-deduction rules (R8.3) as data: kept in the branch's `meta` table, edited by a
 * supervisor in settings. Points are deducted, written as positive numbers.
 */
export const accountabilityRulesSchema = z
  .object({
    /** Per verified general complaint. */
    generalComplaint: points,
    /** Per verified major or urgent complaint. */
    majorComplaint: points,
    /** When the case missed a deadline (a clock met late or overdue). */
    lateHandling: points,
    /** How many working days the staff member has to appeal after the record. */
    appealWorkingDays: z
      .number({ error: 'errors.accountability.appealDaysInvalid' })
      .int({ message: 'errors.accountability.appealDaysInvalid' })
      .min(1, { message: 'errors.accountability.appealDaysInvalid' })
      .max(MAX_APPEAL_DAYS, { message: 'errors.accountability.appealDaysInvalid' }),
  })
  .strict();
export type AccountabilityRules = z.output<typeof accountabilityRulesSchema>;

/** The seeds' defaults: −1 per verified general complaint, −2 for late handling, −5 per major complaint. */
export const DEFAULT_ACCOUNTABILITY_RULES: AccountabilityRules = {
  generalComplaint: 1,
  majorComplaint: 5,
  lateHandling: 2,
  appealWorkingDays: 5,
};

/** Stored rules, complete: a missing or damaged row falls back to the defaults. */
export function rulesOf(stored: unknown): AccountabilityRules {
  const parsed = accountabilityRulesSchema.safeParse(stored);
  return parsed.success ? parsed.data : DEFAULT_ACCOUNTABILITY_RULES;
}

/** Why a rule proposes points: each line of a proposal. */
export type ProposalReason = 'generalComplaint' | 'majorComplaint' | 'lateHandling';
export interface Proposal {
  points: number;
  lines: { rule: ProposalReason; points: number }[];
}

/**
 * Whether the handling missed a deadline (the late-handling rule), from the case's clocks as they
 * stood when it closed (`closedAt`): a clock that fell due before the closing and was not met in
 * time (met late, or never met). Clocks falling due after the closing (the summary and archiving)
 * are the office's paperwork, not the handling, and do not count.
 */
export function missedDeadline(clocks: readonly Pick<ClockState, 'status' | 'dueAt'>[], closedAt: number): boolean {
  return clocks.some((c) => c.dueAt !== null && c.dueAt < closedAt && c.status !== 'met');
}

/**
 * The deduction the rules propose for a case: the complaint's points when the investigation found
 * it valid (a general complaint, or a major or urgent one), and the late-handling points when it
 * missed a deadline. A complaint settled at the counter or found not valid carries no complaint points.
 */
export function proposeDeduction(c: Pick<CaseRecord, 'severity' | 'validity'>, late: boolean, rules: AccountabilityRules): Proposal {
  const lines: Proposal['lines'] = [];
  if (c.validity?.valid) {
    const rule: ProposalReason = c.severity === 'general' ? 'generalComplaint' : 'majorComplaint';
    lines.push({ rule, points: rules[rule] });
  }
  if (late) lines.push({ rule: 'lateHandling', points: rules.lateHandling });
  return { points: lines.reduce((sum, l) => sum + l.points, 0), lines };
}
