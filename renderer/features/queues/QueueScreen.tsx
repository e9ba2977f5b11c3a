import { Link, Paper, Stack, Table, TableBody, TableCell, TableContainer, TableHead, TableRow, TextField, Typography } from '@mui/material';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseSummary } from '../../../shared/api/contract';
import { CASE_STATES, type CaseState } from '../../../shared/domain/enums';
import { useLive, useStore } from '../../app/store';

function DueCell({ at }: { at: number | null }) {
  const { t, i18n } = useTranslation();
  if (at === null) return <>{t('queues.noDeadline')}</>;
  const overdue = at < Date.now();
  const text = new Date(at).toLocaleString(i18n.language, { dateStyle: 'short', timeStyle: 'short', timeZone: 'Asia/Shanghai' });
  return <Typography component="span" variant="body2" color={overdue ? 'error' : 'inherit'}>{overdue ? `${t('queues.overdue')} · ${text}` : text}</Typography>;
}

/** The branch's complaints, nearest deadline first; live, and searchable by name, phone, number or content. */
export function QueueScreen({ onOpen }: { onOpen: (caseId: string) => void }) {
  const { t } = useTranslation();
  const { api, envelope } = useStore();
  const [state, setState] = useState<CaseState | ''>('');
  const [text, setText] = useState('');
  const [found, setFound] = useState<CaseSummary[] | null>(null);
  const page = useLive('cases.query', state ? { states: [state], limit: 100 } : { limit: 100 });

  useEffect(() => {
    if (text.trim() === '') return setFound(null);
    let current = true;
    void api.call('cases.search', { text, limit: 100 }, envelope).then((r) => current && setFound(r.ok ? r.value : []));
    return () => {
      current = false;
    };
  }, [api, envelope, text]);

  const rows = found ?? (page?.ok ? page.value.items : []);
  return (
    <Paper component="section" sx={{ p: 3 }} aria-labelledby="queues-title">
      <Typography id="queues-title" variant="h5" component="h1" gutterBottom>{t('queues.title')}</Typography>
      <Stack direction="row" spacing={2} sx={{ mb: 2 }}>
        <TextField type="search" label={t('queues.search')} value={text} onChange={(e) => setText(e.target.value)} sx={{ flex: 1 }} />
        <TextField select slotProps={{ select: { native: true }, inputLabel: { shrink: true } }} label={t('queues.state')} value={state} onChange={(e) => setState(e.target.value as CaseState | '')} sx={{ width: 200 }}>
          <option value="">{t('queues.all')}</option>
          {CASE_STATES.map((s) => <option key={s} value={s}>{t(`state.${s}`)}</option>)}
        </TextField>
      </Stack>
      {page?.ok && !found && <Typography variant="body2" role="status">{t('queues.total', { count: page.value.total })}</Typography>}
      <TableContainer>
        <Table size="small" aria-labelledby="queues-title">
          <TableHead>
            <TableRow>
              <TableCell>{t('queues.caseNo')}</TableCell>
              <TableCell>{t('queues.complainant')}</TableCell>
              <TableCell>{t('queues.category')}</TableCell>
              <TableCell>{t('queues.state')}</TableCell>
              <TableCell>{t('queues.due')}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {rows.map((r) => (
              <TableRow key={r.id}>
                <TableCell sx={{ fontFamily: 'monospace' }}>
                  <Link component="button" onClick={() => onOpen(r.id)} aria-label={t('queues.open', { caseNo: r.caseNo })}>{r.caseNo}</Link>
                </TableCell>
                <TableCell>{r.complainantName}</TableCell>
                <TableCell>{t(`category.${r.category}`)}</TableCell>
                <TableCell>{t(`state.${r.state}`)}</TableCell>
                <TableCell><DueCell at={r.nextDueAt} /></TableCell>
              </TableRow>
            ))}
            {rows.length === 0 && (
              <TableRow><TableCell colSpan={5}>{t('queues.empty')}</TableCell></TableRow>
            )}
          </TableBody>
        </Table>
      </TableContainer>
    </Paper>
  );
}
