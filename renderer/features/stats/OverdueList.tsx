import { Link, Table, TableBody, TableCell, TableContainer, TableHead, TableRow, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { Dashboard } from '../../../shared/api/contract';
import { useChinaTime } from '../../app/chinaTime';

/** The period's open cases past their deadline, most overdue first, each a link to its case page. */
export function OverdueList({
  overdue,
  staffName,
  onOpen,
}: {
  overdue: Dashboard['overdue'];
  staffName: (id: string) => string;
  onOpen: (caseId: string) => void;
}) {
  const { t } = useTranslation();
  const time = useChinaTime();
  if (overdue.count === 0) return <Typography variant="body2">{t('stats.overdue.none')}</Typography>;
  return (
    <>
      <Typography variant="body2" sx={{ mb: 1 }}>
        {t('stats.overdue.count', { count: overdue.count })}
        {overdue.cases.length < overdue.count && ` · ${t('stats.overdue.more', { shown: overdue.cases.length })}`}
      </Typography>
      <TableContainer sx={{ maxHeight: 360 }}>
        <Table size="small" stickyHeader aria-label={t('stats.overdue')}>
          <TableHead>
            <TableRow>
              <TableCell>{t('stats.caseNo')}</TableCell>
              <TableCell>{t('stats.assignee')}</TableCell>
              <TableCell>{t('stats.dueAt')}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {overdue.cases.map((c) => (
              <TableRow key={c.id}>
                <TableCell>
                  <Link component="button" type="button" onClick={() => onOpen(c.id)} aria-label={t('stats.open', { caseNo: c.caseNo })}>
                    {c.caseNo}
                  </Link>
                </TableCell>
                <TableCell>{c.assigneeId === '' ? t('stats.unassigned') : staffName(c.assigneeId)}</TableCell>
                <TableCell>{time(c.nextDueAt)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </TableContainer>
    </>
  );
}
