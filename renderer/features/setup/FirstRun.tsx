import { Alert, Box, Button, MenuItem, Paper, Stack, TextField, Typography } from '@mui/material';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError, StoreApi } from '../../../shared/api/contract';
import { PROFILE_IDS, ROLES, type ProfileId, type Role } from '../../../shared/domain/enums';
import type { Locale } from '../../../shared/i18n/translate';
import type { Session } from '../../app/session';

/** Branch and the person at the counter; then straight to intake. */
export function FirstRun({ api, locale, onDone }: { api: StoreApi; locale: Locale; onDone: (session: Session) => void }) {
  const { t } = useTranslation();
  const [branchCode, setBranchCode] = useState('');
  const [branchName, setBranchName] = useState('');
  const [profileId, setProfileId] = useState<ProfileId>('general');
  const [staffId, setStaffId] = useState('');
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('supervisor');
  const [error, setError] = useState<ApiError | null>(null);
  const issue = (path: string) => error?.issues?.find((i) => i.path === path)?.message;

  async function submit(event: FormEvent) {
    event.preventDefault();
    const session: Session = { staffId: staffId.trim(), name: name.trim(), role };
    const r = await api.call('branch.configure', { branch: { branchCode: branchCode.trim().toUpperCase(), branchName, profileId } }, { actor: { staffId: session.staffId, role: 'admin' }, locale });
    if (!r.ok) return setError(r.error);
    onDone(session);
  }

  return (
    <Box component="main" sx={{ display: 'grid', placeItems: 'center', minHeight: '80vh' }}>
      <Paper component="form" onSubmit={submit} sx={{ p: 4, width: 480 }} aria-labelledby="setup-title">
        <Typography id="setup-title" variant="h5" component="h1" gutterBottom>{t('setup.title')}</Typography>
        <Typography variant="body2" sx={{ mb: 2 }}>{t('setup.intro')}</Typography>
        <Stack spacing={2}>
          {error && !error.issues && <Alert severity="error">{error.message}</Alert>}
          <TextField label={t('setup.branchCode')} value={branchCode} onChange={(e) => setBranchCode(e.target.value)} required autoFocus
            error={!!issue('branch.branchCode')} helperText={issue('branch.branchCode')} />
          <TextField label={t('setup.branchName')} value={branchName} onChange={(e) => setBranchName(e.target.value)} required
            error={!!issue('branch.branchName')} helperText={issue('branch.branchName')} />
          <TextField select label={t('setup.profile')} value={profileId} onChange={(e) => setProfileId(e.target.value as ProfileId)}>
            {PROFILE_IDS.map((p) => <MenuItem key={p} value={p}>{t(`profile.${p}`)}</MenuItem>)}
          </TextField>
          <TextField label={t('setup.staffId')} value={staffId} onChange={(e) => setStaffId(e.target.value)} required
            error={!!issue('actor.staffId')} helperText={issue('actor.staffId')} />
          <TextField label={t('setup.staffName')} value={name} onChange={(e) => setName(e.target.value)} />
          <TextField select label={t('setup.role')} value={role} onChange={(e) => setRole(e.target.value as Role)}>
            {ROLES.map((r) => <MenuItem key={r} value={r}>{t(`role.${r}`)}</MenuItem>)}
          </TextField>
          <Button type="submit" variant="contained" size="large">{t('setup.save')}</Button>
        </Stack>
      </Paper>
    </Box>
  );
}
