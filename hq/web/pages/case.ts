import { changeLines, type ValueFormat } from '../../../shared/i18n/changes';
import type { HeldAttachment, HeldCase } from '../../cases/read';
import { formatSize, formatTime } from '../format';
import { html, url, type Html } from '../html';
import { catalogWord, enumWord, type Locale, type MessageKey } from '../i18n';
import { page, type PageContext } from '../layout';

/** Image types shown in the page; every other attachment (PDFs too) is only downloaded. */
export const INLINE_IMAGE_TYPES = new Set(['image/jpeg', 'image/png', 'image/webp', 'image/gif']);

// The record comes from a branch: read it defensively, any field may be missing or of another type.
type Loose = Record<string, unknown>;
const obj = (v: unknown): Loose => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Loose) : {});
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : '');
const MAX_CHANGE_TEXT = 300;

function valueText(v: unknown): string {
  const text = typeof v === 'string' ? v : (JSON.stringify(v) ?? '');
  return text.length > MAX_CHANGE_TEXT ? `${text.slice(0, MAX_CHANGE_TEXT)}…` : text;
}

export function attachmentPath(caseId: string, attachmentId: string): string {
  return url`/cases/${caseId}/attachments/${attachmentId}`;
}

function caseView(ctx: PageContext, c: HeldCase): Html {
  const { t, locale } = ctx;
  const r = c.record;
  const person = obj(r.complainant);
  const none = t('common.none');
  const yesNo = (v: unknown) => (v === true ? t('common.yes') : v === false ? t('common.no') : none);
  const time = (v: unknown) => formatTime(locale, v) ?? none;
  const profile = str(r.profileId);
  // The business reference is named per profile (当票号, 运单号…); the general name otherwise.
  const ownRefLabel = enumWord(locale, 'field.businessRef', profile);
  const businessRefLabel = ownRefLabel === profile ? enumWord(locale, 'field.businessRef', 'general') : ownRefLabel;

  const fields: [string, string][] = [
    [t('case.field.caseNo'), c.caseNo],
    [t('case.field.branch'), `${c.branchCode} ${c.branchName ?? ''}`.trim()],
    [t('case.field.state'), enumWord(locale, 'state', c.state)],
    [t('case.field.profile'), profile ? enumWord(locale, 'profile', profile) : none],
    [t('case.field.channel'), str(r.channel) ? enumWord(locale, 'channel', r.channel) : none],
    [t('case.field.receivedAt'), time(r.receivedAt)],
    [t('case.field.receivedBy'), str(r.receivedBy)],
    [t('case.field.name'), str(person.name)],
    [t('case.field.anonymous'), yesNo(person.anonymous)],
    [t('case.field.phone'), str(person.phone)],
    [t('case.field.email'), str(person.email)],
    [t('case.field.address'), str(person.address)],
    [t('case.field.idNumber'), str(person.idNumber)],
    [businessRefLabel, str(r.businessRef)],
    [t('case.field.category'), str(r.category) ? enumWord(locale, 'category', r.category) : none],
    [t('case.field.severity'), str(r.severity) ? enumWord(locale, 'severity', r.severity) : none],
    [t('case.field.isReport'), yesNo(r.isReport)],
    [t('case.field.content'), str(r.content)],
    [t('case.field.expected'), str(r.expectedResolution)],
    [t('case.field.closingExplanation'), str(r.closingExplanation)],
    [t('case.field.satisfaction'), str(r.satisfaction) ? enumWord(locale, 'satisfaction', r.satisfaction) : none],
    [t('case.field.createdAt'), time(r.createdAt)],
    [t('case.field.closedAt'), time(r.closedAt)],
    [t('case.field.archivedAt'), time(r.archivedAt)],
    [t('case.field.version'), String(c.version)],
    [t('case.field.receivedAtHq'), time(c.receivedAt)],
  ];

  return html`<section aria-labelledby="chain-h">
      <h2 id="chain-h">${t('case.chain')}</h2>
      ${chainView(ctx, c)}
    </section>
    <section aria-labelledby="record-h">
      <h2 id="record-h">${t('case.record')}</h2>
      <dl class="record">
        ${fields.map(
          ([label, value]) =>
            html`<dt>${label}</dt>
              <dd>${value || none}</dd>`,
        )}
      </dl>
    </section>
    <section aria-labelledby="handling-h">
      <h2 id="handling-h">${t('case.handling')}</h2>
      ${handlingView(ctx, r)}
    </section>
    <section aria-labelledby="attachments-h">
      <h2 id="attachments-h">${t('case.attachments')}</h2>
      ${attachmentsView(ctx, c.id, c.attachments)}
    </section>
    <section aria-labelledby="timeline-h">
      <h2 id="timeline-h">${t('case.timeline')}</h2>
      ${timelineView(ctx, c)}
      <p class="note">${t('common.chinaTime')}</p>
    </section>`;
}

