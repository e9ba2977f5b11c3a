import { describe, expect, it } from 'vitest';
import { zodIssues } from '../../electron/store/validation';
import { PROFILE_IDS } from '../../shared/domain/enums';
import { PROFILES } from '../../shared/domain/profiles';
import { COMMAND_NAMES, commandSchemas, type CommandName } from '../../shared/workflow';
import {
  COMMAND_FIELDS,
  fieldOfIssue,
  hasDialog,
  initialValues,
  labelOf,
  payloadOf,
  type DialogField,
  type FieldValues,
} from '../../renderer/features/case/commandFields';
import { isTranslated, registeredCase } from './fixtures';

const record = registeredCase();
const ctx = { record, staffId: 'h01' };

/** What a clerk would type into a field of that name; anything else gets a sentence. */
const TYPED: Record<string, string> = {
  department: '鉴定部',
  assigneeId: 'h02',
  ownerId: 'h02',
  dueAt: '2026-03-10',
  compensation: '200',
  email: 'wang@example.com',
  idNumber: '11010519491231002X',
  // Accountability: the staff member, the record's number, points.
  staffId: 'h02',
  entry: '1',
  deduction: '2',
};
const typedInto = (f: DialogField) => TYPED[f.name] ?? '已与客户当面核实情况，客户认可。';
const isTyped = (f: DialogField) => f.kind !== 'select' && f.kind !== 'switch' && f.kind !== 'category';

const WITH_FIELDS = COMMAND_NAMES.filter((name) => (COMMAND_FIELDS[name]?.length ?? 0) > 0);

/** The dialog as it opens, its empty typed fields filled in. */
function filled(name: CommandName): FieldValues {
  const values = initialValues(name, ctx);
  for (const f of COMMAND_FIELDS[name]!) if (isTyped(f) && values[f.name] === '') values[f.name] = typedInto(f);
  return values;
}

/** The store's answer to the payload, as issues with the paths the host gives them. */
function issuesOf(name: CommandName, values: FieldValues) {
  const parsed = commandSchemas[name].safeParse(payloadOf(name, values, ctx));
  return parsed.success ? [] : zodIssues(parsed.error, 'command.payload');
}

const fieldsWhere = (keep: (f: DialogField) => boolean) =>
  WITH_FIELDS.flatMap((name) => COMMAND_FIELDS[name]!.filter(keep).map((f) => [name, f.name] as const));

describe('a dialog filled in builds a payload its command accepts; an empty required field is named', () => {
  it.each(WITH_FIELDS)('%s: the opened dialog, filled with plausible input, builds a payload the schema accepts', (name) => {
    expect(issuesOf(name, filled(name))).toEqual([]);
  });

  it.each(fieldsWhere((f) => f.required))('%s: %s left empty is refused with a message on that field', (name, field) => {
    const issues = issuesOf(name, { ...filled(name), [field]: '' });
    expect(issues.length).toBeGreaterThan(0);
    expect(issues.map((i) => fieldOfIssue(name, i.path))).toContain(field);
  });

  it.each(fieldsWhere((f) => isTyped(f) && !f.required))('%s: %s may be left empty', (name, field) => {
    expect(issuesOf(name, { ...filled(name), [field]: '' })).toEqual([]);
  });

  it('marks as required exactly the fields whose command refuses them empty', () => {
    const required = Object.fromEntries(
      WITH_FIELDS.map((name) => [name, COMMAND_FIELDS[name]!.filter((f) => f.required).map((f) => f.name)]),
    );
    expect(required).toEqual({
      // name and a way of contact are checked with the whole complainant (shared/domain/contact.ts), not as single fields
      update: ['content'],
      closeWithoutCallback: [],
      assign: ['department', 'assigneeId'],
      closeAtCounter: ['explanation'],
      markInvalid: ['explanation'],
      addInvestigationNote: ['text'],
      recordEmergencyStep: ['text'],
      progressCall: ['notes'],
      proposePlan: ['analysis', 'measures', 'ownerId', 'dueAt'],
      approvePlan: [],
      rejectPlan: ['comment'],
      recordHandling: ['result'],
      tellResult: [],
      recordCallback: [],
      fileAppeal: ['reason'],
      recordAccountability: ['staffId'],
      appealAccountability: ['entry', 'reason'],
      decideAccountabilityAppeal: ['entry', 'note'],
    });
  });
});

