import { Table, TableBody, TableCell, TableContainer, TableHead, TableRow } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { DashboardGroup } from '../../../shared/api/contract';
import { KPI_IDS } from '../../../shared/stats/kpis';
import { percent } from './format';

/** The indicators per department or per staff member. */
export function GroupTable({
  title,
  column,
  groups,
  name,
}: {
  title: string;
  column: string;
  groups: DashboardGroup[];
  name: (key: string) => string;
}) {
  const { t, i18n } = useTranslation();
  const none = t('stats.kpi.none');
  return (
    <TableContainer>
      <Table size="small" aria-label={title}>
        <TableHead>
          <TableRow>
            <TableCell>{column}</TableCell>
            <TableCell align="right">{t('stats.received')}</TableCell>
            {KPI_IDS.map((id) => (
              <TableCell key={id} align="right">
                {t(`stats.kpi.${id}`)}
              </TableCell>
            ))}
          </TableRow>
        </TableHead>
        <TableBody>
          {groups.map((g) => (
            <TableRow key={g.key}>
              <TableCell component="th" scope="row">
                {g.key === '' ? t('stats.unassigned') : name(g.key)}
              </TableCell>
              <TableCell align="right">{g.received}</TableCell>
              {KPI_IDS.map((id) => (
                <TableCell key={id} align="right">
                  {percent(i18n.language, g.kpis[id], none)}
                </TableCell>
              ))}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </TableContainer>
  );
}
