/**
 * The later sections of the paper form (情况核实, 处理意见, 处理结果, 客户回访) and the other parts of
 * a case's record, as HTML. Each returns '' when the case has not reached that stage, so the
 * form leaves the space blank for handwriting.
 */
import { isAnonymous } from '../domain/contact';
import type { EventType } from '../domain/enums';
import { knownIdType, maskIdNumber } from '../domain/idNumber';
import type { FormContext } from './context';
import { h, html, joinHtml, NO_HTML, pairRow, text, type Html } from './layout';

/** One dated entry: "2026年3月2日 10:00 · 李经办（h01）", then the text. */
export function entry(ctx: FormContext, at: number | null, by: string | null, body: Html): Html {
  const meta = [at === null ? '' : ctx.dateTime(at), by ? ctx.staff(by) : ''].filter(Boolean).join(' · ');
  return html`<div class="entry">${meta ? html`<div class="entry-meta">${h(meta)}</div>` : NO_HTML}${body}</div>`;
}

/** Space between items on one line. */
const GAP = html`<span class="gap"></span>`;

function hasEvent(ctx: FormContext, type: EventType): boolean {
  return ctx.input.detail.events.some((e) => e.type === type);
}

/** "label：value" as one line of escaped text. */
function line(ctx: FormContext, labelKey: string, value: string): Html {
  return html`<div>${h(ctx.labelled(ctx.t(labelKey), value))}</div>`;
}

/** 情况核实: validity and responsibility with the cause analysis, the investigation notes; or why it is outside the remit. */
export function verificationHtml(ctx: FormContext): Html {
  const c = ctx.record;
  const parts: Html[] = [];
  if (c.state === 'invalid' || hasEvent(ctx, 'marked_invalid')) {
    parts.push(
      entry(
        ctx,
        c.closedAt,
        null,
        html`<div><strong>${h(ctx.t('state.invalid'))}</strong></div>
          ${text(c.closingExplanation)}`,
      ),
    );
  }
  if (c.validity) {
    const verdict = ctx.t(c.validity.valid ? 'forms.verification.valid' : 'forms.verification.invalid');
    const responsibility = ctx.labelled(ctx.t('forms.verification.responsibility'), ctx.t(`responsibility.${c.validity.responsibility}`));
    parts.push(
      html`<div class="entry">
        <div><strong>${h(verdict)}</strong>${GAP}${h(responsibility)}</div>
        ${line(ctx, 'forms.verification.analysis', '')}${text(c.validity.analysis)}
      </div>`,
    );
  }
  if (c.investigationNotes.length) {
    parts.push(html`<div class="entry-meta">${h(ctx.t('forms.verification.notes'))}</div>`);
    for (const note of c.investigationNotes) parts.push(entry(ctx, note.at, note.by, text(note.text)));
  }
  return joinHtml(parts);
}

/** 处理意见: the plan (measures, owner, deadline, compensation) and the supervisor's decisions. */
export function opinionHtml(ctx: FormContext): Html {
  const c = ctx.record;
  if (!c.plan) return NO_HTML;
  const { plan } = c;
  const parts: Html[] = [
    html`<div class="entry">${text(plan.measures)}</div>`,
    html`<div class="entry">
      ${h(ctx.labelled(ctx.t('forms.plan.owner'), ctx.staff(plan.ownerId)))}${GAP}${h(ctx.labelled(ctx.t('forms.plan.dueAt'), ctx.date(plan.dueAt)))}
    </div>`,
  ];
  if (plan.compensation) {
    const amount = Number(plan.compensation.amount).toFixed(2);
    const description = plan.compensation.description ? html`${GAP}${h(plan.compensation.description)}` : NO_HTML;
    parts.push(html`<div class="entry">${h(ctx.fill('forms.plan.compensation', { amount }))}${description}</div>`);
  }
  for (const approval of c.approvals) {
    const decision = ctx.t(approval.decision === 'approved' ? 'forms.approval.approved' : 'forms.approval.rejected');
    parts.push(
      entry(
        ctx,
        approval.at,
        approval.by,
        html`<div><strong>${h(decision)}</strong></div>
          ${approval.comment ? text(approval.comment) : NO_HTML}`,
      ),
    );
  }
  return joinHtml(parts);
}

