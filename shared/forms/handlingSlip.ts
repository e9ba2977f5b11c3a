/**
 * 投诉处理协调工作单: what the responsible department receives (《客户投诉解决制度》第十二条(二)(三)): the
 * complaint, who is assigned with which instructions, the deadlines, and room for the
 * department's written feedback and signatures.
 */
import type { FormContext } from './context';
import { deadlineLines } from './deadlineLines';
import { intakeRows } from './sections';
import {
  documentHeader,
  formTable,
  h,
  html,
  listTable,
  NO_HTML,
  pairRow,
  sectionHeading,
  signatureRow,
  text,
  wideRow,
  type DocumentBody,
  type Html,
} from './layout';

function assignmentTable(ctx: FormContext): Html {
  const { record: c, t } = ctx;
  if (!c.assignments.length) {
    // Not assigned yet: the supervisor fills the assignment in by hand.
    return formTable([
      pairRow([t('forms.slip.department'), NO_HTML], [t('forms.slip.assignee'), NO_HTML]),
      pairRow([t('forms.slip.assignedAt'), NO_HTML], [t('forms.slip.dueAt'), NO_HTML]),
      wideRow(t('forms.slip.instructions'), NO_HTML, 14),
    ]);
  }
  return listTable(
    [t('forms.slip.department'), t('forms.slip.assignee'), t('forms.slip.assignedAt'), t('forms.slip.dueAt'), t('forms.slip.instructions')],
    c.assignments.map((a) => [
      h(a.department),
      h(ctx.staff(a.assigneeId)),
      html`${h(ctx.dateTime(a.assignedAt))}
        <div class="entry-meta">${h(ctx.staff(a.assignedBy))}</div>`,
      a.dueAt === null ? NO_HTML : h(ctx.dateTime(a.dueAt)),
      text(a.note),
    ]),
    ['17%', '16%', '19%', '17%', '31%'],
  );
}

export function handlingSlip(ctx: FormContext): DocumentBody {
  const { record: c, t } = ctx;
  const title = t('forms.handlingSlip.title');
  const summary = formTable([
    ...intakeRows(ctx),
    wideRow(t('forms.field.content'), text(c.content), 20),
    wideRow(t('forms.field.expected'), text(c.expectedResolution)),
  ]);
  const lines = deadlineLines(ctx);
  const deadlines = listTable(
    [t('forms.deadline.step'), t('forms.deadline.allowedColumn'), t('forms.deadline.dueColumn')],
    lines.map((l) => [h(l.step), h(l.allowed), l.overdue ? html`<strong>${h(l.due)}</strong>` : h(l.due)]),
    ['30%', '38%', '32%'],
  );
  // The department writes its feedback and signs on one piece: the box and the signatures stay together.
  const feedback = formTable(
    [wideRow(t('forms.slip.feedback'), NO_HTML, 24), signatureRow(ctx, [t('forms.sign.deptHead'), t('forms.sign.handler')])],
    { keepTogether: true },
  );
  const body = html`${documentHeader(ctx, title)}${summary}${sectionHeading(t('forms.slip.assignment'))}${assignmentTable(ctx)}${sectionHeading(t('forms.slip.deadlines'))}${deadlines}${feedback}`;
  return { title, body };
}
