/**
 * Who the complainant is and how they are reached again (R1.1, R1.2): anonymous reports, the way
 * of contact the callback needs, identity documents by type, and what an anonymous report does to
 * the callback steps and their clocks.
 */
import { describe, expect, it } from 'vitest';
import { computeClocks, DEFAULT_DEADLINE_POLICIES, policyForComplainant, WorkCalendar } from '../../shared/deadlines';
import { intakeSchema, type CaseRecord, type IntakeInput } from '../../shared/domain/case';
import { canBeCalledBack, contactIssues, hasWayOfContact } from '../../shared/domain/contact';
import { PROFILE_IDS } from '../../shared/domain/enums';
import { idCheckChar, ID_TYPES, isValidIdOfType, maskIdNumber, type IdType } from '../../shared/domain/idNumber';
import { newCaseRecord } from '../../shared/domain/newCase';
import { GENESIS_HASH } from '../../shared/ledger/eventHash';
import { applyCommand, commandSchemas, isDomainError, missingFor, allowedCommands, type Command } from '../../shared/workflow';
import type { Actor } from '../../shared/domain/case';

const T0 = Date.parse('2026-03-02T10:00:00+08:00');
const DAY = 86_400_000;
const SUPERVISOR: Actor = { staffId: 's01', role: 'supervisor' };
const HANDLER: Actor = { staffId: 'h01', role: 'handler' };

const NAMED = { name: '王小明', phone: '13812345678', address: '', email: '' };
const ANONYMOUS = { name: '', phone: '', address: '', email: '', anonymous: true };

function intake(complainant: Record<string, unknown>, isReport = false): IntakeInput {
  return {
    channel: 'letter',
    receivedAt: T0,
    receivedBy: 'c01',
    complainant: complainant as IntakeInput['complainant'],
    category: 'service_attitude',
    isReport,
    content: '柜台人员收取好处费',
  };
}

