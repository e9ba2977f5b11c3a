/**
 * Who the complainant is and how the branch reaches them again (R1.1, R1.2): the one statement of
 * the rules, used by the intake schema, the correction command, the workflow's callback steps, the
 * deadline clocks and the screens.
 *
 * - A report of misconduct (举报, `isReport`) may be anonymous: no name, no phone, no address, no
 *   e-mail, no identity document. Only a report may be anonymous.
 * - Everyone else gives a name and at least one way to be reached for the callback (回访): a phone,
 *   an address (a letter) or an e-mail address.
 */
import { isValidIdOfType, ID_TYPE_RULES, type IdType } from './idNumber';
import { hasVisibleText } from './text';

/** The complainant's fields the rules read. Records stored before these rules may lack the newer ones. */
export interface ContactFields {
  name: string;
  phone: string;
  address: string;
  email?: string;
  anonymous?: boolean;
  idType?: IdType;
  idNumber?: string;
}

export interface ContactIssue {
  /** The complainant field the issue is about. */
  field: 'name' | 'phone' | 'anonymous' | 'idNumber';
  key: string;
}

const filled = (value: unknown) => typeof value === 'string' && hasVisibleText(value);

export function isAnonymous(c: Pick<ContactFields, 'anonymous'>): boolean {
  return c.anonymous === true;
}

/** A phone, an address or an e-mail address is given. */
export function hasWayOfContact(c: Pick<ContactFields, 'phone' | 'address' | 'email'>): boolean {
  return filled(c.phone) || filled(c.address) || filled(c.email);
}

/**
 * Whether the branch can tell this complainant the result and call them back: not anonymous, and
 * reachable. When not, the callback steps do not apply and their clocks do not run.
 */
export function canBeCalledBack(c: ContactFields): boolean {
  return !isAnonymous(c) && hasWayOfContact(c);
}

/**
 * What is wrong with a complainant on a case that is (or is not) a report, as field names and i18n
 * keys. Values of the wrong type are left to the field schemas, which already refuse them.
 */
export function contactIssues(c: Partial<ContactFields>, isReport: boolean): ContactIssue[] {
  const issues: ContactIssue[] = [];
  if (isAnonymous(c)) {
    if (!isReport) issues.push({ field: 'anonymous', key: 'errors.anonymous.reportOnly' });
    if ([c.name, c.phone, c.address, c.email, c.idNumber].some(filled))
      issues.push({ field: 'anonymous', key: 'errors.anonymous.withDetails' });
    return issues;
  }
  if (typeof c.name === 'string' && !hasVisibleText(c.name)) issues.push({ field: 'name', key: 'errors.required' });
  const checkable = [c.phone, c.address, c.email].every((v) => v === undefined || typeof v === 'string');
  if (checkable && !hasWayOfContact({ phone: c.phone ?? '', address: c.address ?? '', email: c.email ?? '' }))
    issues.push({ field: 'phone', key: 'errors.contact.none' });
  const type = c.idType ?? 'resident_id';
  if (typeof c.idNumber === 'string' && c.idNumber !== '' && type in ID_TYPE_RULES && !isValidIdOfType(type, c.idNumber))
    issues.push({ field: 'idNumber', key: ID_TYPE_RULES[type].message });
  return issues;
}
