import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { Envelope } from '../../shared/api/contract';
import type { CaseRecord } from '../../shared/domain/case';
import type { StoreHost } from '../../electron/store/host';
import {
  ADMIN,
  asStaff,
  CLERK,
  command,
  configuredHost,
  EN,
  HANDLER,
  mustCommand,
  pawnPlan,
  register,
  SUPERVISOR,
  TestClock,
  ORG_STAFF,
} from './fixtures';

const DAY = 86_400_000;
const HOUR = 3_600_000;

const ORG = {
  departments: ['鉴定部', '客服部'],
  staff: [
    { id: 'h01', name: '李娜', role: 'handler' as const },
    { id: 'h02', name: '王强', role: 'handler' as const },
    { id: 'c01', name: '张敏', role: 'clerk' as const },
    { id: 's01', name: '赵主管', role: 'supervisor' as const },
    // The fixture's administrator and second clerk stay on the list (a supervisor may not remove an administrator).
    ...ORG_STAFF.filter((m) => m.id === 'a01' || m.id === 'c02'),
  ],
};

async function setUp() {
  const opened = await configuredHost('pawnshop');
  const saved = await opened.host.call('org.save', { organization: ORG }, SUPERVISOR);
  if (!saved.ok) throw new Error(saved.error.message);
  return opened;
}

/**
 * A complaint handled to the end and closed: found valid (or not), handled on time unless
 * `assignAfter` keeps it at the counter longer than the assignment clock allows.
 */
async function closedCase(
  host: StoreHost,
  clock: TestClock,
  options: { severity?: 'general' | 'major'; valid?: boolean; assignAfter?: number; department?: string } = {},
): Promise<CaseRecord> {
  const c = await register(host, { severity: options.severity ?? 'general', receivedAt: clock.at });
  if (options.severity === 'major') await mustCommand(host, c.id, 'acknowledgeEscalation', {}, SUPERVISOR);
  clock.advance(options.assignAfter ?? 20 * 60_000);
  await mustCommand(host, c.id, 'assign', { department: options.department ?? '鉴定部', assigneeId: 'h01' }, SUPERVISOR);
  await mustCommand(host, c.id, 'startInvestigation', {}, HANDLER);
  await mustCommand(host, c.id, 'addInvestigationNote', { text: '调取监控和鉴定记录。' }, HANDLER);
  const plan = pawnPlan(clock.at + 2 * DAY);
  plan.validity.valid = options.valid ?? true;
  await mustCommand(host, c.id, 'proposePlan', plan, HANDLER);
  await mustCommand(host, c.id, 'approvePlan', { comment: '同意' }, SUPERVISOR);
  await mustCommand(host, c.id, 'recordHandling', { result: '已重新鉴定，补差价 200 元。' }, HANDLER);
  await mustCommand(host, c.id, 'tellResult', { method: 'phone' }, CLERK);
  clock.advance(DAY);
  return mustCommand(host, c.id, 'recordCallback', { satisfaction: 'satisfied', notes: '客户满意' }, CLERK);
}

const RECORD = { kind: 'direct', staffId: 'h01', measure: 'criticism' } as const;

