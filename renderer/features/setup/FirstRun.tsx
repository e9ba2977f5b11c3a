import { Alert, Box, Button, MenuItem, Paper, Stack, TextField, Typography } from '@mui/material';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError, StaffMember, StoreApi } from '../../../shared/api/contract';
import { PROFILE_IDS, ROLES, type ProfileId, type Role } from '../../../shared/domain/enums';
import type { Locale } from '../../../shared/i18n/translate';
import type { Session } from '../../app/session';
import { DepartmentsEditor, StaffEditor } from '../settings/OrganizationEditors';

/** Branch and the person at the counter; then straight to intake. */
export function FirstRun({ api, locale, onDone }: { api: StoreApi; locale: Locale; onDone: (session: Session) => void }) {
  const { t } = useTranslation();
  const [branchCode, setBranchCode] = useState('');
  const [branchName, setBranchName] = useState('');
  const [profileId, setProfileId] = useState<ProfileId>('general');
  const [phone, setPhone] = useState('');
  const [staffId, setStaffId] = useState('');
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('supervisor');
  const [departments, setDepartments] = useState<string[]>([]);
  const [others, setOthers] = useState<StaffMember[]>([]);
  const [error, setError] = useState<ApiError | null>(null);
  const issue = (path: string) => error?.issues?.find((i) => i.path === path)?.message;

  async function submit(event: FormEvent) {
    event.preventDefault();
    const session: Session = { staffId: staffId.trim(), name: name.trim() || staffId.trim(), role };
    const envelope = { actor: { staffId: session.staffId, role: 'admin' as const }, locale };
    const r = await api.call(
      'branch.configure',
      { branch: { branchCode: branchCode.trim().toUpperCase(), branchName, profileId, phone: phone.trim() } },
      envelope,
    );
    if (!r.ok) return setError(r.error);
    // The person at the counter is the first member of staff; the rest can also be added later in settings.
    const staff = [{ id: session.staffId, name: session.name, role }, ...others.filter((m) => m.id.trim() || m.name.trim())];
    const saved = await api.call('org.save', { organization: { departments, staff } }, envelope);
    if (!saved.ok) return setError(saved.error);
    onDone(session);
  }

  return (
    <Box component="main" sx={{ display: 'grid', placeItems: 'center', minHeight: '80vh' }}>
      <Paper component="form" onSubmit={submit} sx={{ p: 4, width: 640 }} aria-labelledby="setup-title">
        <Typography id="setup-title" variant="h5" component="h1" gutterBottom>
          {t('setup.title')}
        </Typography>
        <Typography variant="body2" sx={{ mb: 2 }}>
          {t('setup.intro')}
        </Typography>
        <Stack spacing={2}>
          {error && !error.issues && <Alert severity="error">{error.message}</Alert>}
          <TextField
            label={t('setup.branchCode')}
            value={branchCode}
            onChange={(e) => setBranchCode(e.target.value)}
            required
            autoFocus
            error={!!issue('branch.branchCode')}
            helperText={issue('branch.branchCode')}
          />
          <TextField
            label={t('setup.branchName')}
            value={branchName}
            onChange={(e) => setBranchName(e.target.value)}
            required
            error={!!issue('branch.branchName')}
            helperText={issue('branch.branchName')}
          />
          <TextField
            label={t('setup.branchPhone')}
            value={phone}
            onChange={(e) => setPhone(e.target.value)}
            inputMode="tel"
            error={!!issue('branch.phone')}
            helperText={issue('branch.phone') ?? t('settings.branchPhoneNote')}
          />
          <TextField select label={t('setup.profile')} value={profileId} onChange={(e) => setProfileId(e.target.value as ProfileId)}>
            {PROFILE_IDS.map((p) => (
              <MenuItem key={p} value={p}>
                {t(`profile.${p}`)}
              </MenuItem>
            ))}
          </TextField>
          <TextField
            label={t('setup.staffId')}
            value={staffId}
            onChange={(e) => setStaffId(e.target.value)}
            required
            error={!!issue('actor.staffId')}
            helperText={issue('actor.staffId')}
          />
          <TextField label={t('setup.staffName')} value={name} onChange={(e) => setName(e.target.value)} />
          <TextField select label={t('setup.role')} value={role} onChange={(e) => setRole(e.target.value as Role)}>
            {ROLES.map((r) => (
              <MenuItem key={r} value={r}>
                {t(`role.${r}`)}
              </MenuItem>
            ))}
          </TextField>
          <Typography variant="subtitle1" component="h2">
            {t('setup.departments')}
          </Typography>
          <DepartmentsEditor value={departments} onChange={setDepartments} />
          <Typography variant="subtitle1" component="h2">
            {t('setup.staff')}
          </Typography>
          <StaffEditor value={others} onChange={setOthers} you={{ id: staffId.trim(), name: name.trim(), role }} />
          {error?.issues?.some((i) => i.path.startsWith('organization.')) && (
            <Alert severity="error" role="alert">
              {error.issues.find((i) => i.path.startsWith('organization.'))!.message}
            </Alert>
          )}
          <Button type="submit" variant="contained" size="large">
            {t('setup.save')}
          </Button>
        </Stack>
      </Paper>
    </Box>
  );
}
