import { Alert, Box, Button, Chip, FormControlLabel, IconButton, Paper, Stack, Switch, Table, TableBody, TableCell, TableHead, TableRow, TextField, Typography } from '@mui/material';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError, Organization, StaffMember } from '../../../shared/api/contract';
import type { CalendarOverride, DeadlinePolicy } from '../../../shared/deadlines';
import { CLOCK_UNITS } from '../../../shared/deadlines';
import { ROLES } from '../../../shared/domain/enums';
import { useLive, useStore } from '../../app/store';

function Outcome({ error, saved }: { error: ApiError | null; saved: boolean }) {
  const { t } = useTranslation();
  if (error) return <Alert severity="error" role="alert">{error.issues?.[0]?.message ?? error.message}</Alert>;
  return saved ? <Alert severity="success" role="status">{t('settings.saved')}</Alert> : null;
}

function useSave() {
  const [error, setError] = useState<ApiError | null>(null);
  const [saved, setSaved] = useState(false);
  return {
    error,
    saved,
    done: (r: { ok: true } | { ok: false; error: ApiError }) => {
      setError(r.ok ? null : r.error);
      setSaved(r.ok);
    },
  };
}

function OrganizationSection({ org }: { org: Organization }) {
  const { t } = useTranslation();
  const { api, envelope } = useStore();
  const [departments, setDepartments] = useState(org.departments);
  const [staff, setStaff] = useState<StaffMember[]>(org.staff);
  const [newDepartment, setNewDepartment] = useState('');
  const outcome = useSave();
  const setMember = (i: number, patch: Partial<StaffMember>) => setStaff((s) => s.map((m, k) => (k === i ? { ...m, ...patch } : m)));
  const addDepartment = () => {
    if (newDepartment.trim()) setDepartments((d) => [...d, newDepartment.trim()]);
    setNewDepartment('');
  };
  return (
    <Box component="section" aria-labelledby="org-title" sx={{ mb: 4 }}>
      <Typography id="org-title" variant="h6" component="h2" gutterBottom>{t('settings.organization')}</Typography>
      <Stack direction="row" spacing={1} sx={{ flexWrap: 'wrap', gap: 1, mb: 2 }} aria-label={t('settings.departments')} role="list">
        {departments.map((d) => <Chip role="listitem" key={d} label={d} onDelete={() => setDepartments((all) => all.filter((x) => x !== d))} />)}
      </Stack>
      <Stack direction="row" spacing={1} sx={{ mb: 2 }}>
        <TextField size="small" label={t('settings.newDepartment')} value={newDepartment} onChange={(e) => setNewDepartment(e.target.value)}
          onKeyDown={(e) => { if (e.key === 'Enter') { e.preventDefault(); addDepartment(); } }} />
        <Button onClick={addDepartment}>{t('settings.add')}</Button>
      </Stack>
      <Table size="small" aria-label={t('settings.staff')}>
        <TableHead>
          <TableRow><TableCell>{t('settings.staffId')}</TableCell><TableCell>{t('settings.staffName')}</TableCell><TableCell>{t('settings.role')}</TableCell><TableCell /></TableRow>
        </TableHead>
        <TableBody>
          {staff.map((m, i) => (
            <TableRow key={i}>
              <TableCell><TextField size="small" value={m.id} onChange={(e) => setMember(i, { id: e.target.value })} slotProps={{ htmlInput: { 'aria-label': `${t('settings.staffId')} ${i + 1}` } }} /></TableCell>
              <TableCell><TextField size="small" value={m.name} onChange={(e) => setMember(i, { name: e.target.value })} slotProps={{ htmlInput: { 'aria-label': `${t('settings.staffName')} ${i + 1}` } }} /></TableCell>
              <TableCell>
                <TextField size="small" select value={m.role} onChange={(e) => setMember(i, { role: e.target.value as StaffMember['role'] })}
                  slotProps={{ select: { native: true }, htmlInput: { 'aria-label': `${t('settings.role')} ${i + 1}` } }}>
                  {ROLES.map((r) => <option key={r} value={r}>{t(`role.${r}`)}</option>)}
                </TextField>
              </TableCell>
              <TableCell><IconButton aria-label={`${t('settings.remove')} ${m.id || i + 1}`} onClick={() => setStaff((s) => s.filter((_, k) => k !== i))}>×</IconButton></TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <Stack direction="row" spacing={2} sx={{ my: 2 }}>
        <Button onClick={() => setStaff((s) => [...s, { id: '', name: '', role: 'handler' }])}>{t('settings.addStaff')}</Button>
        <Button variant="contained" onClick={() => void api.call('org.save', { organization: { departments, staff } }, envelope).then(outcome.done)}>{t('settings.saveOrganization')}</Button>
      </Stack>
      <Outcome error={outcome.error} saved={outcome.saved} />
    </Box>
  );
}

function DeadlineSection({ policy, overrides, uncovered }: { policy: DeadlinePolicy; overrides: CalendarOverride[]; uncovered: number[] }) {
  const { t } = useTranslation();
  const { api, envelope } = useStore();
  const [clocks, setClocks] = useState(policy.clocks);
  const [days, setDays] = useState(overrides);
  const [day, setDay] = useState<CalendarOverride>({ date: '', workday: false, name: '' });
  const outcome = useSave();
  const setClock = (i: number, patch: Partial<DeadlinePolicy['clocks'][number]>) => setClocks((c) => c.map((k, n) => (n === i ? { ...k, ...patch } : k)));
  return (
    <Box component="section" aria-labelledby="deadlines-title">
      <Typography id="deadlines-title" variant="h6" component="h2" gutterBottom>{t('case.deadlines')}</Typography>
      {uncovered.map((year) => <Alert key={year} severity="warning" sx={{ mb: 2 }}>{t('deadline.calendar.unknownYear', { year })}</Alert>)}
      <Table size="small" aria-label={t('case.deadlines')}>
        <TableBody>
          {clocks.map((k, i) => (
            <TableRow key={k.id}>
              <TableCell>{t(k.labelKey)}</TableCell>
              <TableCell><TextField size="small" type="number" value={k.amount} onChange={(e) => setClock(i, { amount: Number(e.target.value) })} slotProps={{ htmlInput: { 'aria-label': `${t(k.labelKey)} ${t('settings.amount')}`, min: 1, max: 60 } }} /></TableCell>
              <TableCell>
                <TextField size="small" select value={k.unit} onChange={(e) => setClock(i, { unit: e.target.value as typeof k.unit })}
                  slotProps={{ select: { native: true }, htmlInput: { 'aria-label': `${t(k.labelKey)} ${t('settings.unit')}` } }}>
                  {CLOCK_UNITS.map((u) => <option key={u} value={u}>{t(`settings.unit.${u}`)}</option>)}
                </TextField>
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <Typography variant="subtitle1" component="h3" sx={{ mt: 3 }}>{t('settings.calendar')}</Typography>
      <Stack spacing={1} sx={{ my: 1 }} role="list" aria-label={t('settings.calendar')}>
        {days.map((d) => (
          <Stack role="listitem" key={d.date} direction="row" spacing={2} sx={{ alignItems: 'center' }}>
            <Typography sx={{ fontFamily: 'monospace' }}>{d.date}</Typography>
            <Typography>{d.workday ? t('settings.workday') : t('settings.holiday')}</Typography>
            <Typography color="text.secondary">{d.name}</Typography>
            <IconButton aria-label={`${t('settings.remove')} ${d.date}`} onClick={() => setDays((all) => all.filter((x) => x.date !== d.date))}>×</IconButton>
          </Stack>
        ))}
      </Stack>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center', mb: 2 }}>
        <TextField size="small" type="date" label={t('settings.date')} value={day.date} onChange={(e) => setDay({ ...day, date: e.target.value })} slotProps={{ inputLabel: { shrink: true } }} />
        <FormControlLabel control={<Switch checked={day.workday} onChange={(e) => setDay({ ...day, workday: e.target.checked })} />} label={t('settings.workday')} />
        <TextField size="small" label={t('settings.dayName')} value={day.name} onChange={(e) => setDay({ ...day, name: e.target.value })} />
        <Button onClick={() => { if (day.date) setDays((all) => [...all.filter((x) => x.date !== day.date), day].sort((a, b) => a.date.localeCompare(b.date))); setDay({ date: '', workday: false, name: '' }); }}>{t('settings.add')}</Button>
      </Stack>
      <Button variant="contained" onClick={() => void api.call('deadlines.save', { policy: { ...policy, clocks }, calendarOverrides: days.map((d) => (d.name ? d : { date: d.date, workday: d.workday })) }, envelope).then(outcome.done)}>
        {t('settings.saveDeadlines')}
      </Button>
      <Box sx={{ mt: 2 }}><Outcome error={outcome.error} saved={outcome.saved} /></Box>
    </Box>
  );
}

/** Branch settings: departments and staff, the deadline clocks, and calendar days (e.g. 2027's holidays). */
export function SettingsScreen() {
  const { t } = useTranslation();
  const org = useLive('org.get', {});
  const deadlines = useLive('deadlines.get', {});
  return (
    <Paper component="section" sx={{ p: 3 }} aria-labelledby="settings-title">
      <Typography id="settings-title" variant="h5" component="h1" gutterBottom>{t('nav.settings')}</Typography>
      {org?.ok && deadlines?.ok && (
        <>
          <OrganizationSection org={org.value} />
          <DeadlineSection policy={deadlines.value.policy} overrides={deadlines.value.calendarOverrides} uncovered={deadlines.value.uncoveredYears} />
        </>
      )}
    </Paper>
  );
}