function chainView({ t, locale }: PageContext, c: HeldCase): Html {
  if (!c.flags.length && c.chainStatus === 'verified') return html`<p><span class="ok">${t('case.chain.verified')}</span></p>`;
  return html`<p><span class="warn">${t('case.chain.flagged', { count: c.flags.length })}</span></p>
    <table>
      <thead>
        <tr>
          <th scope="col">${t('case.flag.at')}</th>
          <th scope="col">${t('case.flag.version')}</th>
          <th scope="col">${t('case.flag.reason')}</th>
          <th scope="col">${t('case.flag.detail')}</th>
        </tr>
      </thead>
      <tbody>
        ${c.flags.map(
          (f) =>
            html`<tr>
              <td>${formatTime(locale, f.at)}</td>
              <td class="num">${f.version}</td>
              <td>${flagReason(t, f.reason)}</td>
              <td>${f.detail}</td>
            </tr>`,
        )}
      </tbody>
    </table>`;
}

const FLAG_REASONS: Record<string, MessageKey> = {
  chain_broken: 'flag.chain_broken',
  history_rewritten: 'flag.history_rewritten',
  version_rollback: 'flag.version_rollback',
};
function flagReason(t: PageContext['t'], reason: string): string {
  return Object.hasOwn(FLAG_REASONS, reason) ? t(FLAG_REASONS[reason]!) : reason;
}

/** The steps of the handling the record holds (assignments, notes, plan, approvals, result, callbacks…), those present. */
function handlingView(ctx: PageContext, r: Loose): Html {
  const { t, locale } = ctx;
  const by = (who: unknown, at: unknown) =>
    html`<span class="by">${t('case.by', { who: str(who) || t('common.none'), at: formatTime(locale, at) ?? t('common.none') })}</span>`;
  const list = (title: MessageKey, items: Html[]) =>
    items.length
      ? html`<h3>${t(title)}</h3>
          <ul class="entries">
            ${items.map((i) => html`<li>${i}</li>`)}
          </ul>`
      : null;
  const notes = (title: MessageKey, v: unknown) =>
    list(
      title,
      arr(v).map((n) => html`${str(obj(n).text)}${by(obj(n).by, obj(n).at)}`),
    );

  const validity = obj(r.validity);
  const plan = obj(r.plan);
  const result = obj(r.result);
  const appeal = obj(r.appeal);
  const parts = [
    list(
      'case.assignments',
      arr(r.assignments).map((a) => {
        const x = obj(a);
        return html`${[str(x.department), str(x.assigneeId)].filter(Boolean).join(' · ')}${x.note ? `\n${str(x.note)}` : ''}${by(x.assignedBy, x.assignedAt)}`;
      }),
    ),
    notes('case.notes', r.investigationNotes),
    notes('case.progressCalls', r.progressCalls),
    list(
      'case.validity',
      'valid' in validity
        ? [
            html`${validity.valid === true ? t('case.validity.valid') : t('case.validity.invalid')} ·
            ${enumWord(locale, 'responsibility', validity.responsibility)}${validity.analysis ? `\n${str(validity.analysis)}` : ''}`,
          ]
        : [],
    ),
    list('case.plan', 'measures' in plan ? [html`${str(plan.measures)}${by(plan.ownerId, plan.dueAt)}`] : []),
    list(
      'case.approvals',
      arr(r.approvals).map((a) => {
        const x = obj(a);
        return html`${x.decision === 'approved' ? t('case.approval.approved') : t('case.approval.rejected')}${x.comment ? `\n${str(x.comment)}` : ''}${by(x.by, x.at)}`;
      }),
    ),
    list('case.result', 'text' in result ? [html`${str(result.text)}${by(result.by, result.at)}`] : []),
    list(
      'case.callbacks',
      arr(r.callbacks).map((cb) => {
        const x = obj(cb);
        return html`${enumWord(locale, 'satisfaction', x.satisfaction)}${[x.notes, x.objection].filter(Boolean).map((s) => `\n${str(s)}`)}${by(x.by, x.at)}`;
      }),
    ),
    list('case.appeal', 'reason' in appeal ? [html`${str(appeal.reason)}${by('', appeal.at)}`] : []),
    notes('case.emergencySteps', r.emergencySteps),
  ].filter((p) => p !== null);
  return parts.length ? html`${parts}` : html`<p>${t('case.noHandling')}</p>`;
}

