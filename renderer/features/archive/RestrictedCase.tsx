import { Alert, Box, Button, Paper, Stack, TextField, Typography } from '@mui/material';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../shared/api/contract';
import { useChinaTime } from '../../app/chinaTime';
import { useLive, useStore } from '../../app/store';

/** The store's refusal of an archived case to someone without a grant (electron/store/archive.ts). */
export const isRestricted = (error: ApiError) => error.key === 'errors.archive.restricted';

/**
 * What someone who may not read an archived case sees on its page: that it is restricted, and a
 * request for access with a reason, or the request waiting. When a supervisor grants it, `onGranted`
 * reads the case again.
 */
export function RestrictedCase({
  caseId,
  message,
  onBack,
  onGranted,
}: {
  caseId: string;
  message: string;
  onBack: () => void;
  onGranted: () => void;
}) {
  const { t } = useTranslation();
  const time = useChinaTime();
  const { api, envelope } = useStore();
  const mine = useLive('archive.myGrants', {});
  const [reason, setReason] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const granted = mine?.ok === true && mine.value.grants.some((g) => g.caseId === caseId);
  const waiting = mine?.ok ? mine.value.requests.find((r) => r.caseId === caseId) : undefined;
  useEffect(() => {
    if (granted) onGranted();
  }, [granted, onGranted]);

  const submit = async () => {
    const r = await api.call('archive.requestAccess', { caseId, reason }, envelope);
    setError(r.ok ? null : r.error);
  };
  const reasonIssue = error?.issues?.find((i) => i.path === 'reason')?.message;
  return (
    <Paper component="section" sx={{ p: 3 }} aria-labelledby="restricted-title">
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center', mb: 2 }}>
        <Button onClick={onBack}>{t('case.back')}</Button>
        <Typography id="restricted-title" variant="h5" component="h1">
          {t('archive.restricted.title')}
        </Typography>
      </Stack>
      <Alert severity="warning" sx={{ mb: 2 }}>
        {message}
      </Alert>
      {waiting ? (
        <Alert severity="info" role="status">
          {t('archive.request.waiting', { time: time(waiting.at) })}
        </Alert>
      ) : (
        <Box
          component="form"
          sx={{ display: 'flex', gap: 2, alignItems: 'flex-start', flexWrap: 'wrap' }}
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          <TextField
            label={t('archive.request.reason')}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            required
            error={!!reasonIssue}
            helperText={reasonIssue ?? t('archive.request.reasonHint')}
            sx={{ minWidth: 360 }}
          />
          <Button type="submit" variant="contained" sx={{ mt: 1 }}>
            {t('archive.request.submit')}
          </Button>
        </Box>
      )}
      {error && !reasonIssue && (
        <Alert severity="error" role="alert" sx={{ mt: 2 }}>
          {error.message}
        </Alert>
      )}
    </Paper>
  );
}
