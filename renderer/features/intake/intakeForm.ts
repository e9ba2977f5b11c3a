import type { ApiError } from '../../../shared/api/contract';
import { chinaDateTime, instantOfChinaDateTime } from '../../../shared/deadlines/calendar';
import type { IntakeInput } from '../../../shared/domain/case';
import type { Channel, Severity } from '../../../shared/domain/enums';
import type { IdType } from '../../../shared/domain/idNumber';

/** What the intake screen holds: strings as typed, so nothing typed is ever lost to parsing. */
export interface IntakeFields {
  /** China time, 'YYYY-MM-DDTHH:mm'. */
  receivedAt: string;
  channel: Channel;
  name: string;
  phone: string;
  address: string;
  email: string;
  idType: IdType;
  idNumber: string;
  /** A report whose complainant gives no name and no way of contact; ignored unless isReport. */
  anonymous: boolean;
  businessRef: string;
  category: string;
  severity: Severity;
  isReport: boolean;
  content: string;
  expectedResolution: string;
  receivedBy: string;
}

/** The received time as the form holds it: 'YYYY-MM-DDTHH:mm' China time, whatever the PC's zone; '' or malformed is NaN. */
function receivedAtOf(text: string): number {
  try {
    return instantOfChinaDateTime(text);
  } catch {
    return Number.NaN;
  }
}

export function emptyIntake(receivedBy: string, category: string, now = Date.now()): IntakeFields {
  return {
    receivedAt: chinaDateTime(now),
    channel: 'walk_in',
    name: '',
    phone: '',
    address: '',
    email: '',
    idType: 'resident_id',
    idNumber: '',
    anonymous: false,
    businessRef: '',
    category,
    severity: 'general',
    isReport: false,
    content: '',
    expectedResolution: '',
    receivedBy,
  };
}

export function toIntake(f: IntakeFields): IntakeInput {
  return {
    channel: f.channel,
    receivedAt: receivedAtOf(f.receivedAt),
    receivedBy: f.receivedBy.trim(),
    complainant: complainantOf(f),
    businessRef: f.businessRef,
    category: f.category,
    severity: f.severity,
    isReport: f.isReport,
    content: f.content,
    expectedResolution: f.expectedResolution,
  };
}

/**
 * The complainant as sent. An anonymous report sends no identifying details: what was typed before
 * the switch was turned on stays in the form (and the draft) but is not recorded.
 */
function complainantOf(f: IntakeFields): IntakeInput['complainant'] {
  if (f.isReport && f.anonymous) return { name: '', phone: '', address: '', email: '', idType: f.idType, idNumber: '', anonymous: true };
  return {
    name: f.name,
    phone: f.phone,
    address: f.address,
    email: f.email,
    idType: f.idType,
    idNumber: f.idNumber.trim(),
    anonymous: false,
  };
}

/** Which form field an API issue path belongs to. */
export const FIELD_OF_PATH: Record<string, keyof IntakeFields> = {
  'intake.receivedAt': 'receivedAt',
  'intake.channel': 'channel',
  'intake.complainant.name': 'name',
  'intake.complainant.phone': 'phone',
  'intake.complainant.address': 'address',
  'intake.complainant.idNumber': 'idNumber',
  'intake.complainant.email': 'email',
  'intake.complainant.idType': 'idType',
  'intake.complainant.anonymous': 'anonymous',
  'intake.businessRef': 'businessRef',
  'intake.category': 'category',
  'intake.severity': 'severity',
  'intake.content': 'content',
  'intake.expectedResolution': 'expectedResolution',
  'intake.receivedBy': 'receivedBy',
};

/** The store's message for each form field, the first one when a field has several. */
export function issuesByField(error: ApiError | null): Partial<Record<keyof IntakeFields, string>> {
  const byField: Partial<Record<keyof IntakeFields, string>> = {};
  for (const issue of error?.issues ?? []) {
    const field = FIELD_OF_PATH[issue.path];
    if (field && !byField[field]) byField[field] = issue.message;
  }
  return byField;
}

/** A restored draft over an empty form: drafts hold whatever had been typed, possibly from an older form. */
export function fromDraft(empty: IntakeFields, data: unknown): IntakeFields {
  return { ...empty, ...(typeof data === 'object' && data !== null ? (data as Partial<IntakeFields>) : {}) };
}
