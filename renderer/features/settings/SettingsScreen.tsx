import {
  Alert,
  Box,
  Button,
  Chip,
  FormControlLabel,
  IconButton,
  Paper,
  Stack,
  Switch,
  Table,
  TableBody,
  TableCell,
  TableRow,
  TextField,
  Typography,
} from '@mui/material';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError, Branch, CalendarYearSource, DeadlineSettings, Organization, StaffMember } from '../../../shared/api/contract';
import { allCategories, categoryLabel, nextCustomCategoryId } from '../../../shared/domain/categories';
import type { CalendarOverride, DeadlinePolicy } from '../../../shared/deadlines';
import { CLOCK_UNITS } from '../../../shared/deadlines';
import { PROFILE_IDS, type ProfileId } from '../../../shared/domain/enums';
import { LanguageSelect } from '../../app/LanguageSelect';
import { useLive, useStore } from '../../app/store';
import { desktopBridge } from '../../bridge/desktop';
import { DepartmentsEditor, StaffEditor } from './OrganizationEditors';
import { CalendarSources } from './CalendarSources';
import { PolicySource } from './PolicySource';
import { ExportSection } from './ExportSection';
import { RulesEditor } from '../accountability/RulesEditor';
import { ReportsSection } from '../reports/ReportsSection';
import { HeadOfficeSection } from './HeadOfficeSection';
import { PrinterSection } from './PrinterSection';
import { SignInSection } from './SignInSection';
import { ChinaDateField } from '../../app/pickers';

function Outcome({ error, saved }: { error: ApiError | null; saved: boolean }) {
  const { t } = useTranslation();
  if (error)
    return (
      <Alert severity="error" role="alert">
        {error.issues?.[0]?.message ?? error.message}
      </Alert>
    );
  return saved ? (
    <Alert severity="success" role="status">
      {t('settings.saved')}
    </Alert>
  ) : null;
}

function useSave() {
  const [error, setError] = useState<ApiError | null>(null);
  const [saved, setSaved] = useState(false);
  return {
    error,
    saved,
    done: (r: { ok: true; value?: unknown } | { ok: false; error: ApiError }) => {
      setError(r.ok ? null : r.error);
      setSaved(r.ok);
    },
  };
}

function BranchSection({ branch, onBranchChange }: { branch: Branch; onBranchChange: (b: Branch) => void }) {
  const { t } = useTranslation();
  const { api, envelope } = useStore();
  const [branchName, setBranchName] = useState(branch.branchName);
  const [profileId, setProfileId] = useState<ProfileId>(branch.profileId);
  const [phone, setPhone] = useState(branch.phone ?? '');
  const outcome = useSave();
  const phoneIssue = outcome.error?.issues?.find((i) => i.path === 'branch.phone')?.message;
  const save = async () => {
    const r = await api.call('branch.configure', { branch: { ...branch, branchName, profileId, phone } }, envelope);
    outcome.done(r);
    if (r.ok) onBranchChange(r.value);
  };
  return (
    <Box component="section" aria-labelledby="branch-title" sx={{ mb: 4 }}>
      <Typography id="branch-title" variant="h6" component="h2" gutterBottom>
        {t('settings.branch')}
      </Typography>
      <Stack direction="row" spacing={2} sx={{ flexWrap: 'wrap', rowGap: 2, alignItems: 'center' }}>
        <TextField
          size="small"
          label={t('setup.branchCode')}
          value={branch.branchCode}
          helperText={t('settings.branchCodeFixed')}
          slotProps={{ htmlInput: { readOnly: true } }}
        />
        <TextField size="small" label={t('setup.branchName')} value={branchName} onChange={(e) => setBranchName(e.target.value)} />
        <TextField
          size="small"
          label={t('setup.branchPhone')}
          value={phone}
          onChange={(e) => setPhone(e.target.value)}
          inputMode="tel"
          error={!!phoneIssue}
          helperText={phoneIssue ?? t('settings.branchPhoneNote')}
        />
        <TextField
          size="small"
          select
          label={t('setup.profile')}
          value={profileId}
          onChange={(e) => setProfileId(e.target.value as ProfileId)}
          slotProps={{ select: { native: true } }}
          helperText={t('settings.profileNote')}
        >
          {PROFILE_IDS.map((p) => (
            <option key={p} value={p}>
              {t(`profile.${p}`)}
            </option>
          ))}
        </TextField>
        <Button variant="contained" onClick={() => void save()}>
          {t('settings.saveBranch')}
        </Button>
      </Stack>
      <Box sx={{ mt: 2 }}>
        <Outcome error={outcome.error} saved={outcome.saved} />
      </Box>
    </Box>
  );
}

