import { Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AccessLogEntry } from '../../../shared/api/contract';
import { isSupervisorRole } from '../../../shared/domain/enums';
import { useChinaTime } from '../../app/chinaTime';
import { useStore } from '../../app/store';

/** Supervisors, on an archived case's page: who read the case, when, what and on what footing. */
export function AccessLogSection({ caseId }: { caseId: string }) {
  const { person } = useStore();
  return isSupervisorRole(person.role) ? <AccessLog caseId={caseId} /> : null;
}

function AccessLog({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const time = useChinaTime();
  const { api, envelope } = useStore();
  const [entries, setEntries] = useState<AccessLogEntry[] | null>(null);
  useEffect(() => {
    let current = true;
    void api.call('archive.accessLog', { caseId }, envelope).then((r) => current && setEntries(r.ok ? r.value : []));
    return () => {
      current = false;
    };
  }, [api, envelope, caseId]);
  if (!entries) return null;
  return (
    <>
      <Typography id="access-log-title" variant="h6" component="h2" sx={{ mt: 2 }}>
        {t('archive.log.title')}
      </Typography>
      {entries.length === 0 ? (
        <Typography color="text.secondary">{t('archive.log.empty')}</Typography>
      ) : (
        <Table size="small" aria-labelledby="access-log-title">
          <TableHead>
            <TableRow>
              <TableCell>{t('archive.log.at')}</TableCell>
              <TableCell>{t('archive.log.who')}</TableCell>
              <TableCell>{t('archive.log.what')}</TableCell>
              <TableCell>{t('archive.log.basis')}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {entries.map((e) => (
              <TableRow key={e.id}>
                <TableCell>{time(e.at)}</TableCell>
                <TableCell>{e.staffId}</TableCell>
                <TableCell>{t(`archive.log.what.${e.what}`)}</TableCell>
                <TableCell>{t(`archive.log.basis.${e.basis}`)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </>
  );
}
