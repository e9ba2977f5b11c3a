import Dexie from 'dexie';
import {
  MAX_DEDUCTION,
  missedDeadline,
  proposeDeduction,
  rulesOf,
  type AccountabilityRules,
  type Proposal,
} from '../../shared/accountability/rules';
import { scoreLines, scoreSheet, type ScoreLine, type ScoreSheet } from '../../shared/accountability/scoreSheet';
import { scoreSheetWorkbook } from '../../shared/accountability/xlsx';
import { computeClocks, dueAfter, policyForComplainant } from '../../shared/deadlines';
import { dayIndexOfDate, dayIndexStart, isCalendarDate } from '../../shared/deadlines/calendar';
import type { Actor, CaseRecord } from '../../shared/domain/case';
import { isFinishedState, isSupervisorRole } from '../../shared/domain/enums';
import { translate, type Locale } from '../../shared/i18n/translate';
import type { ClockEvent } from '../../shared/deadlines/clocks';
import type { CommandFacts } from '../../shared/workflow/define';
import { ACCOUNTABLE_STATES } from '../../shared/workflow/accountability';
import { organization } from './branchSettings';
import { clockHistory } from './cases';
import { eventsOf } from './ledger';
import { fail, requireSupervisor, StoreError, type StoreContext } from './context';

/** The deduction rules in the `meta` table (defaults: shared/accountability/rules.ts). */
export const META_ACCOUNTABILITY_RULES = 'accountabilityRules';
/** A score sheet's period spans at most this many days. */
const MAX_PERIOD_DAYS = 366;

export { MAX_DEDUCTION };

export async function accountabilityRules(ctx: StoreContext): Promise<AccountabilityRules> {
  return rulesOf((await ctx.db.meta.get(META_ACCOUNTABILITY_RULES))?.value);
}

export async function saveAccountabilityRules(ctx: StoreContext, rules: AccountabilityRules, actor: Actor): Promise<AccountabilityRules> {
  requireSupervisor(actor, 'errors.accountability.supervisorOnly');
  await ctx.db.meta.put({ key: META_ACCOUNTABILITY_RULES, value: rules });
  return rules;
}

/**
 * The rules' proposal for a case: the complaint's points when found valid, and the late-handling
 * points when the handling missed a deadline (its clocks as they stood at the closing).
 */
export function proposalFor(
  ctx: StoreContext,
  c: CaseRecord,
  history: readonly ClockEvent[],
  rules: AccountabilityRules,
  now: number,
): Proposal {
  const closedAt = c.closedAt ?? now;
  const clocks = computeClocks(policyForComplainant(ctx.policy, c.complainant), history, closedAt, ctx.calendar, {
    stopped: isFinishedState(c.state),
  });
  return proposeDeduction(c, missedDeadline(clocks, closedAt), rules);
}

/** The proposal for a case as it stands now, and the appeal window (the record dialog shows them). */
export async function proposeFor(ctx: StoreContext, caseId: string): Promise<Proposal & { appealWorkingDays: number }> {
  const rules = await accountabilityRules(ctx);
  const c = await ctx.db.cases.get(caseId);
  if (!c) fail('not_found', 'errors.case.notFound');
  const history = clockHistory(await eventsOf(ctx.db, caseId));
  return { ...proposalFor(ctx, c, history, rules, ctx.now()), appealWorkingDays: rules.appealWorkingDays };
}

/** What the store works out for an accountability record (the workflow's CommandFacts). */
export function accountabilityFacts(
  ctx: StoreContext,
  c: CaseRecord,
  history: readonly ClockEvent[],
  rules: AccountabilityRules,
  now: number,
): NonNullable<CommandFacts['accountability']> {
  return {
    proposed: proposalFor(ctx, c, history, rules, now).points,
    appealDueAt: dueAfter(now, { amount: rules.appealWorkingDays, unit: 'workingDays' }, ctx.calendar),
    department: c.assignments.at(-1)?.department ?? '',
  };
}

