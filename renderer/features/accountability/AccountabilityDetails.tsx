import { Alert, Box, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Results } from '../../../shared/api/contract';
import type { Accountability, CaseRecord } from '../../../shared/domain/case';
import { useChinaTime } from '../../app/chinaTime';
import { useOrganization } from '../../app/organization';
import { useStore } from '../../app/store';

/** "李娜 (h01)" when the organization knows the ID, else the ID. */
export function useStaffName(): (staffId: string) => string {
  const org = useOrganization();
  return (staffId) => {
    const name = org.staff.find((s) => s.id === staffId)?.name;
    return name ? `${name} (${staffId})` : staffId;
  };
}

/** The appeal and decision cells of a record, in words. */
export function useAppealWords() {
  const { t } = useTranslation();
  const time = useChinaTime();
  return {
    appeal: (a: Pick<Accountability, 'appeal'>) =>
      a.appeal ? `${time(a.appeal.at)} · ${a.appeal.reason}` : t('accountability.appeal.none'),
    decision: (a: Pick<Accountability, 'appeal' | 'decision'>) =>
      a.decision
        ? `${t(`accountability.outcome.${a.decision.outcome}`)} · ${a.decision.note}`
        : a.appeal
          ? t('accountability.decision.pending')
          : '—',
  };
}

/**
 * The case page's accountability section (R8.3): the rules' proposal while a supervisor may record
 * responsibility, and every record with its appeal and decision. The actions are the case's commands.
 */
export function AccountabilityDetails({ record, canRecord }: { record: CaseRecord; canRecord: boolean }) {
  const { t } = useTranslation();
  const { api, envelope } = useStore();
  const time = useChinaTime();
  const staffName = useStaffName();
  const words = useAppealWords();
  const [proposal, setProposal] = useState<Results['accountability.propose'] | null>(null);

  useEffect(() => {
    if (!canRecord) return setProposal(null);
    let current = true;
    void api.call('accountability.propose', { caseId: record.id }, envelope).then((r) => current && r.ok && setProposal(r.value));
    return () => {
      current = false;
    };
  }, [api, envelope, record.id, record.version, canRecord]);

  if (!canRecord && record.accountability.length === 0) return null;
  return (
    <Box component="section" aria-labelledby="accountability-title" sx={{ mt: 2 }}>
      <Typography id="accountability-title" variant="h6" component="h2">
        {t('accountability.section')}
      </Typography>
      {proposal && (
        <Alert severity="info" sx={{ my: 1 }} role="status">
          {proposal.points > 0 ? t('accountability.proposal', { points: proposal.points }) : t('accountability.proposal.none')}
          {proposal.lines.map((l) => ` · ${t(`accountability.rule.${l.rule}`)} ${l.points}`).join('')}
          {' · '}
          {t('accountability.appealWindow', { days: proposal.appealWorkingDays })}
        </Alert>
      )}
      {record.accountability.length > 0 && (
        <Table size="small" aria-label={t('accountability.section')}>
          <TableHead>
            <TableRow>
              <TableCell>{t('accountability.col.entry')}</TableCell>
              <TableCell>{t('accountability.col.staff')}</TableCell>
              <TableCell>{t('accountability.col.kind')}</TableCell>
              <TableCell>{t('accountability.col.measure')}</TableCell>
              <TableCell align="right">{t('accountability.col.points')}</TableCell>
              <TableCell align="right">{t('accountability.col.proposed')}</TableCell>
              <TableCell>{t('accountability.col.reason')}</TableCell>
              <TableCell>{t('accountability.col.at')}</TableCell>
              <TableCell>{t('accountability.col.appealDueAt')}</TableCell>
              <TableCell>{t('accountability.col.appeal')}</TableCell>
              <TableCell>{t('accountability.col.decision')}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {record.accountability.map((a) => (
              <TableRow key={a.entry}>
                <TableCell>{a.entry}</TableCell>
                <TableCell>{staffName(a.staffId)}</TableCell>
                <TableCell>{t(`accountability.kind.${a.kind}`)}</TableCell>
                <TableCell>{t(`accountability.measure.${a.measure}`)}</TableCell>
                <TableCell align="right">{a.points}</TableCell>
                <TableCell align="right">{a.proposed}</TableCell>
                <TableCell>{a.reason || '—'}</TableCell>
                <TableCell>{time(a.at)}</TableCell>
                <TableCell>{time(a.appealDueAt)}</TableCell>
                <TableCell>{words.appeal(a)}</TableCell>
                <TableCell>{words.decision(a)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </Box>
  );
}