function OrganizationSection({ org }: { org: Organization }) {
  const { t } = useTranslation();
  const { api, envelope } = useStore();
  const [departments, setDepartments] = useState(org.departments);
  const [staff, setStaff] = useState<StaffMember[]>(org.staff);
  const outcome = useSave();
  return (
    <Box component="section" aria-labelledby="org-title" sx={{ mb: 4 }}>
      <Typography id="org-title" variant="h6" component="h2" gutterBottom>
        {t('settings.organization')}
      </Typography>
      <DepartmentsEditor value={departments} onChange={setDepartments} />
      <StaffEditor value={staff} onChange={setStaff} />
      <Stack direction="row" spacing={2} sx={{ my: 2 }}>
        <Button
          variant="contained"
          onClick={() => void api.call('org.save', { organization: { ...org, departments, staff } }, envelope).then(outcome.done)}
        >
          {t('settings.saveOrganization')}
        </Button>
      </Stack>
      <Outcome error={outcome.error} saved={outcome.saved} />
    </Box>
  );
}

/** The profile's categories (each may be retired) and the branch's own, which it names itself. */
function CategoriesSection({ org, profileId }: { org: Organization; profileId: ProfileId }) {
  const { t } = useTranslation();
  const { api, envelope } = useStore();
  const [custom, setCustom] = useState(org.customCategories);
  const [retired, setRetired] = useState(org.retiredCategories);
  const [name, setName] = useState('');
  const outcome = useSave();
  const settings = { customCategories: custom, retiredCategories: retired };
  const add = () => {
    if (name.trim())
      setCustom((all) => [...all, { id: nextCustomCategoryId({ customCategories: all, retiredCategories: retired }), label: name.trim() }]);
    setName('');
  };
  const toggle = (id: string) => setRetired((all) => (all.includes(id) ? all.filter((x) => x !== id) : [...all, id]));
  return (
    <Box component="section" aria-labelledby="categories-title" sx={{ mb: 4 }}>
      <Typography id="categories-title" variant="h6" component="h2" gutterBottom>
        {t('settings.categories')}
      </Typography>
      <Stack spacing={0.5} role="list" aria-label={t('settings.categories')} sx={{ mb: 2 }}>
        {allCategories(profileId, settings).map((id) => {
          const label = categoryLabel(id, settings, t);
          const isRetired = retired.includes(id);
          return (
            <Stack role="listitem" key={id} direction="row" spacing={2} sx={{ alignItems: 'center' }}>
              <Typography sx={{ minWidth: 200, color: isRetired ? 'text.disabled' : 'text.primary' }}>{label}</Typography>
              {isRetired && <Chip size="small" label={t('settings.retired')} />}
              <Button
                size="small"
                onClick={() => toggle(id)}
                aria-label={`${t(isRetired ? 'settings.reinstate' : 'settings.retire')} ${label}`}
              >
                {t(isRetired ? 'settings.reinstate' : 'settings.retire')}
              </Button>
            </Stack>
          );
        })}
      </Stack>
      <Stack direction="row" spacing={1} sx={{ mb: 2 }}>
        <TextField
          size="small"
          label={t('settings.newCategory')}
          value={name}
          onChange={(e) => setName(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              add();
            }
          }}
        />
        <Button onClick={add}>{t('settings.addCategory')}</Button>
      </Stack>
      <Button
        variant="contained"
        onClick={() => void api.call('org.save', { organization: { ...org, ...settings } }, envelope).then(outcome.done)}
      >
        {t('settings.saveCategories')}
      </Button>
      <Box sx={{ mt: 2 }}>
        <Outcome error={outcome.error} saved={outcome.saved} />
      </Box>
    </Box>
  );
}

