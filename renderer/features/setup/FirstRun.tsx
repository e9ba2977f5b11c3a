import { Alert, Box, Button, MenuItem, Paper, Stack, TextField, Typography } from '@mui/material';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError, Branch, StaffMember, StoreApi } from '../../../shared/api/contract';
import { PROFILE_IDS, type ProfileId } from '../../../shared/domain/enums';
import type { Locale } from '../../../shared/i18n/translate';
import { envelopeOf, type Session } from '../../app/session';
import { DepartmentsEditor, StaffEditor } from '../settings/OrganizationEditors';

/**
 * First run: the first administrator (with a password) and the branch; then straight to intake.
 * Either part may already exist (an upgraded branch has its branch but no administrator yet; a
 * first run left half-way has its administrator): only what is missing is asked.
 */
export function FirstRun({
  api,
  locale,
  session: signedIn,
  branch: existingBranch,
  onDone,
}: {
  api: StoreApi;
  locale: Locale;
  session: Session | null;
  branch: Branch | null;
  onDone: (session: Session, branch: Branch) => void;
}) {
  const { t } = useTranslation();
  const [branchCode, setBranchCode] = useState('');
  const [branchName, setBranchName] = useState('');
  const [profileId, setProfileId] = useState<ProfileId>('general');
  const [phone, setPhone] = useState('');
  const [staffId, setStaffId] = useState('');
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [departments, setDepartments] = useState<string[]>([]);
  const [others, setOthers] = useState<StaffMember[]>([]);
  const [error, setError] = useState<ApiError | null>(null);
  // Kept once created: a branch refused after the administrator was made must not ask for them again.
  const [admin, setAdmin] = useState<Session | null>(signedIn);
  const issue = (path: string) => error?.issues?.find((i) => i.path === path)?.message;
  const mismatch = repeat !== '' && repeat !== password;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!admin && password !== repeat) return;
    let session = admin;
    if (!session) {
      const created = await api.call('auth.setup', { staffId: staffId.trim(), name: name.trim() || staffId.trim(), password }, { locale });
      if (!created.ok) return setError(created.error);
      session = created.value;
      setAdmin(session);
    }
    const envelope = envelopeOf(session, locale);
    if (existingBranch) return onDone(session, existingBranch);
    const r = await api.call(
      'branch.configure',
      { branch: { branchCode: branchCode.trim().toUpperCase(), branchName, profileId, phone: phone.trim() } },
      envelope,
    );
    if (!r.ok) return setError(r.error);
    // The administrator is the first member of staff; the rest can also be added later in settings.
    const you = { id: session.staffId, name: session.name, role: session.role };
    const staff = [you, ...others.filter((m) => (m.id.trim() || m.name.trim()) && m.id.trim() !== you.id)];
    const saved = await api.call('org.save', { organization: { departments, staff } }, envelope);
    if (!saved.ok) return setError(saved.error);
    onDone(session, r.value);
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
          {!existingBranch && (
            <>
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
            </>
          )}
          {!admin && (
            <>
              <Typography variant="body2">{t('setup.adminIntro')}</Typography>
              <TextField
                label={t('setup.staffId')}
                value={staffId}
                onChange={(e) => setStaffId(e.target.value)}
                required
                error={!!issue('staffId')}
                helperText={issue('staffId')}
              />
              <TextField
                label={t('setup.staffName')}
                value={name}
                onChange={(e) => setName(e.target.value)}
                error={!!issue('name')}
                helperText={issue('name')}
              />
              <TextField
                label={t('setup.password')}
                type="password"
                autoComplete="new-password"
                value={password}
                onChange={(e) => setPassword(e.target.value)}
                required
                error={!!issue('password')}
                helperText={issue('password')}
              />
              <TextField
                label={t('setup.passwordRepeat')}
                type="password"
                autoComplete="new-password"
                value={repeat}
                onChange={(e) => setRepeat(e.target.value)}
                required
                error={mismatch}
                helperText={mismatch ? t('setup.passwordMismatch') : undefined}
              />
            </>
          )}
          {!existingBranch && (
            <>
              <Typography variant="subtitle1" component="h2">
                {t('setup.departments')}
              </Typography>
              <DepartmentsEditor value={departments} onChange={setDepartments} />
              <Typography variant="subtitle1" component="h2">
                {t('setup.staff')}
              </Typography>
              <StaffEditor
                value={others}
                onChange={setOthers}
                you={
                  admin
                    ? { id: admin.staffId, name: admin.name, role: admin.role }
                    : { id: staffId.trim(), name: name.trim(), role: 'admin' }
                }
              />
            </>
          )}
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
