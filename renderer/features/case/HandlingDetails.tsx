import { Box, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseRecord } from '../../../shared/domain/case';
import { explanationLabel, type ClosingKind } from '../../../shared/workflow/closing';
import { useChinaTime } from '../../app/chinaTime';

/** What has been done on the case so far, in the order of the paper form's sections (核实, 处理意见, 处理结果, 回访). */
export function HandlingDetails({ record: c, closing }: { record: CaseRecord; closing: ClosingKind | null }) {
  const { t } = useTranslation();
  const time = useChinaTime();
  const sections: { key: string; title: string; body: ReactNode }[] = [];
  if (c.closingExplanation) sections.push({ key: 'closing', title: t(explanationLabel(closing)), body: c.closingExplanation });
  if (c.assignments.length) {
    sections.push({
      key: 'assignments',
      title: t('case.assignments'),
      body: c.assignments
        .map(
          (a) =>
            `${time(a.assignedAt)} · ${a.department} · ${a.assigneeId}${a.dueAt ? ` · ${t('case.dueAt')} ${time(a.dueAt)}` : ''}${a.note ? ` · ${a.note}` : ''}`,
        )
        .join('\n'),
    });
  }
  if (c.investigationNotes.length)
    sections.push({
      key: 'notes',
      title: t('case.verification'),
      body: c.investigationNotes.map((n) => `${time(n.at)} ${n.by}：${n.text}`).join('\n'),
    });
  if (c.validity) {
    sections.push({
      key: 'validity',
      title: t('case.validity'),
      body: `${t(c.validity.valid ? 'case.valid' : 'case.notValid')} · ${t(`responsibility.${c.validity.responsibility}`)}\n${c.validity.analysis}`,
    });
  }
  if (c.plan) {
    const compensation = c.plan.compensation
      ? `\n${t('action.compensation')}: ${c.plan.compensation.amount.toFixed(2)} ${c.plan.compensation.description}`
      : '';
    const approvals = c.approvals
      .map(
        (a) =>
          `\n${time(a.at)} ${a.by} ${t(a.decision === 'approved' ? 'event.plan_approved' : 'event.plan_rejected')}${a.comment ? `：${a.comment}` : ''}`,
      )
      .join('');
    sections.push({
      key: 'plan',
      title: t('case.plan'),
      body: `${c.plan.measures}\n${t('action.ownerId')}: ${c.plan.ownerId} · ${t('action.dueAt')}: ${time(c.plan.dueAt)}${compensation}${approvals}`,
    });
  }
  if (c.result)
    sections.push({
      key: 'result',
      title: t('case.result'),
      body: `${time(c.result.at)} ${c.result.by}：${c.result.text}${c.resultTold ? `\n${t('event.result_told')} · ${time(c.resultTold.at)} · ${t(`channel.${c.resultTold.method}`)}` : ''}`,
    });
  if (c.callbacks.length) {
    sections.push({
      key: 'callbacks',
      title: t('case.callbacks'),
      body: c.callbacks
        .map(
          (k) =>
            `${time(k.at)} ${k.by} · ${t(`satisfaction.${k.satisfaction}`)}${k.notes ? `：${k.notes}` : ''}${k.objection ? `\n${t('action.objection')}: ${k.objection}` : ''}`,
        )
        .join('\n'),
    });
  }
  if (c.appeal) sections.push({ key: 'appeal', title: t('event.appeal_filed'), body: `${time(c.appeal.at)}：${c.appeal.reason}` });
  if (sections.length === 0) return null;
  return (
    <Box component="section" aria-labelledby="handling-title" sx={{ mt: 2 }}>
      <Typography id="handling-title" variant="h6" component="h2">
        {t('case.handling')}
      </Typography>
      <Box component="dl" sx={{ m: 0 }}>
        {sections.map((s) => (
          <Box key={s.key} sx={{ mt: 1 }}>
            <Typography component="dt" variant="caption" color="text.secondary">
              {s.title}
            </Typography>
            <Typography component="dd" variant="body1" sx={{ m: 0, whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
              {s.body}
            </Typography>
          </Box>
        ))}
      </Box>
    </Box>
  );
}
