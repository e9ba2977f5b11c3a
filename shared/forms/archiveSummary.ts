/**
 * The whole record for the paper archive (R2.3, 《客户投诉解决制度》第十二条(四) 归档): the intake, every
 * stage of handling, and the event log — who did what, when — with each event's hash, so the
 * paper can be checked against the hash-chained log.
 */
import type { CaseEvent } from '../ledger/eventHash';
import { closingKindOfEvent, explanationLabel } from '../workflow/closing';
import type { FormContext } from './context';
import {
  documentHeader,
  formTable,
  h,
  html,
  joinHtml,
  listTable,
  NO_HTML,
  pairRow,
  sectionHeading,
  text,
  wideRow,
  type DocumentBody,
  type Html,
} from './layout';
import { assignmentsHtml, callbackHtml, entry, intakeRows, opinionHtml, progressCallsHtml, resultHtml, verificationHtml } from './sections';

/** Catalog labels of the case fields an event may change (the log's `changes`). */
const FIELD_LABELS: Readonly<Record<string, string>> = {
  channel: 'forms.field.channel',
  receivedAt: 'forms.field.date',
  complainant: 'forms.field.complainant',
  category: 'forms.field.category',
  severity: 'forms.field.severity',
  isReport: 'forms.value.report',
  content: 'forms.field.content',
  expectedResolution: 'forms.field.expected',
  assignments: 'forms.slip.assignment',
  assigneeId: 'forms.slip.assignee',
  investigationNotes: 'forms.verification.notes',
  evidence: 'forms.archive.evidence',
  progressCalls: 'forms.archive.progressCalls',
  validity: 'forms.field.verification',
  plan: 'forms.field.opinion',
  approvals: 'forms.archive.approvals',
  result: 'forms.field.result',
  resultTold: 'forms.archive.resultTold',
  callbacks: 'forms.field.callback',
  satisfaction: 'forms.callback.satisfaction',
  appeal: 'forms.archive.appeal',
  accountability: 'forms.archive.accountability',
  relatedCaseIds: 'forms.archive.related',
  closedAt: 'forms.archive.closedAt',
  archivedAt: 'forms.archive.archivedAt',
};

/** Fields every event touches or that the state column already says. */
const NOT_LISTED = new Set(['state', 'version', 'updatedAt', 'nextDueAt', 'ledgerHead']);

/** What an event did: the state it moved the case to, and the fields it changed. */
function eventDetail(ctx: FormContext, event: CaseEvent): Html {
  const parts: string[] = [];
  const state = event.changes.state;
  if (state && typeof state[0] === 'string' && typeof state[1] === 'string') {
    parts.push(`${ctx.t(`state.${state[0]}`)} → ${ctx.t(`state.${state[1]}`)}`);
  }
  if (event.type !== 'registered') {
    const fields = Object.keys(event.changes)
      .filter((f) => !NOT_LISTED.has(f))
      .map((f) => {
        const key =
          f === 'businessRef'
            ? ctx.profile.businessRefLabel
            : f === 'closingExplanation'
              ? explanationLabel(closingKindOfEvent(event.type))
              : FIELD_LABELS[f];
        return key ? ctx.t(key) : f;
      });
    if (fields.length) parts.push(ctx.labelled(ctx.t('forms.archive.changed'), ctx.list(fields)));
  }
  return joinHtml(parts.map((p) => html`<div>${h(p)}</div>`));
}

function timeline(ctx: FormContext): Html {
  const { t } = ctx;
  const events = [...ctx.input.detail.events].sort((a, b) => a.seq - b.seq);
  return listTable(
    [
      t('forms.archive.col.seq'),
      t('forms.archive.col.time'),
      t('forms.archive.col.actor'),
      t('forms.archive.col.event'),
      t('forms.archive.col.detail'),
      t('forms.archive.col.hash'),
    ],
    events.map((e) => [
      h(e.seq),
      h(ctx.dateTime(e.at)),
      html`${h(ctx.staff(e.actor.staffId))}
        <div class="entry-meta">${h(t(`role.${e.actor.role}`))}</div>`,
      h(t(`event.${e.type}`)),
      eventDetail(ctx, e),
      html`<span class="hash">${h(String(e.hash).slice(0, 10))}</span>`,
    ]),
    ['6%', '17%', '16%', '15%', '33%', '13%'],
  );
}

function otherRecords(ctx: FormContext): Html[] {
  const { record: c, t } = ctx;
  const rows: Html[] = [];
  if (c.appeal) rows.push(wideRow(t('forms.archive.appeal'), entry(ctx, c.appeal.at, null, text(c.appeal.reason))));
  if (c.accountability.length) {
    const lines = c.accountability.map(
      (a) =>
        html`<div class="entry">
          ${h(ctx.fill('forms.archive.accountabilityLine', { staff: ctx.staff(a.staffId), kind: t(`forms.archive.kind.${a.kind}`), points: a.points }))}${text(a.reason)}
        </div>`,
    );
    rows.push(wideRow(t('forms.archive.accountability'), joinHtml(lines)));
  }
  const evidence = c.evidence.map((e) =>
    entry(
      ctx,
      e.at,
      e.by,
      html`<div>${h(ctx.aside(e.name, e.kind === 'signed_form' ? t('forms.archive.signedForm') : t('forms.archive.evidenceItem')))}</div>`,
    ),
  );
  rows.push(wideRow(t('forms.archive.evidence'), joinHtml(evidence) || h(t('forms.none'))));
  if (c.relatedCaseIds.length) rows.push(wideRow(t('forms.archive.related'), h(ctx.list(c.relatedCaseIds))));
  return rows;
}

export function archiveSummary(ctx: FormContext): DocumentBody {
  const { record: c, t } = ctx;
  const title = t('forms.archiveSummary.title');
  const none = h(t('forms.none'));
  const intake = formTable([
    ...intakeRows(ctx),
    pairRow([t('forms.field.receivedBy'), h(ctx.staff(c.receivedBy))], [t('forms.field.state'), h(t(`state.${c.state}`))]),
    wideRow(t('forms.field.content'), text(c.content)),
    wideRow(t('forms.field.expected'), text(c.expectedResolution)),
  ]);
  const handling = formTable([
    wideRow(t('forms.slip.assignment'), assignmentsHtml(ctx) || none),
    wideRow(t('forms.field.verification'), verificationHtml(ctx) || none),
    wideRow(t('forms.archive.progressCalls'), progressCallsHtml(ctx) || none),
    wideRow(t('forms.field.opinion'), opinionHtml(ctx) || none),
    wideRow(t('forms.field.result'), resultHtml(ctx) || none),
    wideRow(t('forms.field.callback'), callbackHtml(ctx) || none),
    ...otherRecords(ctx),
    pairRow(
      [t('forms.archive.closedAt'), c.closedAt === null ? NO_HTML : h(ctx.dateTime(c.closedAt))],
      [t('forms.archive.archivedAt'), c.archivedAt === null ? NO_HTML : h(ctx.dateTime(c.archivedAt))],
    ),
  ]);
  const body = html`${documentHeader(ctx, title)}${sectionHeading(t('forms.archive.section.case'))}${intake}${sectionHeading(t('forms.archive.section.handling'))}${handling}${sectionHeading(t('forms.archive.section.timeline'))}${timeline(ctx)}`;
  return { title, body };
}
