import type { Actor, CaseRecord } from '../../shared/domain/case';
import type { CaseEvent } from '../../shared/ledger/eventHash';
import { notificationDue } from '../../shared/workflow/escalation';
import type { NotificationSummary } from '../../shared/api/contract';
import type { StoreContext } from './context';
import { chainEvent } from './ledger';

/**
 * After a registration or a command: when the case now needs the supervisor (R1.1, R1.5), the
 * notification goes out as the case's next event, `supervisor_notified` (who: the supervisor role;
 * when; why), and the unacknowledged list's row is written. Returns the case as notified with its
 * event, for the caller to store in its transaction, or null when no notification is due.
 */
export async function notifySupervisorIfDue(
  ctx: StoreContext,
  before: CaseRecord | null,
  after: CaseRecord,
  actor: Actor,
  at: number,
): Promise<{ record: CaseRecord; event: CaseEvent } | null> {
  const reason = notificationDue(before, after, actor);
  if (!reason) return null;
  const record: CaseRecord = {
    ...after,
    escalation: { reason, role: 'supervisor', notifiedAt: at, acknowledgedAt: null, acknowledgedBy: null },
  };
  const event = chainEvent(after, record, 'supervisor_notified', actor, at);
  const open = ctx.db.notifications
    .where('caseId')
    .equals(after.id)
    .filter((n) => n.acknowledged === 0);
  // A renewed notification (raised to urgent) replaces the case's open one: one open row per case.
  const renewed = await open.modify({ reason, at, caseNo: after.caseNo });
  if (renewed === 0) {
    await ctx.db.notifications.add({
      caseId: after.id,
      caseNo: after.caseNo,
      role: 'supervisor',
      reason,
      at,
      acknowledged: 0,
      acknowledgedAt: null,
      acknowledgedBy: null,
    });
  }
  return { record, event };
}

/** After a command that acknowledged the case's notification: its open rows leave the unacknowledged list. */
export async function recordAcknowledgement(ctx: StoreContext, before: CaseRecord, after: CaseRecord): Promise<void> {
  const ack = after.escalation;
  if (!ack?.acknowledgedAt || before.escalation?.acknowledgedAt) return;
  await ctx.db.notifications
    .where('caseId')
    .equals(after.id)
    .filter((n) => n.acknowledged === 0)
    .modify({ acknowledged: 1, acknowledgedAt: ack.acknowledgedAt, acknowledgedBy: ack.acknowledgedBy });
}

/** Notifications nobody has acknowledged yet, newest first (the app shell's alert and badge). */
export async function openNotifications(ctx: StoreContext): Promise<NotificationSummary[]> {
  const rows = await ctx.db.notifications.where('[role+acknowledged]').equals(['supervisor', 0]).toArray();
  return rows
    .sort((a, b) => b.at - a.at || b.id! - a.id!)
    .map(({ id, caseId, caseNo, reason, at }) => ({ id: id!, caseId, caseNo, reason, at }));
}
