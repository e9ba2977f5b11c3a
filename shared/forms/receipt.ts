/**
 * The customer's receipt (R2.2): the case number, what happens next and by when (the case's
 * deadline clocks, working days per the Chinese calendar), and how to follow up.
 */
import type { FormContext } from './context';
import { deadlineLines } from './deadlineLines';
import {
  documentHeader,
  formTable,
  h,
  html,
  listTable,
  NO_HTML,
  pairRow,
  sectionHeading,
  text,
  wideRow,
  type DocumentBody,
} from './layout';

export function receipt(ctx: FormContext): DocumentBody {
  const { record: c, t, input } = ctx;
  const title = t('forms.receipt.title');
  const intro = html`<p class="lead">${h(ctx.fill('forms.receipt.intro', { caseNo: c.caseNo }))}</p>`;
  const facts = formTable([
    pairRow(
      [t('forms.field.caseNo'), html`<span class="big-no">${h(c.caseNo)}</span>`],
      [t('forms.field.date'), h(ctx.dateTime(c.receivedAt))],
    ),
    pairRow([t('forms.field.complainant'), h(c.complainant.name)], [t('forms.field.category'), h(ctx.category(c.category))]),
    pairRow([t('forms.field.channel'), h(t(`channel.${c.channel}`))], [t('forms.field.receivedBy'), h(ctx.staff(c.receivedBy))]),
    wideRow(t('forms.field.content'), text(c.content)),
  ]);
  const steps = deadlineLines(ctx, { openOnly: true });
  const next = steps.length
    ? listTable(
        [t('forms.deadline.step'), t('forms.deadline.allowedColumn'), t('forms.deadline.dueColumn')],
        steps.map((s) => [h(s.step), h(s.allowed), s.overdue ? html`<strong>${h(s.due)}</strong>` : h(s.due)]),
        ['30%', '38%', '32%'],
      )
    : html`<p>${h(t(`state.${c.state}`))}</p>`;
  const branch = ctx.aside(input.branch.branchName, input.branch.branchCode);
  const phone = input.branch.phone
    ? html`<p class="lead">${h(ctx.labelled(t('forms.field.branchPhone'), input.branch.phone))}</p>`
    : NO_HTML;
  const followUp = html`<div class="box">
    <p class="lead">${h(ctx.fill('forms.receipt.followUpText', { branch, caseNo: c.caseNo }))}</p>
    ${phone}
  </div>`;
  const stamp = html`<div class="stamp">
    <div>${h(ctx.labelled(t('forms.receipt.stamp'), ''))}</div>
    <div>${h(ctx.date(input.now))}</div>
  </div>`;
  const workingDays = html`<p class="note">${h(t('forms.receipt.workingDays'))}</p>`;
  const body = html`${documentHeader(ctx, title)}${intro}${facts}${sectionHeading(t('forms.receipt.next'))}${next}${workingDays}${sectionHeading(t('forms.receipt.followUp'))}${followUp}${stamp}`;
  return { title, body };
}