function DeadlineSection({
  settings,
  overrides,
  uncovered,
  years,
}: {
  settings: Pick<DeadlineSettings, 'policy' | 'policySource' | 'policyPublishedAt'>;
  overrides: CalendarOverride[];
  uncovered: number[];
  years: CalendarYearSource[];
}) {
  const { policy } = settings;
  const { t } = useTranslation();
  const { api, envelope } = useStore();
  const [clocks, setClocks] = useState(policy.clocks);
  // A policy that changes from outside (received from head office, or the way back to it) shows its clocks afresh.
  const policyText = JSON.stringify(policy.clocks);
  const [shownPolicy, setShownPolicy] = useState(policyText);
  if (shownPolicy !== policyText) {
    setShownPolicy(policyText);
    setClocks(policy.clocks);
  }
  const [days, setDays] = useState(overrides);
  const [day, setDay] = useState<CalendarOverride>({ date: '', workday: false, name: '' });
  const outcome = useSave();
  const policyEdited = JSON.stringify(clocks) !== policyText;
  const setClock = (i: number, patch: Partial<DeadlinePolicy['clocks'][number]>) =>
    setClocks((c) => c.map((k, n) => (n === i ? { ...k, ...patch } : k)));
  return (
    <Box component="section" aria-labelledby="deadlines-title">
      <Typography id="deadlines-title" variant="h6" component="h2" gutterBottom>
        {t('case.deadlines')}
      </Typography>
      {uncovered.map((year) => (
        <Alert key={year} severity="warning" sx={{ mb: 2 }}>
          {t('deadline.calendar.unknownYear', { year })}
        </Alert>
      ))}
      <PolicySource settings={settings} />
      <Table size="small" aria-label={t('case.deadlines')} aria-describedby="policy-source">
        <TableBody>
          {clocks.map((k, i) => (
            <TableRow key={k.id}>
              <TableCell>{t(k.labelKey)}</TableCell>
              <TableCell>
                <TextField
                  size="small"
                  type="number"
                  value={k.amount}
                  onChange={(e) => setClock(i, { amount: Number(e.target.value) })}
                  slotProps={{ htmlInput: { 'aria-label': `${t(k.labelKey)} ${t('settings.amount')}`, min: 1, max: 60 } }}
                />
              </TableCell>
              <TableCell>
                <TextField
                  size="small"
                  select
                  value={k.unit}
                  onChange={(e) => setClock(i, { unit: e.target.value as typeof k.unit })}
                  slotProps={{ select: { native: true }, htmlInput: { 'aria-label': `${t(k.labelKey)} ${t('settings.unit')}` } }}
                >
                  {CLOCK_UNITS.map((u) => (
                    <option key={u} value={u}>
                      {t(`settings.unit.${u}`)}
                    </option>
                  ))}
                </TextField>
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <CalendarSources years={years} />
      <Typography variant="subtitle1" component="h3" sx={{ mt: 3 }}>
        {t('settings.calendar')}
      </Typography>
      <Stack spacing={1} sx={{ my: 1 }} role="list" aria-label={t('settings.calendar')}>
        {days.map((d) => (
          <Stack role="listitem" key={d.date} direction="row" spacing={2} sx={{ alignItems: 'center' }}>
            <Typography sx={{ fontFamily: 'monospace' }}>{d.date}</Typography>
            <Typography>{d.workday ? t('settings.workday') : t('settings.holiday')}</Typography>
            <Typography color="text.secondary">{d.name}</Typography>
            <IconButton
              aria-label={`${t('settings.remove')} ${d.date}`}
              onClick={() => setDays((all) => all.filter((x) => x.date !== d.date))}
            >
              ×
            </IconButton>
          </Stack>
        ))}
      </Stack>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center', mb: 2 }}>
        <ChinaDateField
          size="small"
          label={t('settings.date')}
          value={day.date}
          onChange={(date) => setDay({ ...day, date })}
          width={190}
        />
        <FormControlLabel
          control={<Switch checked={day.workday} onChange={(e) => setDay({ ...day, workday: e.target.checked })} />}
          label={t('settings.workday')}
        />
        <TextField size="small" label={t('settings.dayName')} value={day.name} onChange={(e) => setDay({ ...day, name: e.target.value })} />
        <Button
          onClick={() => {
            if (day.date) setDays((all) => [...all.filter((x) => x.date !== day.date), day].sort((a, b) => a.date.localeCompare(b.date)));
            setDay({ date: '', workday: false, name: '' });
          }}
        >
          {t('settings.add')}
        </Button>
      </Stack>
      <Button
        variant="contained"
        onClick={() =>
          void api
            .call(
              'deadlines.save',
              {
                // Unchanged clocks stay head office's (or the bundled ones): saving calendar days makes no local policy.
                ...(policyEdited ? { policy: { ...policy, clocks } } : {}),
                calendarOverrides: days.map((d) => (d.name ? d : { date: d.date, workday: d.workday })),
              },
              envelope,
            )
            .then(outcome.done)
        }
      >
        {t('settings.saveDeadlines')}
      </Button>
      <Box sx={{ mt: 2 }}>
        <Outcome error={outcome.error} saved={outcome.saved} />
      </Box>
    </Box>
  );
}

/** Branch settings: branch and profile, language, departments and staff, categories, the deadline clocks and calendar days (e.g. 2027's holidays). */
export function SettingsScreen({ branch, onBranchChange }: { branch: Branch; onBranchChange: (b: Branch) => void }) {
  const { t } = useTranslation();
  const org = useLive('org.get', {});
  const deadlines = useLive('deadlines.get', {});
  const bridge = desktopBridge();
  return (
    <Paper component="section" sx={{ p: 3 }} aria-labelledby="settings-title">
      <Typography id="settings-title" variant="h5" component="h1" gutterBottom>
        {t('nav.settings')}
      </Typography>
      <BranchSection branch={branch} onBranchChange={onBranchChange} />
      <Box component="section" aria-labelledby="language-title" sx={{ mb: 4 }}>
        <Typography id="language-title" variant="h6" component="h2" gutterBottom>
          {t('app.language')}
        </Typography>
        <LanguageSelect label={t('settings.language')} sx={{ width: 320 }} />
      </Box>
      <HeadOfficeSection />
      <ExportSection />
      <RulesEditor />
      <ReportsSection />
      {bridge && <PrinterSection bridge={bridge} />}
      {org?.ok && deadlines?.ok && (
        <>
          <OrganizationSection org={org.value} />
          <SignInSection org={org.value} />
          <CategoriesSection key={branch.profileId} org={org.value} profileId={branch.profileId} />
          <DeadlineSection
            settings={deadlines.value}
            overrides={deadlines.value.calendarOverrides}
            uncovered={deadlines.value.uncoveredYears}
            years={deadlines.value.calendarYears}
          />
        </>
      )}
    </Paper>
  );
}