const messagesAt = (input: IntakeInput) => {
  const r = intakeSchema.safeParse(input);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('a way of contact (the callback must reach the customer)', () => {
  it('a phone, an address or an e-mail address, any one of them, is enough', () => {
    expect(hasWayOfContact({ phone: '13812345678', address: '', email: '' })).toBe(true);
    expect(hasWayOfContact({ phone: '', address: '朝阳区建国路 88 号', email: '' })).toBe(true);
    expect(hasWayOfContact({ phone: '', address: '', email: 'wang@example.com' })).toBe(true);
    expect(hasWayOfContact({ phone: ' ', address: '\u3000', email: '' })).toBe(false);
  });

  it('a complaint with none of them is refused at the phone field with errors.contact.none', () => {
    expect(messagesAt(intake({ name: '王小明', phone: '', address: '', email: '' }))).toEqual(['complainant.phone: errors.contact.none']);
  });

  it('a named report needs a way of contact too', () => {
    expect(messagesAt(intake({ name: '王小明' }, true))).toEqual(['complainant.phone: errors.contact.none']);
  });

  it('a complaint by letter with only an address, or by e-mail with only an e-mail address, is accepted', () => {
    expect(messagesAt(intake({ name: '王小明', address: '朝阳区建国路 88 号' }))).toEqual([]);
    expect(messagesAt(intake({ name: '王小明', email: 'wang@example.com' }))).toEqual([]);
  });

  it('a complaint without a name is refused with errors.required at the name', () => {
    expect(messagesAt(intake({ ...NAMED, name: ' ' }))).toEqual(['complainant.name: errors.required']);
  });

  it('an e-mail address is checked, converted from full width and trimmed', () => {
    expect(messagesAt(intake({ ...NAMED, email: 'wang@example' }))).toEqual(['complainant.email: errors.email.invalid']);
    expect(messagesAt(intake({ ...NAMED, email: 'wang at example.com' }))).toEqual(['complainant.email: errors.email.invalid']);
    expect(intakeSchema.parse(intake({ ...NAMED, email: ' ｗａｎｇ＠ｅｘａｍｐｌｅ．ｃｏｍ ' })).complainant.email).toBe(
      'wang@example.com',
    );
  });

  it('the stored complainant gets the defaults: no e-mail, a resident ID type, not anonymous', () => {
    expect(intakeSchema.parse(intake(NAMED)).complainant).toEqual({
      ...NAMED,
      idType: 'resident_id',
      idNumber: '',
      anonymous: false,
    });
  });
});

describe('anonymous reports', () => {
  it('a report may be anonymous: no name, no phone, no way of contact', () => {
    expect(messagesAt(intake(ANONYMOUS, true))).toEqual([]);
    expect(intakeSchema.parse(intake({ anonymous: true }, true)).complainant).toMatchObject({ name: '', phone: '', anonymous: true });
  });

  it('a complaint (not a report) may not be anonymous: errors.anonymous.reportOnly', () => {
    expect(messagesAt(intake(ANONYMOUS, false))).toEqual(['complainant.anonymous: errors.anonymous.reportOnly']);
  });

  it('an anonymous report that still names someone or a phone is refused: errors.anonymous.withDetails', () => {
    expect(messagesAt(intake({ ...ANONYMOUS, phone: '13812345678' }, true))).toEqual([
      'complainant.anonymous: errors.anonymous.withDetails',
    ]);
    expect(messagesAt(intake({ ...ANONYMOUS, name: '王' }, true))).toEqual(['complainant.anonymous: errors.anonymous.withDetails']);
  });

  it('canBeCalledBack: a named complainant with a way of contact yes; anonymous never', () => {
    expect(canBeCalledBack({ ...NAMED })).toBe(true);
    expect(canBeCalledBack({ ...ANONYMOUS })).toBe(false);
    expect(canBeCalledBack({ ...NAMED, anonymous: true })).toBe(false);
    // a record stored before anonymity existed has no flag: it is named
    expect(canBeCalledBack({ name: '王小明', phone: '13812345678', address: '' })).toBe(true);
  });

  it('contactIssues leaves values of the wrong type to the field schemas', () => {
    expect(contactIssues({ name: 42 as never, phone: 13812345678 as never }, false)).toEqual([]);
  });
});

describe('identity documents, one rule per type', () => {
  const valid: Record<IdType, string[]> = {
    // the last: a Hong Kong resident's residence permit (810000), same number format
    resident_id: ['11010519491231002X', '110105 19491231 002x', `81000019900101001${idCheckChar('81000019900101001')}`],
    hk_macau_permit: ['C12345678', 'CA1234567', 'c 1234 5678'],
    hk_macau_home_permit: ['H12345678', 'M87654321', 'H1234567890'],
    taiwan_permit: ['12345678', '０１２３４５６７'],
    passport: ['E12345678', 'EA1234567', 'G1234567', 'K12345', '123456789'],
    other: ['军官证 012345', 'X'],
  };
  const invalid: Record<IdType, string[]> = {
    resident_id: ['110105194912310021', '11010519491231002', 'C12345678'],
    hk_macau_permit: ['12345678', 'C1234567', 'C123456789', 'H12345678', 'CAB123456'],
    hk_macau_home_permit: ['H1234567', 'X12345678', 'H123456789', 'C12345678'],
    taiwan_permit: ['1234567', '123456789', 'T1234567'],
    passport: ['E123', 'E1234567890', 'ABCDEFG', 'E-1234/567'],
    other: ['', '  '],
  };

  it('every type has valid and invalid examples in this test', () => {
    for (const type of ID_TYPES) {
      expect(valid[type].length, type).toBeGreaterThan(0);
      expect(invalid[type].length, type).toBeGreaterThan(0);
    }
  });

  it.each(ID_TYPES.flatMap((type) => valid[type].map((v) => [type, v] as const)))('%s accepts %s', (type, value) => {
    expect(isValidIdOfType(type, value)).toBe(true);
  });

  it.each(ID_TYPES.flatMap((type) => invalid[type].map((v) => [type, v] as const)))('%s refuses %s', (type, value) => {
    expect(isValidIdOfType(type, value)).toBe(false);
  });

  it('the intake refuses a number that does not fit its type, with the message of that type', () => {
    const at = (idType: IdType, idNumber: string) => messagesAt(intake({ ...NAMED, idType, idNumber }));
    expect(at('resident_id', '110105194912310021')).toEqual(['complainant.idNumber: errors.idNumber.invalid']);
    expect(at('hk_macau_permit', '12345678')).toEqual(['complainant.idNumber: errors.idNumber.hkMacauPermit']);
    expect(at('hk_macau_home_permit', 'H1234567')).toEqual(['complainant.idNumber: errors.idNumber.hkMacauHomePermit']);
    expect(at('taiwan_permit', '1234567')).toEqual(['complainant.idNumber: errors.idNumber.taiwanPermit']);
    expect(at('passport', 'E12')).toEqual(['complainant.idNumber: errors.idNumber.passport']);
    expect(at('passport', 'E12345678')).toEqual([]);
    expect(messagesAt(intake({ ...NAMED, idType: 'driving_licence', idNumber: '1' }))).toContain(
      'complainant.idType: errors.idType.invalid',
    );
  });

  it.each([
    ['resident_id', '11010519491231002X', '110105********002X'],
    ['resident_id', '１１０１０５１９４９１２３１００２ｘ', '110105********002X'],
    ['hk_macau_permit', 'C12345678', 'C*****678'],
    ['hk_macau_home_permit', 'H1234567890', 'H*******890'],
    ['taiwan_permit', '12345678', '1****678'],
    ['passport', 'E12345678', 'E*****678'],
    ['passport', 'K12345', '****45'],
    ['other', 'AB1', '**1'],
    ['other', '', ''],
  ] as const)('%s %s is shown masked as %s', (type, value, masked) => {
    expect(maskIdNumber(type, value)).toBe(masked);
  });

  it('a mask hides at least 4 characters of every number (two-thirds of a shorter one), whatever its type', () => {
    for (const type of ID_TYPES) {
      for (let n = 1; n <= 18; n++) {
        const masked = maskIdNumber(type, 'A'.repeat(n));
        expect(masked.length).toBe(n);
        const hidden = [...masked].filter((ch) => ch === '*').length;
        expect(hidden, `${type} ${n}`).toBeGreaterThanOrEqual(Math.min(4, Math.ceil((2 * n) / 3)));
      }
    }
  });
});

describe('received date', () => {
  it('a received date before 2000 or after 2100 states the accepted range (errors.date.receivedRange), not just "invalid"', () => {
    expect(messagesAt({ ...intake(NAMED), receivedAt: Date.parse('1999-12-31T00:00:00+08:00') })).toEqual([
      'receivedAt: errors.date.receivedRange',
    ]);
    expect(messagesAt({ ...intake(NAMED), receivedAt: Date.parse('2126-01-01T00:00:00+08:00') })).toEqual([
      'receivedAt: errors.date.receivedRange',
    ]);
    expect(messagesAt({ ...intake(NAMED), receivedAt: Number.NaN })).toEqual(['receivedAt: errors.date.invalid']);
  });
});

// ---- the callback steps and clocks ------------------------------------------------------------

function caseOf(complainant: Record<string, unknown>, isReport: boolean, more: Partial<CaseRecord> = {}): CaseRecord {
  const parsed = intakeSchema.parse(intake(complainant, isReport));
  const c = newCaseRecord({
    id: '0190f3a2-0000-7000-8000-000000000001',
    caseNo: 'BJ01-20260302-001',
    branchCode: 'BJ01',
    profileId: 'general',
    intake: parsed,
    now: T0,
  });
  return { ...c, ledgerHead: { seq: 1, hash: GENESIS_HASH }, ...more };
}

/** A case handled up to "resolved", as the workflow leaves it. */
const RESOLVED: Partial<CaseRecord> = {
  state: 'resolved',
  assignments: [{ department: '稽核部', assigneeId: 'h01', dueAt: null, assignedAt: T0 + 1, assignedBy: 's01', note: '' }],
  assigneeId: 'h01',
  investigationNotes: [{ at: T0 + 2, by: 'h01', text: '调取监控' }],
  validity: { valid: true, responsibility: 'staff', analysis: '属实' },
  plan: { measures: '处分', ownerId: 'h01', dueAt: T0 + DAY, compensation: null },
  approvals: [{ at: T0 + 3, by: 's01', decision: 'approved', comment: '' }],
  result: { text: '已处分', at: T0 + 4, by: 'h01' },
};

const command = <N extends Command['name']>(name: N, payload: unknown) =>
  ({ name, payload: commandSchemas[name].parse(payload) }) as Command;

describe('the callback steps on an anonymous report', () => {
  const anonymous = caseOf(ANONYMOUS, true, RESOLVED);
  const named = caseOf(NAMED, true, RESOLVED);

  it('offer "close without callback" instead of telling the result and calling back', () => {
    expect(allowedCommands(anonymous, SUPERVISOR)).toContain('closeWithoutCallback');
    expect(allowedCommands(anonymous, SUPERVISOR)).not.toContain('tellResult');
    expect(allowedCommands(named, SUPERVISOR)).toContain('tellResult');
    expect(allowedCommands(named, SUPERVISOR)).not.toContain('closeWithoutCallback');
  });

  it('closeWithoutCallback closes an anonymous report from "resolved", with the closed event and the note', () => {
    const t = applyCommand(anonymous, command('closeWithoutCallback', { explanation: '处理结果存档' }), HANDLER, T0 + 5);
    if (isDomainError(t)) throw new Error(t.message);
    expect(t.to).toBe('closed');
    expect(t.events).toEqual(['closed_without_callback', 'closed']);
    expect(t.next).toMatchObject({ closedAt: T0 + 5, closingExplanation: '处理结果存档', callbacks: [], resultTold: null });
    expect(missingFor('closed', t.next)).toEqual([]);
  });

  it('closeWithoutCallback is refused on a case whose complainant can be called back', () => {
    expect(applyCommand(named, command('closeWithoutCallback', {}), HANDLER, T0 + 5)).toMatchObject({
      code: 'invalid_state',
      message: 'errors.workflow.callbackPossible',
    });
  });

  it('tellResult and recordCallback are refused on an anonymous report: nobody to reach', () => {
    expect(applyCommand(anonymous, command('tellResult', { method: 'phone' }), HANDLER, T0 + 5)).toMatchObject({
      message: 'errors.workflow.nobodyToCallBack',
    });
    const waiting = { ...anonymous, state: 'awaiting_callback' as const };
    expect(applyCommand(waiting, command('recordCallback', { satisfaction: 'satisfied', notes: '' }), HANDLER, T0 + 5)).toMatchObject({
      message: 'errors.workflow.nobodyToCallBack',
    });
  });

  it('a closed named case still needs the result told and a callback; a closed anonymous one does not', () => {
    expect(missingFor('closed', { ...named, closedAt: T0 + 5 })).toEqual(['missing.resultTold', 'missing.callback']);
    expect(missingFor('closed', { ...anonymous, closedAt: T0 + 5 })).toEqual([]);
  });

  it('a named case with no way of contact (corrupted) misses "missing.contact"', () => {
    expect(missingFor('registered', caseOf(NAMED, false, { complainant: { ...caseOf(NAMED, false).complainant, phone: '' } }))).toEqual([
      'missing.contact',
    ]);
  });
});

describe('the update command keeps the contact rules', () => {
  const registered = caseOf(NAMED, true, { severity: 'general' });
  const update = (payload: unknown) => applyCommand(registered, command('update', payload), SUPERVISOR, T0 + 5);

  it('a correction that removes the only way of contact is refused at the phone, with errors.contact.none', () => {
    expect(update({ complainant: { phone: '' } })).toMatchObject({
      code: 'invalid_input',
      message: 'errors.contact.none',
      issues: [{ path: 'command.payload.complainant.phone', key: 'errors.contact.none' }],
    });
  });

  it('a correction may change the ID type and number together; a number that no longer fits its type is refused', () => {
    const t = update({ complainant: { idType: 'passport', idNumber: 'e12345678' } });
    if (isDomainError(t)) throw new Error(t.message);
    expect(t.next.complainant).toMatchObject({ idType: 'passport', idNumber: 'E12345678', name: '王小明', phone: '13812345678' });
    const typeOnly = applyCommand(t.next, command('update', { complainant: { idType: 'taiwan_permit' } }), SUPERVISOR, T0 + 6);
    expect(typeOnly).toMatchObject({ issues: [{ path: 'command.payload.complainant.idNumber', key: 'errors.idNumber.taiwanPermit' }] });
  });

  it('withdrawing the report flag of an anonymous report is refused: only a report may be anonymous', () => {
    const anon = caseOf(ANONYMOUS, true);
    expect(applyCommand(anon, command('update', { isReport: false }), SUPERVISOR, T0 + 5)).toMatchObject({
      issues: [{ path: 'command.payload.complainant.anonymous', key: 'errors.anonymous.reportOnly' }],
    });
  });
});

describe('deadline clocks of a case nobody can be called back on', () => {
  const calendar = new WorkCalendar();
  const events = [
    { type: 'registered' as const, at: T0 },
    { type: 'assigned' as const, at: T0 + 1000 },
    { type: 'handled' as const, at: T0 + DAY },
  ];

  it.each(PROFILE_IDS)('%s: the callback clock is absent for an anonymous report and present otherwise', (profile) => {
    const policy = DEFAULT_DEADLINE_POLICIES[profile];
    const anonymousIds = computeClocks(policyForComplainant(policy, { ...ANONYMOUS }), events, T0 + 30 * DAY, calendar).map((k) => k.id);
    const namedIds = computeClocks(policyForComplainant(policy, { ...NAMED }), events, T0 + 30 * DAY, calendar).map((k) => k.id);
    expect(namedIds).toContain('callback');
    expect(anonymousIds).not.toContain('callback');
    // only the clocks nobody can meet go (property's result notice too): registration and handling clocks stay
    expect(namedIds.filter((id) => !anonymousIds.includes(id)).every((id) => ['callback', 'result'].includes(id))).toBe(true);
  });

  it('no overdue callback on an anonymous report handled long ago', () => {
    const policy = DEFAULT_DEADLINE_POLICIES.general;
    const clocks = computeClocks(policyForComplainant(policy, { ...ANONYMOUS }), events, T0 + 60 * DAY, calendar);
    expect(clocks.find((k) => k.id === 'callback')).toBeUndefined();
    const named = computeClocks(policyForComplainant(policy, { ...NAMED }), events, T0 + 60 * DAY, calendar);
    expect(named.find((k) => k.id === 'callback')?.status).toBe('overdue');
  });
});
