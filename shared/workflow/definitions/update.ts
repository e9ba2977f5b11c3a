import { intakePatchSchema, type CaseRecord, type IntakePatch } from '../../domain/case';
import { contactIssues } from '../../domain/contact';
import { ID_TYPES } from '../../domain/idNumber';
import { SEVERITIES, SUPERVISOR_ROLES, isSupervisorRole } from '../../domain/enums';
import { PROFILES } from '../../domain/profiles';
import { defineCommand } from '../define';
import { domainError, type DomainError } from '../errors';
import { needsSupervisor } from '../escalation';
import { field } from '../fields';

/**
 * The corrected complainant must still be one the branch may record: anonymous only on a report,
 * otherwise a name and a way of contact, an ID number that fits its type (shared/domain/contact.ts).
 */
function correctedContactError({ c, p }: { c: CaseRecord; p: IntakePatch }): DomainError | null {
  const issues = contactIssues({ ...c.complainant, ...p.complainant }, p.isReport ?? c.isReport);
  if (!issues.length) return null;
  return {
    code: 'invalid_input',
    message: issues[0]!.key,
    issues: issues.map((i) => ({ path: `command.payload.complainant.${i.field}`, key: i.key })),
  };
}

/** Correcting the registration while the case is still at the counter. */
export const update = defineCommand({
  name: 'update',
  schema: intakePatchSchema,
  from: ['registered', 'assigned'],
  roles: ['clerk', ...SUPERVISOR_ROLES],
  event: 'updated',
  // Lowering the severity or withdrawing the report flag takes the case away from the supervisor.
  guard: ({ c, p, actor }) =>
    needsSupervisor(c) &&
    !needsSupervisor({ severity: p.severity ?? c.severity, isReport: p.isReport ?? c.isReport }) &&
    !isSupervisorRole(actor.role)
      ? domainError('forbidden', 'errors.workflow.supervisorRequired')
      : correctedContactError({ c, p }),
  apply: ({ c, p }) => ({ ...p, complainant: { ...c.complainant, ...p.complainant } }),
  form: {
    changesOnly: true,
    fields: {
      name: field.text('intake.name', { path: 'complainant.name', initial: ({ record }) => record.complainant.name }),
      phone: field.text('intake.phone', { path: 'complainant.phone', initial: ({ record }) => record.complainant.phone }),
      address: field.text((profile) => PROFILES[profile].addressLabel, {
        path: 'complainant.address',
        initial: ({ record }) => record.complainant.address,
      }),
      email: field.text('intake.email', { path: 'complainant.email', initial: ({ record }) => record.complainant.email ?? '' }),
      idType: field.select('intake.idType', ID_TYPES, 'idType', {
        path: 'complainant.idType',
        initial: ({ record }) => record.complainant.idType ?? 'resident_id',
      }),
      idNumber: field.text('intake.idNumber', { path: 'complainant.idNumber', initial: ({ record }) => record.complainant.idNumber }),
      anonymous: field.switch('intake.anonymous', {
        path: 'complainant.anonymous',
        initial: ({ record }) => record.complainant.anonymous === true,
      }),
      businessRef: field.text((profile) => PROFILES[profile].businessRefLabel, { initial: ({ record }) => record.businessRef }),
      category: field.category('intake.category', { initial: ({ record }) => record.category }),
      severity: field.select('intake.severity', SEVERITIES, 'severity', { initial: ({ record }) => record.severity }),
      isReport: field.switch('intake.isReport', { initial: ({ record }) => record.isReport }),
      content: field.multiline('intake.content', { initial: ({ record }) => record.content }),
      expectedResolution: field.multiline('intake.expected', { initial: ({ record }) => record.expectedResolution }),
    },
    toPayload: (v) => ({
      complainant: {
        name: v.name,
        phone: v.phone,
        address: v.address,
        email: v.email,
        idType: v.idType,
        idNumber: v.idNumber,
        anonymous: v.anonymous,
      },
      businessRef: v.businessRef,
      category: v.category,
      severity: v.severity,
      isReport: v.isReport,
      content: v.content,
      expectedResolution: v.expectedResolution,
    }),
  },
});