async function detail(host: StoreHost, caseId: string) {
  const r = await host.call('cases.get', { caseId }, SUPERVISOR);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

async function must<T>(p: Promise<{ ok: true; value: T } | { ok: false; error: { message: string } }>): Promise<T> {
  const r = await p;
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

describe('recording responsibility (R8.3)', () => {
  it('is a supervisor’s or an administrator’s, on a closed or archived case only; the state does not change', async () => {
    const { host, clock } = await setUp();
    const open = await register(host);
    expect(await command(host, open.id, 'recordAccountability', RECORD, SUPERVISOR)).toMatchObject({
      ok: false,
      error: { code: 'invalid_state', key: 'errors.workflow.invalidState' },
    });

    const closed = await closedCase(host, clock);
    for (const who of [CLERK, HANDLER]) {
      expect(await command(host, closed.id, 'recordAccountability', RECORD, who)).toMatchObject({
        ok: false,
        error: { code: 'forbidden', key: 'errors.workflow.roleNotAllowed' },
      });
    }
    const recorded = await mustCommand(host, closed.id, 'recordAccountability', RECORD, SUPERVISOR);
    expect(recorded.state).toBe('closed');
    expect(recorded.accountability).toEqual([
      expect.objectContaining({ entry: 1, staffId: 'h01', kind: 'direct', measure: 'criticism', department: '鉴定部', by: 's01' }),
    ]);

    const archived = await mustCommand(host, closed.id, 'archive', {}, SUPERVISOR);
    const again = await mustCommand(host, archived.id, 'recordAccountability', { ...RECORD, kind: 'indirect', staffId: 'h02' }, ADMIN);
    expect(again.state).toBe('archived');
    expect(again.accountability.map((a) => [a.entry, a.staffId, a.kind])).toEqual([
      [1, 'h01', 'direct'],
      [2, 'h02', 'indirect'],
    ]);
    const events = (await detail(host, closed.id)).events;
    expect(events.map((e) => e.type).slice(-3)).toEqual(['accountability_recorded', 'archived', 'accountability_recorded']);
    expect(events.at(-1)!.actor).toEqual({ staffId: 'a01', role: 'admin' });
    expect(Object.keys(events.at(-1)!.changes)).toEqual(['accountability']);
    host.close();
  });

  it('proposes the deduction from the rules: 1 per verified general complaint, 5 per major one, 2 more when late', async () => {
    const { host, clock } = await setUp();
    const general = await closedCase(host, clock);
    const major = await closedCase(host, clock, { severity: 'major' });
    // The assignment clock of a pawnshop complaint is hours; a week at the counter misses it.
    const late = await closedCase(host, clock, { assignAfter: 7 * DAY });
    const notValid = await closedCase(host, clock, { valid: false });

    const proposed = async (c: CaseRecord) => (await must(host.call('accountability.propose', { caseId: c.id }, SUPERVISOR))).points;
    expect(await proposed(general)).toBe(1);
    expect(await proposed(major)).toBe(5);
    expect(await proposed(late)).toBe(1 + 2);
    expect(await proposed(notValid)).toBe(0);
    expect(await must(host.call('accountability.propose', { caseId: late.id }, SUPERVISOR))).toMatchObject({
      lines: [
        { rule: 'generalComplaint', points: 1 },
        { rule: 'lateHandling', points: 2 },
      ],
      appealWorkingDays: 5,
    });

    // Omitted, the deduction is the proposal; recorded with the proposal beside it.
    const recorded = await mustCommand(host, late.id, 'recordAccountability', RECORD, SUPERVISOR);
    expect(recorded.accountability[0]).toMatchObject({ proposed: 3, points: 3, reason: '' });
    const recordedMajor = await mustCommand(host, major.id, 'recordAccountability', { ...RECORD, deduction: 5 }, SUPERVISOR);
    expect(recordedMajor.accountability[0]).toMatchObject({ proposed: 5, points: 5, reason: '' });
    host.close();
  });

  it('takes the rules as data: a supervisor changes them, the next proposal follows; others may not', async () => {
    const { host, clock } = await setUp();
    expect(await must(host.call('accountability.rules', {}, CLERK))).toEqual({
      generalComplaint: 1,
      majorComplaint: 5,
      lateHandling: 2,
      appealWorkingDays: 5,
    });
    const rules = { generalComplaint: 3, majorComplaint: 8, lateHandling: 4, appealWorkingDays: 2 };
    expect(await host.call('accountability.saveRules', { rules }, EN(HANDLER))).toMatchObject({
      ok: false,
      error: { code: 'forbidden', message: expect.stringContaining('Only a supervisor') },
    });
    expect(await host.call('accountability.saveRules', { rules: { ...rules, lateHandling: -1 } }, SUPERVISOR)).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', key: 'errors.accountability.pointsInvalid' },
    });
    expect(await host.call('accountability.saveRules', { rules: { ...rules, appealWorkingDays: 0 } }, SUPERVISOR)).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', key: 'errors.accountability.appealDaysInvalid' },
    });
    expect(await must(host.call('accountability.saveRules', { rules }, SUPERVISOR))).toEqual(rules);
    const c = await closedCase(host, clock, { assignAfter: 7 * DAY });
    const recorded = await mustCommand(host, c.id, 'recordAccountability', RECORD, SUPERVISOR);
    expect(recorded.accountability[0]!.points).toBe(3 + 4);
    host.close();
  });

  it('adjusts the proposal only with a reason (refused in the user’s language on the reason field)', async () => {
    const { host, clock } = await setUp();
    const c = await closedCase(host, clock);
    const without = await command(host, c.id, 'recordAccountability', { ...RECORD, deduction: 4 }, EN(SUPERVISOR));
    expect(without).toMatchObject({
      ok: false,
      error: {
        code: 'incomplete',
        key: 'errors.accountability.reasonRequired',
        message: 'The deduction differs from the 1 points the rules propose: give a reason.',
        issues: [{ path: 'command.payload.reason' }],
      },
    });
    const blank = await command(host, c.id, 'recordAccountability', { ...RECORD, deduction: 0, reason: ' \u200b ' }, SUPERVISOR);
    expect(blank).toMatchObject({
      ok: false,
      error: { key: 'errors.accountability.reasonRequired', message: expect.stringContaining('须填写理由') },
    });
    const adjusted = await mustCommand(host, c.id, 'recordAccountability', { ...RECORD, deduction: 4, reason: '多次被投诉' }, SUPERVISOR);
    expect(adjusted.accountability[0]).toMatchObject({ proposed: 1, points: 4, reason: '多次被投诉' });
    host.close();
  });

  it('refuses hostile input: unknown staff, negative, fractional and huge deductions, unknown measures', async () => {
    const { host, clock } = await setUp();
    const c = await closedCase(host, clock);
    expect(await command(host, c.id, 'recordAccountability', { ...RECORD, staffId: 'x99' }, SUPERVISOR)).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', key: 'errors.accountability.unknownStaff', issues: [{ path: 'command.payload.staffId' }] },
    });
    expect(await command(host, c.id, 'recordAccountability', { ...RECORD, staffId: '<script>' }, SUPERVISOR)).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', key: 'errors.staff.invalid' },
    });
    for (const deduction of [-1, 1.5, 101, 1e308, Number.NaN, '3']) {
      expect(
        await command(host, c.id, 'recordAccountability', { ...RECORD, deduction, reason: '理由' }, SUPERVISOR),
        String(deduction),
      ).toMatchObject({
        ok: false,
        error: { code: 'invalid_input', key: 'errors.accountability.pointsInvalid' },
      });
    }
    expect(await command(host, c.id, 'recordAccountability', { ...RECORD, measure: 'dismissal' }, SUPERVISOR)).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', key: 'errors.accountability.measureInvalid' },
    });
    expect(await command(host, c.id, 'recordAccountability', { ...RECORD, entry: 7 }, SUPERVISOR)).toMatchObject({ ok: false });
    expect((await detail(host, c.id)).case.accountability).toEqual([]);
    host.close();
  });
});

