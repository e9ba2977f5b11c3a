import { Alert, Button, LinearProgress, Stack, TextField } from '@mui/material';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError, StoreApi } from '../../../shared/api/contract';
import type { Locale } from '../../../shared/i18n/translate';
import type { Session } from '../../app/session';

/**
 * Staff id and PIN, Enter to sign in: the one short form of the sign-in page, the lock and the
 * switch of the person at the counter. Hashing the PIN takes the host a noticeable moment: a
 * progress bar shows meanwhile.
 */
export function SignInForm({ api, locale, onSignedIn }: { api: StoreApi; locale: Locale; onSignedIn: (session: Session) => void }) {
  const { t } = useTranslation();
  const [staffId, setStaffId] = useState('');
  const [secret, setSecret] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const issue = (path: string) => error?.issues?.find((i) => i.path === path)?.message;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    const r = await api.call('auth.signIn', { staffId: staffId.trim(), secret }, { locale });
    setBusy(false);
    if (!r.ok) {
      setSecret('');
      return setError(r.error);
    }
    setError(null);
    setStaffId('');
    setSecret('');
    onSignedIn(r.value);
  }

  return (
    <Stack component="form" onSubmit={submit} spacing={2} aria-label={t('signIn.title')}>
      {error && !error.issues && (
        <Alert severity="error" role="alert">
          {error.message}
        </Alert>
      )}
      <TextField
        label={t('signIn.staffId')}
        value={staffId}
        onChange={(e) => setStaffId(e.target.value)}
        required
        autoFocus
        autoComplete="username"
        error={!!issue('staffId')}
        helperText={issue('staffId')}
      />
      <TextField
        label={t('signIn.secret')}
        type="password"
        value={secret}
        onChange={(e) => setSecret(e.target.value)}
        required
        autoComplete="current-password"
        error={!!issue('secret')}
        helperText={issue('secret')}
      />
      {busy && <LinearProgress aria-label={t('signIn.working')} />}
      <Button type="submit" variant="contained" disabled={busy}>
        {t('signIn.submit')}
      </Button>
    </Stack>
  );
}
