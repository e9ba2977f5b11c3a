import { Alert, Box, Button, Link, List, ListItem, Stack, TextField, Typography } from '@mui/material';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseSummary } from '../../../shared/api/contract';
import type { CaseRecord } from '../../../shared/domain/case';
import { useStore } from '../../app/store';

/** Cases about the same matter: listed with a link each, and linked by typing a case number. */
export function RelatedCases({
  record,
  related,
  canLink,
  onOpen,
}: {
  record: CaseRecord;
  related: CaseSummary[];
  canLink: boolean;
  onOpen: (caseId: string) => void;
}) {
  const { t } = useTranslation();
  const { api, envelope } = useStore();
  const [caseNo, setCaseNo] = useState('');
  const [error, setError] = useState<string | null>(null);

  async function link(event: FormEvent) {
    event.preventDefault();
    const wanted = caseNo.trim().toUpperCase();
    if (!wanted) return;
    const found = await api.call('cases.search', { text: wanted, limit: 20 }, envelope);
    const target = found.ok ? found.value.find((s) => s.caseNo === wanted) : undefined;
    if (!found.ok) return setError(found.error.message);
    if (!target) return setError(t('errors.link.notFound'));
    const r = await api.call(
      'cases.command',
      { caseId: record.id, expectedVersion: record.version, command: { name: 'linkCase', payload: { relatedCaseId: target.id } } },
      envelope,
    );
    if (!r.ok) return setError(r.error.message);
    setError(null);
    setCaseNo('');
  }

  return (
    <Box component="section" aria-labelledby="related-title" sx={{ mt: 2 }}>
      <Typography id="related-title" variant="h6" component="h2">
        {t('case.related')}
      </Typography>
      {related.length === 0 ? (
        <Typography variant="body2" color="text.secondary">
          {t('case.noRelated')}
        </Typography>
      ) : (
        <List dense aria-labelledby="related-title">
          {related.map((r) => (
            <ListItem key={r.id} disableGutters>
              <Link component="button" onClick={() => onOpen(r.id)} sx={{ fontFamily: 'monospace', mr: 2 }}>
                {r.caseNo}
              </Link>
              <Typography variant="body2">{`${r.complainantName} · ${t(`state.${r.state}`)}`}</Typography>
            </ListItem>
          ))}
        </List>
      )}
      {canLink && (
        <Stack component="form" direction="row" spacing={1} sx={{ mt: 1, alignItems: 'flex-start' }} onSubmit={(e) => void link(e)}>
          <TextField
            size="small"
            label={t('case.relatedCaseNo')}
            value={caseNo}
            onChange={(e) => setCaseNo(e.target.value)}
            sx={{ width: 260 }}
          />
          <Button type="submit" variant="outlined">
            {t('command.linkCase')}
          </Button>
        </Stack>
      )}
      {error && (
        <Alert severity="error" role="alert" sx={{ mt: 1 }}>
          {error}
        </Alert>
      )}
    </Box>
  );
}
