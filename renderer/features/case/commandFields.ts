import type { CommandName } from '../../../shared/workflow/commands';
import type { CaseRecord } from '../../../shared/domain/case';
import { CHANNELS, RESPONSIBILITIES, SATISFACTIONS, SEVERITIES } from '../../../shared/domain/enums';

/** One input of a workflow action's dialog. `options` are values whose labels are `<labelPrefix>.<value>`. */
export interface CommandField {
  name: string;
  label: string;
  kind: 'text' | 'multiline' | 'select' | 'switch' | 'date' | 'number' | 'category';
  required?: boolean;
  /** Typing is helped by the branch's list (a datalist): free text stays possible. */
  suggest?: 'departments' | 'staff';
  options?: readonly string[];
  labelPrefix?: string;
}

/** What each workflow action asks for; the store checks the payload (commandSchemas) and the rules. */
export const COMMAND_FIELDS: Partial<Record<CommandName, readonly CommandField[]>> = {
  update: [
    { name: 'name', label: 'intake.name', kind: 'text', required: true },
    { name: 'phone', label: 'intake.phone', kind: 'text', required: true },
    // Labelled per business profile by the dialog.
    { name: 'address', label: 'field.address.general', kind: 'text' },
    { name: 'businessRef', label: 'field.businessRef.general', kind: 'text' },
    { name: 'category', label: 'intake.category', kind: 'category' },
    { name: 'severity', label: 'intake.severity', kind: 'select', options: SEVERITIES, labelPrefix: 'severity' },
    { name: 'isReport', label: 'intake.isReport', kind: 'switch' },
    { name: 'content', label: 'intake.content', kind: 'multiline', required: true },
    { name: 'expectedResolution', label: 'intake.expected', kind: 'multiline' },
  ],
  assign: [
    { name: 'department', label: 'action.department', kind: 'text', required: true, suggest: 'departments' },
    { name: 'assigneeId', label: 'action.assigneeId', kind: 'text', required: true, suggest: 'staff' },
    { name: 'dueAt', label: 'action.assignDueAt', kind: 'date' },
    { name: 'note', label: 'action.note', kind: 'multiline' },
  ],
  closeAtCounter: [{ name: 'explanation', label: 'action.explanation', kind: 'multiline', required: true }],
  markInvalid: [{ name: 'explanation', label: 'action.explanation', kind: 'multiline', required: true }],
  startInvestigation: [],
  addInvestigationNote: [{ name: 'text', label: 'action.investigationNote', kind: 'multiline', required: true }],
  progressCall: [{ name: 'notes', label: 'action.callNotes', kind: 'multiline', required: true }],
  proposePlan: [
    { name: 'valid', label: 'action.valid', kind: 'switch' },
    { name: 'responsibility', label: 'action.responsibility', kind: 'select', options: RESPONSIBILITIES, labelPrefix: 'responsibility' },
    { name: 'analysis', label: 'action.analysis', kind: 'multiline', required: true },
    { name: 'measures', label: 'action.measures', kind: 'multiline', required: true },
    { name: 'ownerId', label: 'action.ownerId', kind: 'text', required: true, suggest: 'staff' },
    { name: 'dueAt', label: 'action.dueAt', kind: 'date', required: true },
    { name: 'compensation', label: 'action.compensation', kind: 'number' },
  ],
  approvePlan: [{ name: 'comment', label: 'action.comment', kind: 'multiline' }],
  rejectPlan: [{ name: 'comment', label: 'action.comment', kind: 'multiline', required: true }],
  recordHandling: [{ name: 'result', label: 'action.result', kind: 'multiline', required: true }],
  tellResult: [{ name: 'method', label: 'action.method', kind: 'select', options: CHANNELS, labelPrefix: 'channel' }],
  recordCallback: [
    { name: 'satisfaction', label: 'action.satisfaction', kind: 'select', options: SATISFACTIONS, labelPrefix: 'satisfaction' },
    { name: 'notes', label: 'action.callNotes', kind: 'multiline' },
    { name: 'objection', label: 'action.objection', kind: 'multiline' },
    { name: 'standardMet', label: 'action.standardMet', kind: 'switch' },
  ],
  fileAppeal: [{ name: 'reason', label: 'action.reason', kind: 'multiline', required: true }],
  archive: [],
};

export type FieldValues = Record<string, string | boolean>;

/** The registration as it stands, in the correction dialog's fields. */
function intakeValues(c: CaseRecord): FieldValues {
  return {
    name: c.complainant.name,
    phone: c.complainant.phone,
    address: c.complainant.address,
    businessRef: c.businessRef,
    category: c.category,
    severity: c.severity,
    isReport: c.isReport,
    content: c.content,
    expectedResolution: c.expectedResolution,
  };
}

const COMPLAINANT_FIELDS = ['name', 'phone', 'address'] as const;

/** A correction names only what changed (the event then shows exactly that). */
function intakePatch(c: CaseRecord, v: FieldValues): Record<string, unknown> {
  const before = intakeValues(c);
  const changed = Object.keys(v).filter((k) => v[k] !== before[k]);
  const patch: Record<string, unknown> = {};
  const complainant: Record<string, unknown> = {};
  for (const k of changed) {
    if ((COMPLAINANT_FIELDS as readonly string[]).includes(k)) complainant[k] = v[k];
    else patch[k] = v[k];
  }
  if (Object.keys(complainant).length) patch.complainant = complainant;
  return patch;
}

export function initialValues(fields: readonly CommandField[], staffId: string, record?: CaseRecord): FieldValues {
  if (record && fields === COMMAND_FIELDS.update) return intakeValues(record);
  return Object.fromEntries(
    fields.map((f) => [
      f.name,
      f.kind === 'switch' ? f.name === 'valid' : f.kind === 'select' ? (f.options?.[0] ?? '') : f.name === 'ownerId' ? staffId : '',
    ]),
  );
}

/** The payload the store expects, from what the dialog holds (strings as typed). */
export function payloadOf(name: CommandName, v: FieldValues, record: CaseRecord): unknown {
  const text = (k: string) => String(v[k] ?? '');
  const endOfChinaDay = (date: string) => new Date(`${date}T23:59:59+08:00`).getTime();
  switch (name) {
    case 'update':
      return intakePatch(record, v);
    case 'assign':
      return {
        department: text('department'),
        assigneeId: text('assigneeId'),
        note: text('note'),
        dueAt: text('dueAt') ? endOfChinaDay(text('dueAt')) : null,
      };
    case 'proposePlan':
      return {
        validity: { valid: v.valid === true, responsibility: text('responsibility'), analysis: text('analysis') },
        plan: {
          measures: text('measures'),
          ownerId: text('ownerId'),
          dueAt: text('dueAt') ? endOfChinaDay(text('dueAt')) : undefined,
          compensation: text('compensation') ? { amount: Number(text('compensation')), description: '' } : null,
        },
      };
    default:
      return v;
  }
}

/** Where an issue of the store's answer belongs: `command.payload.plan.measures` → `measures`. */
export function fieldOfIssue(path: string): string {
  return path.split('.').pop() ?? path;
}