/** 处理结果: what was done, and when and how the customer was told; or the counter's settlement. */
export function resultHtml(ctx: FormContext): Html {
  const c = ctx.record;
  const parts: Html[] = [];
  if (c.state === 'closed_at_counter' || hasEvent(ctx, 'closed_at_counter')) {
    parts.push(
      entry(
        ctx,
        c.closedAt,
        c.receivedBy,
        html`<div><strong>${h(ctx.t('state.closed_at_counter'))}</strong></div>
          ${text(c.closingExplanation)}`,
      ),
    );
  }
  if (c.result) parts.push(entry(ctx, c.result.at, c.result.by, text(c.result.text)));
  if (c.resultTold) {
    const told = ctx.t('forms.result.told', { time: ctx.dateTime(c.resultTold.at), method: `channel.${c.resultTold.method}` });
    parts.push(html`<div class="entry">${h(told)}</div>`);
  }
  return joinHtml(parts);
}

/** 客户回访: each callback with the customer's satisfaction, notes and objection. */
export function callbackHtml(ctx: FormContext): Html {
  return joinHtml(
    ctx.record.callbacks.map((cb) => {
      const lines: Html[] = [
        html`<div>
          <strong>${h(ctx.labelled(ctx.t('forms.callback.satisfaction'), ctx.t(`satisfaction.${cb.satisfaction}`)))}</strong>
        </div>`,
      ];
      if (cb.notes) lines.push(text(cb.notes));
      if (cb.objection) lines.push(line(ctx, 'forms.callback.objection', cb.objection));
      if (cb.standardMet) lines.push(html`<div>${h(ctx.t('forms.callback.standardMet'))}</div>`);
      return entry(ctx, cb.at, cb.by, joinHtml(lines));
    }),
  );
}

/** Assignments: department, handler, deadline and instructions. */
export function assignmentsHtml(ctx: FormContext): Html {
  return joinHtml(
    ctx.record.assignments.map((a) => {
      const due = a.dueAt === null ? NO_HTML : html`${GAP}${h(ctx.labelled(ctx.t('forms.slip.dueAt'), ctx.dateTime(a.dueAt)))}`;
      const lines: Html[] = [
        html`<div>
          ${h(ctx.labelled(ctx.t('forms.slip.department'), a.department))}${GAP}${h(ctx.labelled(ctx.t('forms.slip.assignee'), ctx.staff(a.assigneeId)))}${due}
        </div>`,
      ];
      if (a.note) lines.push(text(a.note));
      return entry(ctx, a.assignedAt, a.assignedBy, joinHtml(lines));
    }),
  );
}

/** Calls to tell the customer how the case stands (R4.4). */
export function progressCallsHtml(ctx: FormContext): Html {
  return joinHtml(ctx.record.progressCalls.map((call) => entry(ctx, call.at, call.by, text(call.text))));
}

/** Severity, with the report (举报) mark when the case is one. */
export function severityHtml(ctx: FormContext): Html {
  const severity = h(ctx.t(`severity.${ctx.record.severity}`));
  return ctx.record.isReport ? html`${severity}${GAP}<strong>${h(ctx.t('forms.value.report'))}</strong>` : severity;
}

/**
 * The complainant's identity document: its type and the number masked (110105********002X). The
 * form lies on the counter and goes to the paper archive; the full number stays in the record.
 */
function idDocumentText(ctx: FormContext): string {
  const { idType, idNumber } = ctx.record.complainant;
  const type = knownIdType(idType ?? 'resident_id');
  return idNumber ? `${ctx.t(`idType.${type}`)} ${maskIdNumber(type, idNumber)}` : '';
}

/** The intake's facts as the paper form lays them out: five rows of two label/value pairs. */
export function intakeRows(ctx: FormContext): Html[] {
  const { record: c, t } = ctx;
  // An anonymous report says so where the name would be, and has no contact or document row values.
  const complainant = isAnonymous(c.complainant) ? html`<strong>${h(t('forms.value.anonymous'))}</strong>` : h(c.complainant.name);
  return [
    pairRow([t('forms.field.complainant'), complainant], [t('forms.field.date'), h(ctx.dateTime(c.receivedAt))]),
    pairRow([t(ctx.profile.addressLabel), h(c.complainant.address)], [t('forms.field.phone'), h(c.complainant.phone)]),
    pairRow([t('forms.field.idDocument'), h(idDocumentText(ctx))], [t('forms.field.email'), h(c.complainant.email ?? '')]),
    pairRow([t(ctx.profile.businessRefLabel), h(c.businessRef)], [t('forms.field.channel'), h(t(`channel.${c.channel}`))]),
    pairRow([t('forms.field.category'), h(ctx.category(c.category))], [t('forms.field.severity'), severityHtml(ctx)]),
  ];
}
