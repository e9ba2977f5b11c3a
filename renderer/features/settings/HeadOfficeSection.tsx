import { Alert, Box, Button, Stack, TextField, Typography } from '@mui/material';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError, SyncStatus } from '../../../shared/api/contract';
import { isSupervisorRole } from '../../../shared/domain/enums';
import { useLive, useStore } from '../../app/store';
import { enrol, SECRET_KEPT_KEY } from '../../bridge/enrol';

/** The message about the code itself, if the store's answer has one; anything else is said above the form. */
function codeIssue(error: ApiError | null): string | undefined {
  return error?.issues?.find((i) => i.path === 'code' || i.path.endsWith('.code'))?.message;
}

/**
 * Head office, for supervisors: enter the enrolment code head office printed for this branch
 * (`countersign://enrol?…`); once enrolled, where it sends and how the secret is kept.
 */
export function HeadOfficeSection() {
  const { t } = useTranslation();
  const { api, envelope, person } = useStore();
  const live = useLive('sync.status', {});
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [done, setDone] = useState(false);
  if (!isSupervisorRole(person.role)) return null;
  const status = live?.ok ? live.value : null;
  const fieldMessage = codeIssue(error);

  const submit = async () => {
    setBusy(true);
    setDone(false);
    const r = await enrol(api, envelope, code);
    setBusy(false);
    setError(r.ok ? null : r.error);
    if (r.ok) {
      setCode('');
      setDone(true);
    }
  };

  return (
    <Box component="section" aria-labelledby="head-office-title" sx={{ mb: 4 }}>
      <Typography id="head-office-title" variant="h6" component="h2" gutterBottom>
        {t('sync.settings.title')}
      </Typography>
      {status && <Enrolment status={status} />}
      <Typography variant="body2" color="text.secondary" sx={{ mb: 2, maxWidth: 720 }}>
        {t('sync.settings.intro')}
      </Typography>
      <Stack
        component="form"
        direction="row"
        spacing={2}
        sx={{ alignItems: 'flex-start', maxWidth: 900 }}
        onSubmit={(e) => {
          e.preventDefault();
          if (!busy) void submit();
        }}
      >
        <TextField
          size="small"
          fullWidth
          label={t('sync.settings.code')}
          value={code}
          onChange={(e) => {
            setCode(e.target.value);
            setError(null);
            setDone(false);
          }}
          error={!!fieldMessage}
          helperText={fieldMessage ?? t('sync.settings.codeHelp')}
          autoComplete="off"
          spellCheck={false}
          slotProps={{ htmlInput: { style: { fontFamily: 'monospace' } } }}
        />
        <Button type="submit" variant="contained" disabled={busy || code.trim() === ''} sx={{ flexShrink: 0 }}>
          {t(busy ? 'sync.settings.enrolling' : status?.enrolled ? 'sync.settings.reenrol' : 'sync.settings.enrol')}
        </Button>
      </Stack>
      {error && !fieldMessage && (
        <Alert severity="error" role="alert" sx={{ mt: 2 }}>
          {error.issues?.[0]?.message ?? error.message}
        </Alert>
      )}
      {done && (
        <Alert severity="success" role="status" sx={{ mt: 2 }}>
          {t('sync.settings.enrolled')}
        </Alert>
      )}
    </Box>
  );
}

/** Where this branch sends its cases, and how its secret is kept (never shown). */
function Enrolment({ status }: { status: SyncStatus }) {
  const { t } = useTranslation();
  if (!status.enrolled)
    return (
      <Typography variant="body1" sx={{ mb: 1 }}>
        {t('sync.settings.notEnrolled')}
      </Typography>
    );
  const lines: [string, string][] = [
    ['sync.detail.address', status.hqUrl ?? ''],
    ['sync.detail.branch', status.branch ?? ''],
    ['sync.settings.secret', t(SECRET_KEPT_KEY)],
  ];
  return (
    <>
      <Typography variant="body1" sx={{ mb: 1 }}>
        {t('sync.settings.enrolled')}
      </Typography>
      <Box
        component="dl"
        aria-label={t('sync.settings.enrolled')}
        sx={{ display: 'grid', gridTemplateColumns: 'max-content 1fr', columnGap: 2, rowGap: 0.5, mt: 0, mb: 2, maxWidth: 900 }}
      >
        {lines.map(([label, value]) => (
          <Box key={label} sx={{ display: 'contents' }}>
            <Typography component="dt" variant="body2" color="text.secondary">
              {t(label)}
            </Typography>
            <Typography component="dd" variant="body2" sx={{ m: 0, overflowWrap: 'anywhere' }}>
              {value}
            </Typography>
          </Box>
        ))}
      </Box>
    </>
  );
}