describe('appeals and decisions', () => {
  async function recorded(rules?: { appealWorkingDays: number }) {
    const opened = await setUp();
    if (rules)
      await must(
        opened.host.call(
          'accountability.saveRules',
          { rules: { generalComplaint: 1, majorComplaint: 5, lateHandling: 2, ...rules } },
          SUPERVISOR,
        ),
      );
    const c = await closedCase(opened.host, opened.clock);
    const r = await mustCommand(opened.host, c.id, 'recordAccountability', RECORD, SUPERVISOR);
    return { ...opened, c: r, h01: HANDLER, h02: await asStaff(opened.host, 'h02', 'handler') };
  }

  it('only the staff member concerned appeals, once; the window ends after the set working days', async () => {
    const { host, clock, c, h02 } = await recorded();
    // Recorded Tuesday 3 March 2026 (a day after intake); five working days: to the end of Tuesday 10 March.
    expect(c.accountability[0]!.at).toBe(Date.parse('2026-03-03T10:20:00+08:00'));
    expect(c.accountability[0]!.appealDueAt).toBe(Date.parse('2026-03-10T23:59:59.999+08:00'));

    expect(await command(host, c.id, 'appealAccountability', { entry: 1, reason: '不是我' }, h02)).toMatchObject({
      ok: false,
      error: { code: 'invalid_state', key: 'errors.accountability.nothingToAppeal' },
    });
    expect(await command(host, c.id, 'appealAccountability', { entry: 1, reason: '代为申诉' }, SUPERVISOR)).toMatchObject({
      ok: false,
      error: { key: 'errors.accountability.nothingToAppeal' },
    });
    expect(await command(host, c.id, 'appealAccountability', { entry: 2, reason: '理由' }, HANDLER)).toMatchObject({
      ok: false,
      error: { code: 'not_found', key: 'errors.accountability.entryNotFound' },
    });
    const offered = async (e: Envelope) => (await must(host.call('cases.get', { caseId: c.id }, e))).allowedCommands;
    expect(await offered(HANDLER)).toContain('appealAccountability');
    expect(await offered(h02)).not.toContain('appealAccountability');
    expect(await offered(SUPERVISOR)).not.toContain('decideAccountabilityAppeal');
    clock.advance(HOUR);
    await mustCommand(host, c.id, 'appealAccountability', { entry: 1, reason: '客户未接电话' }, HANDLER);
    expect(await offered(HANDLER)).not.toContain('appealAccountability');
    expect(await offered(SUPERVISOR)).toContain('decideAccountabilityAppeal');
    host.close();
  });

  it('an appeal within the window is taken; the decision upholds, overturns or adjusts with a note', async () => {
    const { host, clock, c } = await recorded();
    clock.at = Date.parse('2026-03-10T23:59:00+08:00');
    const appealed = await mustCommand(host, c.id, 'appealAccountability', { entry: 1, reason: '客户未接电话，非本人拖延' }, HANDLER);
    expect(appealed.accountability[0]!.appeal).toEqual({ at: clock.at, reason: '客户未接电话，非本人拖延' });
    expect(await command(host, c.id, 'appealAccountability', { entry: 1, reason: '再次申诉' }, HANDLER)).toMatchObject({
      ok: false,
      error: { key: 'errors.accountability.nothingToAppeal' },
    });

    expect(await command(host, c.id, 'decideAccountabilityAppeal', { entry: 1, outcome: 'upheld', note: '维持' }, HANDLER)).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(
      await command(host, c.id, 'decideAccountabilityAppeal', { entry: 1, outcome: 'adjusted', note: '酌减' }, SUPERVISOR),
    ).toMatchObject({
      ok: false,
      error: { code: 'incomplete', key: 'errors.accountability.adjustedNeedsPoints', issues: [{ path: 'command.payload.deduction' }] },
    });
    expect(await command(host, c.id, 'decideAccountabilityAppeal', { entry: 1, outcome: 'upheld', note: '' }, SUPERVISOR)).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', key: 'errors.required' },
    });
    const decided = await mustCommand(
      host,
      c.id,
      'decideAccountabilityAppeal',
      { entry: 1, outcome: 'adjusted', deduction: 0, note: '情有可原' },
      SUPERVISOR,
    );
    expect(decided.accountability[0]).toMatchObject({
      points: 0,
      proposed: 1,
      decision: { outcome: 'adjusted', points: 0, note: '情有可原', by: 's01', at: clock.at },
    });
    expect(
      await command(host, c.id, 'decideAccountabilityAppeal', { entry: 1, outcome: 'upheld', note: '再裁定' }, SUPERVISOR),
    ).toMatchObject({
      ok: false,
      error: { key: 'errors.accountability.nothingToDecide' },
    });
    const events = (await detail(host, c.id)).events.map((e) => e.type);
    expect(events.slice(-3)).toEqual(['accountability_recorded', 'accountability_appealed', 'accountability_appeal_decided']);
    expect(decided.state).toBe('closed');
    host.close();
  });

  it('an appeal after the window is refused by the host’s clock (a shorter window counts working days, skipping the weekend)', async () => {
    const { host, clock, c } = await recorded({ appealWorkingDays: 4 });
    // Tuesday + 4 working days: Wednesday, Thursday, Friday, Monday 9 March.
    expect(c.accountability[0]!.appealDueAt).toBe(Date.parse('2026-03-09T23:59:59.999+08:00'));
    clock.at = Date.parse('2026-03-10T00:00:00+08:00');
    expect(await command(host, c.id, 'appealAccountability', { entry: 1, reason: '迟到的申诉' }, EN(HANDLER))).toMatchObject({
      ok: false,
      error: { code: 'invalid_state', key: 'errors.accountability.appealClosed', message: 'The time to appeal has passed.' },
    });
    expect((await detail(host, c.id)).case.accountability[0]!.appeal).toBeNull();
    host.close();
  });

  it('overturned, the deduction goes; upheld, it stays', async () => {
    const { host, clock } = await setUp();
    const a = await closedCase(host, clock);
    const b = await closedCase(host, clock);
    for (const c of [a, b]) {
      await mustCommand(host, c.id, 'recordAccountability', { ...RECORD, deduction: 6, reason: '情节严重' }, SUPERVISOR);
      await mustCommand(host, c.id, 'appealAccountability', { entry: 1, reason: '申诉' }, HANDLER);
    }
    const overturned = await mustCommand(
      host,
      a.id,
      'decideAccountabilityAppeal',
      { entry: 1, outcome: 'overturned', note: '证据不足' },
      ADMIN,
    );
    const upheld = await mustCommand(
      host,
      b.id,
      'decideAccountabilityAppeal',
      { entry: 1, outcome: 'upheld', deduction: 1, note: '维持' },
      SUPERVISOR,
    );
    expect(overturned.accountability[0]!.points).toBe(0);
    expect(upheld.accountability[0]!.points).toBe(6);
    host.close();
  });
});

