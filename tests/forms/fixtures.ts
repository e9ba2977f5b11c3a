/**
 * Realistic cases for the printed documents, built the way the store builds them: intake parsed by
 * the zod schema, the pure workflow machine applying each command, every event hash-chained, the
 * deadline clocks computed from the log under the profile's policy and the Chinese calendar.
 */
import type { CaseDetail } from '../../shared/api/contract';
import { intakeSchema, type Actor, type CaseRecord, type IntakeInput } from '../../shared/domain/case';
import { CLOSED_STATES, type EventType, type ProfileId } from '../../shared/domain/enums';
import { newCaseRecord } from '../../shared/domain/newCase';
import { computeClocks, DEFAULT_DEADLINE_POLICIES, HOUR_MS, WorkCalendar } from '../../shared/deadlines';
import { diffRecords, GENESIS_HASH, hashEvent, type CaseEvent } from '../../shared/ledger/eventHash';
import { applyCommand, commandSchemas, isDomainError, type Command, type CommandInput, type CommandName } from '../../shared/workflow';
import type { PrintBranch, PrintOrganization } from '../../shared/forms';

export const CLERK: Actor = { staffId: 'c01', role: 'clerk' };
export const HANDLER: Actor = { staffId: 'h01', role: 'handler' };
export const SUPERVISOR: Actor = { staffId: 's01', role: 'supervisor' };

export const BRANCH: PrintBranch = { branchCode: 'BJ01', branchName: '北京朝阳一店', phone: '010-6500 1234' };
export const ORGANIZATION: PrintOrganization = {
  staff: [
    { id: 'c01', name: '张丽' },
    { id: 'h01', name: '李建国' },
    { id: 's01', name: '王志强' },
  ],
};

/** 2026-03-02 10:00 China time, a Monday. */
export const MONDAY_10AM = Date.parse('2026-03-02T10:00:00+08:00');

export const PAWN_INTAKE: IntakeInput = {
  channel: 'walk_in',
  receivedAt: MONDAY_10AM,
  receivedBy: 'c01',
  complainant: { name: '王小明', phone: '138 1234 5678', address: '北京市朝阳区建国路 88 号 3 号楼 2 单元 501' },
  businessRef: 'DP2026030200017',
  category: 'appraisal',
  severity: 'general',
  isReport: false,
  content:
    '客户于 2 月 26 日典当足金手镯一只（重 32.5 克），鉴定估价为每克 380 元，明显低于当日金价。客户认为鉴定师未说明估价依据，态度敷衍，要求重新鉴定并书面说明依据。',
  expectedResolution: '重新鉴定估价，按当日金价调整当金并书面说明依据。',
};

/** A case being built: the record, its log, and the moment of the last step. */
export interface CaseBuild {
  record: CaseRecord;
  events: CaseEvent[];
  at: number;
}

function chain(before: CaseRecord | null, after: CaseRecord, type: EventType, actor: Actor, at: number): CaseEvent {
  const head = before?.ledgerHead ?? { seq: 0, hash: GENESIS_HASH };
  const unsigned = { caseId: after.id, seq: head.seq + 1, type, at, actor, changes: diffRecords(before, after), prevHash: head.hash };
  const event = { ...unsigned, hash: hashEvent(unsigned) };
  after.ledgerHead = { seq: event.seq, hash: event.hash };
  return event;
}

let serial = 0;

export function register(intake: IntakeInput = PAWN_INTAKE, profileId: ProfileId = 'pawnshop', caseNo?: string): CaseBuild {
  serial++;
  const parsed = intakeSchema.parse(intake);
  const id = `0190a1b2-c3d4-7e5f-8a9b-${String(serial).padStart(12, '0')}`;
  const record = newCaseRecord({
    id,
    caseNo: caseNo ?? `BJ01-20260302-${String(serial).padStart(3, '0')}`,
    branchCode: 'BJ01',
    profileId,
    intake: parsed,
    now: parsed.receivedAt,
  });
  const event = chain(null, record, 'registered', CLERK, parsed.receivedAt);
  return { record, events: [event], at: parsed.receivedAt };
}

/** China time 'YYYY-MM-DD HH:mm' as epoch ms. */
export function china(dateTime: string): number {
  return Date.parse(`${dateTime.replace(' ', 'T')}:00+08:00`);
}

/** The China time given, or just after the build's last step if that is later (long fixtures). */
function notBefore(build: CaseBuild, dateTime: string): number {
  return Math.max(build.at + 10 * 60_000, china(dateTime));
}

