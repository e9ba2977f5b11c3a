import { Alert, Box, Button, MenuItem, Stack, TextField, Typography } from '@mui/material';
import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { IDLE_LOCK_MINUTES, type CredentialState } from '../../../shared/api/auth';
import type { ApiError, Organization, Result } from '../../../shared/api/contract';
import { isSupervisorRole } from '../../../shared/domain/enums';
import { useLive, useStore } from '../../app/store';

function Outcome({ error, done }: { error: ApiError | null; done: string | null }) {
  if (error && !error.issues)
    return (
      <Alert severity="error" role="alert">
        {error.message}
      </Alert>
    );
  return done ? (
    <Alert severity="success" role="status">
      {done}
    </Alert>
  ) : null;
}

/** One small form of this section: submits, then shows the host's answer (a field's message beside the field). */
function useForm<T>(run: () => Promise<Result<T>>, doneText: (value: T) => string) {
  const [error, setError] = useState<ApiError | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const r = await run();
    setError(r.ok ? null : r.error);
    setDone(r.ok ? doneText(r.value) : null);
  };
  const issue = (path: string) => error?.issues?.find((i) => i.path === path)?.message;
  return { submit, issue, outcome: <Outcome error={error} done={done} />, ok: done !== null };
}

function Part({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Box sx={{ mb: 2 }}>
      <Typography variant="subtitle1" component="h3" gutterBottom>
        {title}
      </Typography>
      {children}
    </Box>
  );
}

function MyPin() {
  const { t } = useTranslation();
  const { api, envelope } = useStore();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const form = useForm(
    () => api.call('auth.changeSecret', { current, next }, envelope),
    () => (setCurrent(''), setNext(''), t('security.myPin.done')),
  );
  return (
    <Part title={t('security.myPin.title')}>
      <Stack component="form" direction="row" spacing={2} sx={{ alignItems: 'flex-start', maxWidth: 900 }} onSubmit={form.submit}>
        <TextField
          size="small"
          type="password"
          label={t('security.myPin.current')}
          value={current}
          onChange={(e) => setCurrent(e.target.value)}
          error={!!form.issue('current')}
          helperText={form.issue('current')}
          autoComplete="current-password"
        />
        <TextField
          size="small"
          type="password"
          label={t('security.myPin.next')}
          value={next}
          onChange={(e) => setNext(e.target.value)}
          error={!!form.issue('next')}
          helperText={form.issue('next')}
          autoComplete="new-password"
        />
        <Button type="submit" variant="outlined">
          {t('security.myPin.submit')}
        </Button>
      </Stack>
      {form.outcome}
    </Part>
  );
}

function IdleMinutes() {
  const { t } = useTranslation();
  const { api, envelope } = useStore();
  const settings = useLive('auth.settings', {});
  const [minutes, setMinutes] = useState<string | null>(null);
  const shown = minutes ?? String(settings?.ok ? settings.value.idleLockMinutes : IDLE_LOCK_MINUTES.default);
  const form = useForm(
    () => api.call('auth.saveSettings', { idleLockMinutes: Number(shown) }, envelope),
    () => t('security.saved'),
  );
  return (
    <Stack component="form" direction="row" spacing={2} sx={{ alignItems: 'flex-start', mb: 2 }} onSubmit={form.submit}>
      <TextField
        size="small"
        type="number"
        sx={{ minWidth: 280 }}
        label={t('security.idleMinutes')}
        value={shown}
        onChange={(e) => setMinutes(e.target.value)}
        slotProps={{ htmlInput: { min: IDLE_LOCK_MINUTES.min, max: IDLE_LOCK_MINUTES.max } }}
        error={!!form.issue('idleLockMinutes')}
        helperText={form.issue('idleLockMinutes')}
      />
      <Button type="submit" variant="outlined">
        {t('security.save')}
      </Button>
      {form.outcome}
    </Stack>
  );
}

function StaffPins({ org }: { org: Organization }) {
  const { t, i18n } = useTranslation();
  const { api, envelope, person } = useStore();
  const [states, setStates] = useState<CredentialState[]>([]);
  const [staffId, setStaffId] = useState('');
  const [pin, setPin] = useState('');
  const [round, setRound] = useState(0);
  useEffect(() => {
    void api.call('auth.credentials', {}, envelope).then((r) => r.ok && setStates(r.value));
  }, [api, envelope, round]);
  const others = org.staff.filter((m) => m.id !== person.staffId && (m.role !== 'admin' || person.role === 'admin'));
  const form = useForm(
    () => api.call('auth.setSecret', { staffId, secret: pin }, envelope),
    () => {
      setPin('');
      setRound((n) => n + 1);
      return t('security.setPin.done', { name: org.staff.find((m) => m.id === staffId)?.name ?? staffId });
    },
  );
  const stateOf = (id: string) => {
    const state = states.find((s) => s.staffId === id);
    if (!state) return t('security.noPin');
    if (state.lockedUntil) return t('security.lockedUntil', { time: new Date(state.lockedUntil).toLocaleTimeString(i18n.language) });
    return t('security.hasPin');
  };
  return (
    <Part title={t('security.setPin.title')}>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 1, maxWidth: 720 }}>
        {t('security.setPin.note')}
      </Typography>
      <Stack component="form" direction="row" spacing={2} sx={{ alignItems: 'flex-start', maxWidth: 900 }} onSubmit={form.submit}>
        <TextField
          select
          size="small"
          sx={{ minWidth: 260 }}
          label={t('security.setPin.staff')}
          value={staffId}
          onChange={(e) => setStaffId(e.target.value)}
        >
          {others.map((m) => (
            <MenuItem key={m.id} value={m.id}>
              {`${m.name} (${m.id}) · ${stateOf(m.id)}`}
            </MenuItem>
          ))}
        </TextField>
        <TextField
          size="small"
          type="password"
          label={t('security.setPin.pin')}
          value={pin}
          onChange={(e) => setPin(e.target.value)}
          error={!!form.issue('secret')}
          helperText={form.issue('secret')}
          autoComplete="new-password"
        />
        <Button type="submit" variant="outlined" disabled={!staffId}>
          {t('security.setPin.submit')}
        </Button>
      </Stack>
      {form.outcome}
    </Part>
  );
}

/** Sign-in and locking: one's own PIN; for supervisors the idle lock and the staff's PINs. */
export function SignInSection({ org }: { org: Organization }) {
  const { t } = useTranslation();
  const { person } = useStore();
  return (
    <Box component="section" aria-labelledby="security-title" sx={{ mb: 4 }}>
      <Typography id="security-title" variant="h6" component="h2" gutterBottom>
        {t('security.title')}
      </Typography>
      {isSupervisorRole(person.role) && <IdleMinutes />}
      {isSupervisorRole(person.role) && <StaffPins org={org} />}
      <MyPin />
    </Box>
  );
}