describe('my record and the score sheet', () => {
  /** Three cases in March and one in April, for two staff in two departments; values worked out by hand below. */
  async function scored() {
    const opened = await setUp();
    const { host, clock } = opened;
    const c1 = await closedCase(host, clock, { department: '鉴定部' });
    await mustCommand(host, c1.id, 'recordAccountability', RECORD, SUPERVISOR); // h01 1 point
    await mustCommand(
      host,
      c1.id,
      'recordAccountability',
      { ...RECORD, kind: 'indirect', staffId: 'h02', measure: 'written_review', deduction: 2, reason: '监管不力' },
      SUPERVISOR,
    ); // h02 2
    const c2 = await closedCase(host, clock, { department: '客服部', severity: 'major' });
    await mustCommand(host, c2.id, 'recordAccountability', { ...RECORD, measure: 'fine' }, SUPERVISOR); // h01 5
    await mustCommand(host, c2.id, 'appealAccountability', { entry: 1, reason: '非本人责任' }, HANDLER);
    const c3 = await closedCase(host, clock, { department: '客服部' });
    await mustCommand(
      host,
      c3.id,
      'recordAccountability',
      { ...RECORD, staffId: 'h02', measure: 'reassignment', deduction: 10, reason: '屡教不改' },
      SUPERVISOR,
    ); // h02 10
    clock.at = Date.parse('2026-04-15T10:00:00+08:00');
    const c4 = await closedCase(host, clock, { department: '鉴定部' });
    await mustCommand(host, c4.id, 'recordAccountability', RECORD, SUPERVISOR); // h01 1, on 16 April
    return { ...opened, cases: [c1, c2, c3, c4] };
  }

  it('totals per staff member and per department for a period, with every line', async () => {
    const { host, cases } = await scored();
    const march = await must(host.call('accountability.scoreSheet', { from: '2026-03-01', to: '2026-03-31' }, SUPERVISOR));
    expect(march.total).toEqual({ records: 4, points: 1 + 2 + 5 + 10 });
    expect(march.staff).toEqual([
      { staffId: 'h02', staffName: '王强', records: 2, points: 12 },
      { staffId: 'h01', staffName: '李娜', records: 2, points: 6 },
    ]);
    expect(march.departments).toEqual([
      { department: '客服部', records: 2, points: 15 },
      { department: '鉴定部', records: 2, points: 3 },
    ]);
    expect(march.lines.map((l) => [l.caseNo, l.staffId, l.measure, l.points, l.appeal])).toEqual([
      [cases[0]!.caseNo, 'h01', 'criticism', 1, 'none'],
      [cases[0]!.caseNo, 'h02', 'written_review', 2, 'none'],
      [cases[1]!.caseNo, 'h01', 'fine', 5, 'pending'],
      [cases[2]!.caseNo, 'h02', 'reassignment', 10, 'none'],
    ]);
    const spring = await must(host.call('accountability.scoreSheet', { from: '2026-03-01', to: '2026-04-30', staffId: 'h01' }, ADMIN));
    expect(spring.total).toEqual({ records: 3, points: 7 });
    const oneDay = await must(host.call('accountability.scoreSheet', { from: '2026-04-16', to: '2026-04-16' }, SUPERVISOR));
    expect(oneDay.total).toEqual({ records: 1, points: 1 });
    host.close();
  });

  it('a staff member sees their own records, every period, and their own sheet only', async () => {
    const { host } = await scored();
    const mine = await must(host.call('accountability.mine', {}, HANDLER));
    expect(mine.map((l) => [l.staffId, l.points])).toEqual([
      ['h01', 1],
      ['h01', 5],
      ['h01', 1],
    ]);
    expect(await must(host.call('accountability.mine', {}, CLERK))).toEqual([]);
    expect(await host.call('accountability.scoreSheet', { from: '2026-03-01', to: '2026-03-31' }, HANDLER)).toMatchObject({
      ok: false,
      error: { code: 'forbidden', key: 'errors.accountability.supervisorOnly' },
    });
    const own = await must(host.call('accountability.scoreSheet', { from: '2026-03-01', to: '2026-03-31', staffId: 'h01' }, HANDLER));
    expect(own.total).toEqual({ records: 2, points: 6 });
    host.close();
  });

  it('refuses reversed, huge and malformed periods', async () => {
    const { host } = await setUp();
    const sheet = (from: string, to: string, e: Envelope = SUPERVISOR) => host.call('accountability.scoreSheet', { from, to }, e);
    expect(await sheet('2026-03-31', '2026-03-01', EN(SUPERVISOR))).toMatchObject({
      ok: false,
      error: {
        code: 'invalid_input',
        key: 'errors.accountability.periodReversed',
        message: 'The start date cannot be after the end date.',
      },
    });
    expect(await sheet('2000-01-01', '2099-12-31')).toMatchObject({ ok: false, error: { key: 'errors.accountability.periodTooLong' } });
    expect(await sheet('2026-01-01', '2027-01-02')).toMatchObject({ ok: false, error: { key: 'errors.accountability.periodTooLong' } });
    expect(await sheet('2026-02-30', '2026-03-01')).toMatchObject({ ok: false, error: { key: 'errors.accountability.periodInvalid' } });
    expect(await sheet('=cmd()', '2026-03-01')).toMatchObject({ ok: false, error: { key: 'errors.accountability.periodInvalid' } });
    expect((await must(sheet('2024-01-01', '2024-12-31'))).total).toEqual({ records: 0, points: 0 });
    host.close();
  });

  it('saves the sheet as XLSX: read back, the totals and lines are there and a formula-like name is text', async () => {
    const { host } = await scored();
    await must(
      host.call(
        'org.save',
        { organization: { ...ORG, staff: ORG.staff.map((s) => (s.id === 'h02' ? { ...s, name: '=HYPERLINK("x")' } : s)) } },
        SUPERVISOR,
      ),
    );
    const file = await must(
      host.call('accountability.scoreSheetXlsx', { from: '2026-03-01', to: '2026-03-31', language: 'en' }, SUPERVISOR),
    );
    expect(file.fileName).toBe('score-sheet-2026-03-01-2026-03-31.xlsx');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(file.bytes as unknown as ArrayBuffer);
    expect(book.worksheets.map((w) => w.name)).toEqual(['By staff member', 'By department', 'Records']);
    const rows = (name: string) =>
      book
        .getWorksheet(name)!
        .getSheetValues()
        .slice(1)
        .map((r) => (r as unknown[]).slice(1));
    expect(rows('By staff member')).toEqual([
      ['Staff member', 'Records', 'Points deducted'],
      ['\'=HYPERLINK("x") (h02)', 2, 12],
      ['李娜 (h01)', 2, 6],
      ['Total', 4, 18],
    ]);
    expect(rows('By department')).toEqual([
      ['Department', 'Records', 'Points deducted'],
      ['客服部', 2, 15],
      ['鉴定部', 2, 3],
      ['Total', 4, 18],
    ]);
    const lines = rows('Records');
    expect(lines).toHaveLength(5);
    expect(lines[3]!.slice(4)).toEqual(['Direct', 'Fine', 5, 'Waiting for decision']);
    for (const row of book.worksheets.flatMap((w) => w.getSheetValues())) {
      for (const value of (row as unknown[] | undefined) ?? [])
        expect(typeof value === 'object' && value !== null, 'no formula cell').toBe(false);
    }
    expect(await host.call('accountability.scoreSheetXlsx', { from: '2026-03-01', to: '2026-03-31', language: 'en' }, CLERK)).toMatchObject(
      {
        ok: false,
        error: { code: 'forbidden' },
      },
    );
    host.close();
  });
});
