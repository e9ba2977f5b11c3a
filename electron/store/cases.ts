import { v7 as uuidv7 } from 'uuid';
import type { z } from 'zod';
import type { methods } from '../../shared/api/contract';
import { computeClocks, nextDueAt, policyForComplainant } from '../../shared/deadlines';
import type { Actor, CaseRecord, Intake } from '../../shared/domain/case';
import { isFinishedState } from '../../shared/domain/enums';
import { newCaseRecord } from '../../shared/domain/newCase';
import { activeCategories, allCategories } from '../../shared/domain/categories';
import type { CaseEvent } from '../../shared/ledger/eventHash';
import { applyCommand, commandSchemas, isDomainError, needsSupervisor, type Command } from '../../shared/workflow';
import { checkReserved, forgetNumbers, takeNextNumber } from './caseNumbers';
import type { AttachmentRow } from './db';
import { caseWritten, fail, StoreError, type StoreContext } from './context';
import { notifySupervisorIfDue, recordAcknowledgement } from './escalations';
import { appendEvents, chainEvent, eventsOf, sealFullBlocksSoon } from './ledger';
import { zodIssues } from './validation';
import { sha256Hex } from '../../shared/sync/protocol';
import { enqueueIfArchived } from './outbox';
import { accountabilityFacts, accountabilityInputs, checkStaffMember } from './accountability';
import { asCaseWrite } from './snapshot';

/** Received times up to five minutes ahead are clock skew between PCs; later ones are typos. */
const FUTURE_TOLERANCE_MS = 5 * 60_000;

function checkIntake(ctx: StoreContext, intake: Partial<Intake>, pathPrefix: string): void {
  if (!ctx.branch) fail('invalid_state', 'errors.branch.notConfigured');
  if (intake.category !== undefined && !activeCategories(ctx.branch.profileId, ctx.organization).includes(intake.category)) {
    const key = allCategories(ctx.branch.profileId, ctx.organization).includes(intake.category)
      ? 'errors.category.retired'
      : 'errors.category.notInProfile';
    throw new StoreError({ code: 'invalid_input', message: key, issues: [{ path: `${pathPrefix}category`, key }] });
  }
  if (intake.receivedAt !== undefined && intake.receivedAt > ctx.now() + FUTURE_TOLERANCE_MS) {
    throw new StoreError({
      code: 'invalid_input',
      message: 'errors.date.future',
      issues: [{ path: `${pathPrefix}receivedAt`, key: 'errors.date.future' }],
    });
  }
}

/** The earliest unmet deadline, from the case's events under the branch's policy. */
function dueAtOf(ctx: StoreContext, c: CaseRecord, events: Pick<CaseEvent, 'type' | 'at'>[]): number {
  const stopped = isFinishedState(c.state);
  const clocks = computeClocks(policyForComplainant(ctx.policy, c.complainant), events, ctx.now(), ctx.calendar, { stopped });
  return nextDueAt(clocks) ?? Number.POSITIVE_INFINITY;
}

export async function registerCase(
  ctx: StoreContext,
  params: z.output<(typeof methods)['cases.register']>,
  actor: Actor,
): Promise<CaseRecord> {
  const { db } = ctx;
  // The smallest scope that can do the job: each extra store costs a little on every save.
  const scope = [
    db.cases,
    db.events,
    db.sequences,
    ...(needsSupervisor(params.intake) ? [db.notifications] : []),
    ...(params.draftId ? [db.drafts] : []),
  ];
  const record = await asCaseWrite(ctx, (committed) =>
    ctx.readModel
      .write(
        (apply) =>
          db.transaction('rw', scope, async () => {
            const now = ctx.now();
            checkIntake(ctx, params.intake, 'intake.');
            const branch = ctx.branch!;
            let caseNo: string;
            if (params.reservedCaseNo) {
              await checkReserved(ctx, params.reservedCaseNo);
              caseNo = params.reservedCaseNo;
            } else {
              caseNo = await takeNextNumber(ctx, params.intake.receivedAt);
            }
            const c = newCaseRecord({
              id: uuidv7(),
              caseNo,
              branchCode: branch.branchCode,
              profileId: branch.profileId,
              intake: params.intake,
              now,
            });
            // Clocks run from when the customer came in, not from when the clerk pressed save.
            c.nextDueAt = dueAtOf(ctx, c, [{ type: 'registered', at: c.receivedAt }]);
            const event = chainEvent(null, c, 'registered', actor, now);
            const notified = await notifySupervisorIfDue(ctx, null, c, actor, now);
            const stored = notified?.record ?? c;
            await db.cases.add(stored);
            committed(await appendEvents(ctx, notified ? [event, notified.event] : [event]));
            // Only the clerk's own draft: another clerk's autosave must survive a mistaken id.
            if (params.draftId && (await db.drafts.get(params.draftId))?.staffId === actor.staffId) await db.drafts.delete(params.draftId);
            apply(stored);
            return stored;
          }),
        (model, created) => model.revert(created.id, null),
      )
      .catch((e: unknown) => {
        forgetNumbers(ctx);
        throw e;
      }),
  );
  caseWritten(ctx);
  sealFullBlocksSoon(ctx);
  return record;
}