/** What a record is checked against, read before the case's transaction: the rules and the staff list. */
export async function accountabilityInputs(ctx: StoreContext): Promise<{ rules: AccountabilityRules; staffIds: Set<string> }> {
  const [rules, org] = await Promise.all([accountabilityRules(ctx), organization(ctx)]);
  return { rules, staffIds: new Set(org.staff.map((s) => s.id)) };
}

/** The staff member a record names must be one of the organization's. */
export function checkStaffMember(staffIds: ReadonlySet<string>, staffId: string): void {
  if (!staffIds.has(staffId)) {
    throw new StoreError({
      code: 'invalid_input',
      message: 'errors.accountability.unknownStaff',
      issues: [{ path: 'command.payload.staffId', key: 'errors.accountability.unknownStaff' }],
    });
  }
}

/** Every closed or archived case with accountability records. */
async function casesWithRecords(ctx: StoreContext): Promise<CaseRecord[]> {
  const found = await Promise.all(
    ACCOUNTABLE_STATES.map((state) =>
      ctx.db.cases
        .where('[state+nextDueAt]')
        .between([state, Dexie.minKey], [state, Dexie.maxKey], true, true)
        .filter((c) => (c.accountability?.length ?? 0) > 0)
        .toArray(),
    ),
  );
  return found.flat();
}

async function staffNames(ctx: StoreContext): Promise<Map<string, string>> {
  return new Map((await organization(ctx)).staff.map((s) => [s.id, s.name]));
}

/** The caller's own records, every period, oldest first ("my record"). */
export async function myRecords(ctx: StoreContext, actor: Actor): Promise<ScoreLine[]> {
  const lines = scoreLines(await casesWithRecords(ctx), await staffNames(ctx));
  return lines.filter((l) => l.staffId === actor.staffId);
}

/** A period of China calendar days, both included, as [start, end) instants; refused when reversed or over a year. */
function periodOf(from: string, to: string): { from: string; to: string; fromAt: number; toAt: number } {
  if (!isCalendarDate(from) || !isCalendarDate(to)) fail('invalid_input', 'errors.accountability.periodInvalid');
  const [a, b] = [dayIndexOfDate(from), dayIndexOfDate(to)];
  if (b < a) fail('invalid_input', 'errors.accountability.periodReversed');
  if (b - a >= MAX_PERIOD_DAYS) fail('invalid_input', 'errors.accountability.periodTooLong');
  return { from, to, fromAt: dayIndexStart(a), toAt: dayIndexStart(b + 1) };
}

/**
 * The score sheet of a period: a supervisor's of everyone (or of one staff member); anyone else's
 * only of themselves.
 */
export async function scoreSheetOf(
  ctx: StoreContext,
  params: { from: string; to: string; staffId?: string | undefined },
  actor: Actor,
): Promise<ScoreSheet> {
  if (!isSupervisorRole(actor.role) && params.staffId !== actor.staffId) fail('forbidden', 'errors.accountability.supervisorOnly');
  const period = periodOf(params.from, params.to);
  let lines = scoreLines(await casesWithRecords(ctx), await staffNames(ctx));
  if (params.staffId !== undefined) lines = lines.filter((l) => l.staffId === params.staffId);
  return scoreSheet(lines, period);
}

/** The score sheet as an XLSX workbook, in `language`. */
export async function scoreSheetFile(
  ctx: StoreContext,
  params: { from: string; to: string; staffId?: string | undefined; language: Locale },
  actor: Actor,
): Promise<{ fileName: string; bytes: Uint8Array }> {
  const sheet = await scoreSheetOf(ctx, params, actor);
  const bytes = await scoreSheetWorkbook(sheet, (key, p) => translate(params.language, key, p));
  return { fileName: `score-sheet-${params.from}-${params.to}.xlsx`, bytes };
}