/** Applies one command through the workflow machine at `at` (default: an hour after the last step). */
export function step<C extends CommandName>(
  build: CaseBuild,
  name: C,
  input: CommandInput<C>,
  actor: Actor,
  at = build.at + HOUR_MS,
): CaseBuild {
  const command = { name, payload: commandSchemas[name].parse(input) } as Command;
  const transition = applyCommand(build.record, command, actor, at);
  if (isDomainError(transition)) throw new Error(`${name}: ${transition.message} ${JSON.stringify(transition.params ?? {})}`);
  const next = transition.next;
  let before = build.record;
  const events = [...build.events];
  for (const [i, type] of transition.events.entries()) {
    const after = transition.records[i]!;
    events.push(chain(before, after, type, actor, at));
    before = after;
  }
  return { record: next, events, at };
}

/** What `cases.get` would answer for the case at `now`. */
export function detailOf(build: CaseBuild, now = build.at): Pick<CaseDetail, 'case' | 'events' | 'clocks'> {
  const { record, events } = build;
  const stopped = CLOSED_STATES.includes(record.state) || record.state === 'archived';
  const history = events.map((e) => ({ type: e.type, at: e.type === 'registered' ? record.receivedAt : e.at }));
  const clocks = computeClocks(DEFAULT_DEADLINE_POLICIES[record.profileId], history, now, new WorkCalendar(), { stopped });
  return { case: record, events, clocks };
}

/** Registered, assigned, investigated, plan approved, handled and the result told: awaiting the callback. */
export function toldCase(intake: IntakeInput = PAWN_INTAKE, opts: { notes?: string[]; content?: string } = {}): CaseBuild {
  let b = register(opts.content ? { ...intake, content: opts.content } : intake);
  b = step(
    b,
    'assign',
    {
      department: '鉴定部',
      assigneeId: 'h01',
      dueAt: china('2026-03-05 17:00'),
      note: '请 24 小时内联系客户，调取当日鉴定记录和监控录像。',
    },
    CLERK,
    china('2026-03-02 10:30'),
  );
  b = step(b, 'startInvestigation', {}, HANDLER, china('2026-03-02 14:00'));
  const notes = opts.notes ?? [
    '调取 2 月 26 日鉴定记录：手镯成色 999，重 32.5 克，估价按每克 380 元计算，当日上海金交所收盘价 412 元/克。',
    '与鉴定师赵某面谈：承认未向客户说明折价依据（回收损耗与息费预扣），已书面检讨。',
  ];
  let noteAt = china('2026-03-02 15:00');
  for (const text of notes) {
    b = step(b, 'addInvestigationNote', { text }, HANDLER, noteAt);
    noteAt += 10 * 60_000;
  }
  b = step(b, 'progressCall', { notes: '电话告知客户调查进展，预计 3 月 4 日前给出处理方案。' }, HANDLER, notBefore(b, '2026-03-02 17:30'));
  b = step(
    b,
    'proposePlan',
    {
      validity: {
        valid: true,
        responsibility: 'staff',
        analysis: '鉴定师未按规程向客户说明估价依据，估价折扣偏高，属员工服务及操作问题。',
      },
      plan: {
        measures: '按当日金价重新估价，补足当金差额；由鉴定部主管向客户当面致歉并书面说明估价依据；对鉴定师进行规程培训。',
        ownerId: 'h01',
        dueAt: china('2026-03-04 17:00'),
        compensation: { amount: 1040, description: '当金差额' },
      },
    },
    HANDLER,
    notBefore(b, '2026-03-03 09:30'),
  );
  b = step(b, 'approvePlan', { comment: '同意，当日办结。' }, SUPERVISOR, notBefore(b, '2026-03-03 11:00'));
  b = step(
    b,
    'recordHandling',
    { result: '已重新估价为每克 412 元，补足当金差额 1,040 元；鉴定部主管已当面致歉并交付书面说明。' },
    HANDLER,
    notBefore(b, '2026-03-03 16:00'),
  );
  return step(b, 'tellResult', { method: 'phone' }, HANDLER, notBefore(b, '2026-03-03 16:30'));
}

/** {@link toldCase}, then called back (satisfied), closed and archived. */
export function archivedCase(intake: IntakeInput = PAWN_INTAKE, opts: { notes?: string[]; content?: string } = {}): CaseBuild {
  let b = toldCase(intake, opts);
  b = step(
    b,
    'recordCallback',
    { satisfaction: 'satisfied', notes: '客户表示满意，感谢及时处理。', objection: '', standardMet: false },
    CLERK,
    notBefore(b, '2026-03-05 10:00'),
  );
  b = step(b, 'archive', {}, CLERK, notBefore(b, '2026-03-06 09:00'));
  return b;
}