export async function runCommand(
  ctx: StoreContext,
  params: z.output<(typeof methods)['cases.command']>,
  actor: Actor,
  attachment?: AttachmentRow,
): Promise<CaseRecord> {
  const { db } = ctx;
  // Evidence refers to a stored file: it comes only through addAttachment, with its bytes.
  if (params.command.name === 'addEvidence' && !attachment) fail('invalid_input', 'errors.request.unknownCommand');
  const schema = commandSchemas[params.command.name];
  const parsed = schema.safeParse(params.command.payload);
  if (!parsed.success) {
    const issues = zodIssues(parsed.error, 'command.payload');
    throw new StoreError({ code: 'invalid_input', message: issues[0]?.key ?? 'errors.request.invalid', issues });
  }
  const command = { name: params.command.name, payload: parsed.data } as Command;
  // Accountability (R8.3): the rules, from meta, are read before the case's transaction.
  const accountability = command.name === 'recordAccountability' ? await accountabilityInputs(ctx) : null;
  let replaced: CaseRecord | null = null;
  const record = await asCaseWrite(ctx, (committed) =>
    ctx.readModel.write(
      (apply) =>
        db.transaction(
          'rw',
          [db.cases, db.events, db.outbox, db.notifications, db.caseBlocks, db.ledgerBlocks, db.attachments],
          async () => {
            const now = ctx.now();
            const current = await db.cases.get(params.caseId);
            if (!current) fail('not_found', 'errors.case.notFound');
            if (current.version !== params.expectedVersion) fail('conflict', 'errors.case.versionConflict');
            if (command.name === 'update') checkIntake(ctx, command.payload as Partial<Intake>, 'command.payload.');
            if (command.name === 'linkCase' && !(await db.cases.get(command.payload.relatedCaseId))) {
              throw new StoreError({
                code: 'not_found',
                message: 'errors.link.notFound',
                issues: [{ path: 'command.payload.relatedCaseId', key: 'errors.link.notFound' }],
              });
            }
            const history = clockHistory(await eventsOf(db, current.id));
            const facts = accountability ? { accountability: accountabilityFacts(ctx, current, history, accountability.rules, now) } : {};
            const transition = applyCommand(current, command, actor, now, facts);
            if (isDomainError(transition)) throw new StoreError(transition);
            if (command.name === 'recordAccountability') checkStaffMember(accountability!.staffIds, command.payload.staffId);
            const next = transition.next;
            for (const type of transition.events) history.push({ type, at: now });
            next.nextDueAt = dueAtOf(ctx, next, history);
            // Each event carries its own changes: a following `closed` marks the moment with none of its
            // own, a following command (archiving after a counter settlement) what it changed.
            let before = current;
            const events = transition.events.map((type, i) => {
              const after = transition.records[i]!;
              const event = chainEvent(before, after, type, actor, now);
              before = after;
              return event;
            });
            const notified = await notifySupervisorIfDue(ctx, current, next, actor, now);
            const stored = notified?.record ?? next;
            committed(await appendEvents(ctx, notified ? [...events, notified.event] : events));
            if (attachment) await db.attachments.add(attachment);
            await db.cases.put(stored);
            await recordAcknowledgement(ctx, current, stored);
            await enqueueIfArchived(ctx, stored, now);
            replaced = current;
            apply(stored);
            return stored;
          },
        ),
      (model, applied) => model.revert(applied.id, replaced),
    ),
  );
  caseWritten(ctx);
  if (record.state === 'archived') ctx.outboxListeners.forEach((listener) => listener());
  sealFullBlocksSoon(ctx);
  return record;
}

/** Events as the deadline clocks see them: registration counts from when the customer came in. */
export function clockHistory(events: readonly CaseEvent[]): Pick<CaseEvent, 'type' | 'at'>[] {
  return events.map((e) => {
    const received = e.type === 'registered' ? e.changes.receivedAt?.[1] : undefined;
    return { type: e.type, at: typeof received === 'number' ? received : e.at };
  });
}

/** A photo, scan or PDF for a case (evidence, or the signed registration form), stored with its event. */
export function addAttachment(
  ctx: StoreContext,
  params: z.output<(typeof methods)['cases.addAttachment']>,
  actor: Actor,
): Promise<CaseRecord> {
  const id = uuidv7();
  const attachment: AttachmentRow = {
    id,
    caseId: params.caseId,
    name: params.name,
    type: params.type,
    bytes: params.bytes,
    addedAt: ctx.now(),
    sha256: sha256Hex(params.bytes),
  };
  const payload = { attachmentId: id, name: params.name, type: params.type, size: params.bytes.byteLength, kind: params.kind };
  return runCommand(
    ctx,
    { caseId: params.caseId, expectedVersion: params.expectedVersion, command: { name: 'addEvidence', payload } },
    actor,
    attachment,
  );
}

export async function readAttachment(
  ctx: StoreContext,
  attachmentId: string,
): Promise<{ caseId: string; name: string; type: string; bytes: Uint8Array }> {
  const row = await ctx.db.attachments.get(attachmentId);
  if (!row) fail('not_found', 'errors.attachment.notFound');
  return { caseId: row.caseId, name: row.name, type: row.type, bytes: row.bytes };
}