describe('what a dialog sends', () => {
  it('assign: a due date is the end of that day in China time; no date sends null', () => {
    const values = { ...filled('assign'), dueAt: '2026-03-10' };
    expect(payloadOf('assign', values, ctx)).toEqual({
      department: '鉴定部',
      assigneeId: 'h02',
      dueAt: Date.parse('2026-03-10T23:59:59.999+08:00'),
      note: '已与客户当面核实情况，客户认可。',
    });
    expect(payloadOf('assign', { ...values, dueAt: '' }, ctx)).toMatchObject({ dueAt: null });
  });

  it('proposePlan: opens with the complaint valid and the user as the plan owner', () => {
    expect(initialValues('proposePlan', ctx)).toMatchObject({ valid: true, responsibility: 'company', ownerId: 'h01' });
  });

  it('proposePlan: nests the finding and the plan; an amount becomes compensation, none sends null', () => {
    const values = filled('proposePlan');
    expect(payloadOf('proposePlan', { ...values, valid: false, responsibility: 'customer' }, ctx)).toEqual({
      validity: { valid: false, responsibility: 'customer', analysis: values.analysis },
      plan: {
        measures: values.measures,
        ownerId: 'h01',
        dueAt: Date.parse('2026-03-10T23:59:59.999+08:00'),
        compensation: { amount: 200, description: '' },
      },
    });
    expect(payloadOf('proposePlan', { ...values, compensation: '' }, ctx).plan.compensation).toBeNull();
  });

  it('proposePlan: an amount that is not a number, or negative, is refused on the compensation field', () => {
    for (const compensation of ['abc', '-5']) {
      const issues = issuesOf('proposePlan', { ...filled('proposePlan'), compensation });
      expect(issues.map((i) => [fieldOfIssue('proposePlan', i.path), i.key])).toEqual([['compensation', 'errors.amount.invalid']]);
    }
  });

  it('update: opens with the registration as it stands, and sends nothing when nothing changed', () => {
    expect(initialValues('update', ctx)).toEqual({
      name: '王小明',
      phone: '13812345678',
      address: '朝阳区建国路 1 号',
      email: '',
      idType: 'resident_id',
      idNumber: '',
      anonymous: false,
      businessRef: 'DP2026030200017',
      category: 'appraisal',
      severity: 'general',
      isReport: false,
      content: '当物鉴定估价明显偏低，要求重新鉴定。',
      expectedResolution: '重新鉴定',
    });
    expect(payloadOf('update', initialValues('update', ctx), ctx)).toEqual({});
  });

  it('update: sends only what changed, a complainant field inside complainant', () => {
    const values = { ...initialValues('update', ctx), phone: '13987654321', severity: 'major', isReport: true };
    expect(payloadOf('update', values, ctx)).toEqual({ complainant: { phone: '13987654321' }, severity: 'major', isReport: true });
  });

  it('recordCallback: sends the switch as a boolean and the select as its value', () => {
    const values = { ...filled('recordCallback'), satisfaction: 'unsatisfied', standardMet: true };
    expect(payloadOf('recordCallback', values, ctx)).toMatchObject({ satisfaction: 'unsatisfied', standardMet: true });
  });
});

describe('the dialogs', () => {
  it('every command has a dialog except evidence and related cases, which have their own controls', () => {
    expect(COMMAND_NAMES.filter((name) => !hasDialog(name))).toEqual(['addEvidence', 'linkCase']);
  });

  it('every command name, field label and option is translated in every language', () => {
    const keys = COMMAND_NAMES.flatMap((name) => [
      `command.${name}`,
      ...(COMMAND_FIELDS[name] ?? []).flatMap((f) => [
        ...PROFILE_IDS.map((profile) => labelOf(f, profile)),
        ...(f.options ?? []).map((o) => `${f.labelPrefix}.${o}`),
      ]),
    ]);
    expect(keys.filter((key) => !isTranslated(key))).toEqual([]);
  });

  it("labels the correction's address and business reference as the branch's business profile does", () => {
    const field = (name: string) => COMMAND_FIELDS.update!.find((f) => f.name === name)!;
    for (const profile of PROFILE_IDS) {
      expect(labelOf(field('address'), profile)).toBe(PROFILES[profile].addressLabel);
      expect(labelOf(field('businessRef'), profile)).toBe(PROFILES[profile].businessRefLabel);
    }
  });

  it('puts a store issue on the field whose payload path holds it, and nowhere when no field does', () => {
    expect(fieldOfIssue('proposePlan', 'command.payload.plan.compensation.amount')).toBe('compensation');
    expect(fieldOfIssue('proposePlan', 'command.payload.validity.analysis')).toBe('analysis');
    expect(fieldOfIssue('update', 'command.payload.complainant.phone')).toBe('phone');
    expect(fieldOfIssue('update', 'command.payload.complainant')).toBeUndefined();
    expect(fieldOfIssue('update', 'command.payload.receivedAt')).toBeUndefined();
    expect(fieldOfIssue('assign', 'caseId')).toBeUndefined();
  });
});
