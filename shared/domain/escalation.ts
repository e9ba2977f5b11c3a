import type { Severity } from './enums';

/** Why a case went up to the supervisor (R1.1, R1.5). */
export const ESCALATION_REASONS = ['major', 'report', 'urgent'] as const;
export type EscalationReason = (typeof ESCALATION_REASONS)[number];

/**
 * The supervisor's notification about a case: who was notified (the supervisor role), when and
 * why, and who acknowledged it and when. The case's log holds each notification and each
 * acknowledgement as an event (`supervisor_notified`, `escalation_acknowledged`); this is where
 * the case stands now.
 */
export interface Escalation {
  reason: EscalationReason;
  role: 'supervisor';
  notifiedAt: number;
  acknowledgedAt: number | null;
  acknowledgedBy: string | null;
}

/**
 * Why a case with these fields goes to the supervisor, or null when it does not. Urgent first: an
 * urgent report starts the emergency procedure like any urgent complaint.
 */
export function escalationReasonOf(c: { severity: Severity; isReport: boolean }): EscalationReason | null {
  if (c.severity === 'urgent') return 'urgent';
  if (c.isReport) return 'report';
  if (c.severity === 'major') return 'major';
  return null;
}
