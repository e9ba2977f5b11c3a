import { intakePatchSchema } from '../../domain/case';
import { SEVERITIES, SUPERVISOR_ROLES, isSupervisorRole } from '../../domain/enums';
import { PROFILES } from '../../domain/profiles';
import { defineCommand } from '../define';
import { domainError } from '../errors';
import { needsSupervisor } from '../escalation';
import { field } from '../fields';

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
      : null,
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
      businessRef: field.text((profile) => PROFILES[profile].businessRefLabel, { initial: ({ record }) => record.businessRef }),
      category: field.category('intake.category', { initial: ({ record }) => record.category }),
      severity: field.select('intake.severity', SEVERITIES, 'severity', { initial: ({ record }) => record.severity }),
      isReport: field.switch('intake.isReport', { initial: ({ record }) => record.isReport }),
      content: field.multiline('intake.content', { initial: ({ record }) => record.content }),
      expectedResolution: field.multiline('intake.expected', { initial: ({ record }) => record.expectedResolution }),
    },
    toPayload: (v) => ({
      complainant: { name: v.name, phone: v.phone, address: v.address },
      businessRef: v.businessRef,
      category: v.category,
      severity: v.severity,
      isReport: v.isReport,
      content: v.content,
      expectedResolution: v.expectedResolution,
    }),
  },
});
