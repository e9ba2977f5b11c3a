/**
 * The customer's receipt (R2.2): the case number, what happens next and by when (the case's
 * deadline clocks, working days per the Chinese calendar), and how to follow up.
 */
import type { FormContext } from './context';
import { deadlineLines } from './deadlineLines';
import { documentHeader, formTable, h, listTable, pairRow, sectionHeading, text, wideRow, type DocumentBody } from './layout';

export function receipt(ctx: FormContext): DocumentBody {
  const { record: c, t, input } = ctx;
  const title = t('forms.receipt.title');
  const intro = `<p class="lead">${h(ctx.fill('forms.receipt.intro', { caseNo: c.caseNo }))}</p>`;
  const facts = formTable([
    pairRow(
      [t('forms.field.caseNo'), `<span class="big-no">${h(c.caseNo)}</span>`],
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
        steps.map((s) => [h(s.step), h(s.allowed), s.overdue ? `<strong>${h(s.due)}</strong>` : h(s.due)]),
        ['30%', '38%', '32%'],
      )
    : `<p>${h(t(`state.${c.state}`))}</p>`;
  const branch = ctx.aside(input.branch.branchName, input.branch.branchCode);
  const followUp =
    `<div class="box"><p class="lead">${h(ctx.fill('forms.receipt.followUpText', { branch, caseNo: c.caseNo }))}</p>` +
    (input.branch.phone ? `<p class="lead">${h(ctx.labelled(t('forms.field.branchPhone'), input.branch.phone))}</p>` : '') +
    `</div>`;
  const stamp =
    `<div class="stamp"><div>${h(ctx.labelled(t('forms.receipt.stamp'), ''))}</div>` + `<div>${h(ctx.date(input.now))}</div></div>`;
  const body =
    documentHeader(ctx, title) +
    intro +
    facts +
    sectionHeading(t('forms.receipt.next')) +
    next +
    `<p class="note">${h(t('forms.receipt.workingDays'))}</p>` +
    sectionHeading(t('forms.receipt.followUp')) +
    followUp +
    stamp;
  return { title, body };
}