function attachmentsView({ t }: PageContext, caseId: string, attachments: HeldAttachment[]): Html {
  if (!attachments.length) return html`<p>${t('case.attachments.none')}</p>`;
  return html`<ul class="attachments">
    ${attachments.map((a) => {
      const href = attachmentPath(caseId, a.attachmentId);
      if (!a.complete) return html`<li>${t('case.attachment.incomplete', { name: a.name })}</li>`;
      const download = html`<a href="${href}" download>${t('case.attachment.download', { name: a.name, size: formatSize(a.size) })}</a>`;
      if (!INLINE_IMAGE_TYPES.has(a.type)) return html`<li>${download}</li>`;
      return html`<li>
        <figure>
          <img src="${href}" alt="${t('case.attachment.image', { name: a.name })}" />
          <figcaption>${download}</figcaption>
        </figure>
      </li>`;
    })}
  </ul>`;
}

/** The timeline's words (shared/i18n/changes.ts, as the branch's timeline says them); a field it has no label for as sent. */
function valueFormat(locale: Locale): ValueFormat {
  return {
    t: (key) => catalogWord(locale, key),
    time: (at) => formatTime(locale, at) ?? String(at),
    category: (id) => enumWord(locale, 'category', id),
    unlabelled: (field, after) => `${field}: ${valueText(after)}`,
  };
}

/** An event's changes as sent: each field's [before, after], or a bare value read as the value after. */
function changesOf(changes: unknown): Record<string, readonly [unknown, unknown]> {
  return Object.fromEntries(
    Object.entries(obj(changes)).map(
      ([field, change]) => [field, Array.isArray(change) ? [change[0], change[1]] : [null, change]] as const,
    ),
  );
}

function timelineView({ t, locale }: PageContext, c: HeldCase): Html {
  const format = valueFormat(locale);
  return html`<table>
    <thead>
      <tr>
        <th scope="col">${t('case.event.seq')}</th>
        <th scope="col">${t('case.event.at')}</th>
        <th scope="col">${t('case.event.type')}</th>
        <th scope="col">${t('case.event.actor')}</th>
        <th scope="col">${t('case.event.changes')}</th>
      </tr>
    </thead>
    <tbody>
      ${c.events.map((e) => {
        const actor = obj(e.actor);
        const changes = changeLines(changesOf(e.changes), format, str(e.type));
        return html`<tr>
          <td class="num">${e.seq}</td>
          <td>${formatTime(locale, e.at)}</td>
          <td>${enumWord(locale, 'event', e.type)}</td>
          <td>${str(actor.staffId)}${actor.role ? ` (${enumWord(locale, 'role', actor.role)})` : ''}</td>
          <td>
            ${
              changes.length
                ? html`<ul class="changes">
                    ${changes.map((line) => html`<li>${line}</li>`)}
                  </ul>`
                : null
            }
          </td>
        </tr>`;
      })}
    </tbody>
  </table>`;
}

export function casePage(ctx: PageContext, c: HeldCase) {
  return page(ctx, ctx.t('case.title', { caseNo: c.caseNo }), caseView(ctx, c));
}
