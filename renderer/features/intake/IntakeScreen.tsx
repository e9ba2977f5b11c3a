import { Alert, Box, Button, FormControlLabel, Paper, Stack, Switch, TextField, Typography } from '@mui/material';
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError, Branch, Draft } from '../../../shared/api/contract';
import type { CaseRecord } from '../../../shared/domain/case';
import { CHANNELS, SEVERITIES } from '../../../shared/domain/enums';
import { activeCategories, categoryLabel } from '../../../shared/domain/categories';
import { PROFILES } from '../../../shared/domain/profiles';
import { ID_TYPES } from '../../../shared/domain/idNumber';
import { displayPhone } from '../../../shared/domain/phone';
import { useOrganization } from '../../app/organization';
import { ChinaDateTimeField } from '../../app/pickers';
import type { CommandName } from '../../../shared/workflow/commands';
import { isAllowed } from '../../../shared/workflow/machine';
import { useStore } from '../../app/store';
import { CommandDialog } from '../case/CommandDialog';
import { PrintSavedForm } from '../print/PrintSavedForm';
import { emptyIntake, fromDraft, issuesByField, toIntake, type IntakeFields } from './intakeForm';

const AUTOSAVE_MS = 500;
/** What the clerk may do next while the customer is still at the counter (R1.4, R1.7, R3.3). */
const AT_THE_COUNTER: readonly CommandName[] = ['closeAtCounter', 'markInvalid', 'assign'];
/** Where a report, a major or an urgent complaint went on saving (R1.1, R1.5). */
const ESCALATED_MESSAGE = { report: 'saved.toSupervisor', major: 'saved.supervisorNotified', urgent: 'saved.emergency' } as const;

/** The saved panel's shortcut to the new case: Alt, so it never clashes with typing (Ctrl+Enter saves, Ctrl+P prints). */
const OPEN_CASE_KEY = 'KeyO';

/** R1: the paper form's order, Tab through everything, Ctrl+Enter saves, the draft autosaves. */
export function IntakeScreen({ branch, onOpenCase }: { branch: Branch; onOpenCase: (caseId: string) => void }) {
  const { t } = useTranslation();
  const { api, envelope, person } = useStore();
  const profile = PROFILES[branch.profileId];
  const org = useOrganization();
  const categories = activeCategories(branch.profileId, org);
  const [fields, setFields] = useState<IntakeFields>(() => emptyIntake(person.staffId, profile.categories[0]!));
  const [draftId, setDraftId] = useState<string>(() => crypto.randomUUID());
  const [offered, setOffered] = useState<Draft | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState<CaseRecord | null>(null);
  const [draftNote, setDraftNote] = useState(false);
  const [action, setAction] = useState<CommandName | null>(null);
  const [printing, setPrinting] = useState(false);
  const touched = useRef(false);
  const firstField = useRef<HTMLInputElement>(null);

  useEffect(() => {
    void api.call('drafts.list', {}, envelope).then((r) => {
      if (r.ok && r.value.length > 0) setOffered(r.value[r.value.length - 1]!);
    });
  }, [api, envelope]);

  useEffect(() => {
    if (!touched.current) return;
    const timer = setTimeout(() => {
      void api.call('drafts.save', { draftId, data: fields }, envelope).then((r) => setDraftNote(r.ok));
    }, AUTOSAVE_MS);
    return () => clearTimeout(timer);
  }, [api, envelope, draftId, fields]);

  // Someone signed in at the lock: unless the focus went back into a field being typed, they start at the form's first field.
  useEffect(() => {
    const timer = setTimeout(() => {
      if (!document.activeElement || document.activeElement === document.body) firstField.current?.focus();
    }, 0);
    return () => clearTimeout(timer);
  }, [envelope.token]);

  // The default category may have been retired, or the branch's own list arrives after the first render.
  const firstCategory = categories[0] ?? '';
  const categoryOffered = categories.includes(fields.category);
  useEffect(() => {
    if (!categoryOffered && firstCategory) setFields((f) => ({ ...f, category: firstCategory }));
  }, [categoryOffered, firstCategory]);

  const issues = useMemo(() => issuesByField(error), [error]);

  const set = <K extends keyof IntakeFields>(key: K, value: IntakeFields[K]) => {
    touched.current = true;
    setFields((f) => ({ ...f, [key]: value }));
  };

  async function save() {
    if (saving) return;
    setSaving(true);
    const r = await api.call('cases.register', { intake: toIntake(fields), draftId }, envelope);
    setSaving(false);
    if (!r.ok) return setError(r.error);
    setError(null);
    setSaved(r.value);
  }

  function startNext() {
    touched.current = false;
    setSaved(null);
    setPrinting(false);
    setDraftNote(false);
    setDraftId(crypto.randomUUID());
    setFields(emptyIntake(person.staffId, profile.categories[0]!));
    setTimeout(() => firstField.current?.focus(), 0);
  }

  function restore(draft: Draft) {
    setFields(fromDraft(emptyIntake(person.staffId, profile.categories[0]!), draft.data));
    setDraftId(draft.draftId);
    setOffered(null);
  }

  async function discard(draft: Draft) {
    await api.call('drafts.discard', { draftId: draft.draftId }, envelope);
    setOffered(null);
  }

  // Alt+O opens the case just saved, unless a dialog over the panel has the keyboard.
  const openable = saved && !action && !printing ? saved.id : null;
  useEffect(() => {
    if (!openable) return;
    const onKey = (e: globalThis.KeyboardEvent) => {
      if (e.altKey && !e.ctrlKey && !e.metaKey && e.code === OPEN_CASE_KEY) {
        e.preventDefault();
        onOpenCase(openable);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [openable, onOpenCase]);

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      void save();
    }
  };

  if (saved) {
    // Only what this person may do now: a report or an unacknowledged major case is the supervisor's (R1.1, R1.5).
    const counterActions = saved.state === 'registered' ? AT_THE_COUNTER.filter((name) => isAllowed(saved, name, person)) : [];
    return (
      <Paper component="section" sx={{ p: 4, maxWidth: 720, mx: 'auto' }} aria-labelledby="saved-title">
        <Typography id="saved-title" variant="h6" component="h2">
          {t('saved.title')}
        </Typography>
        <Typography variant="overline" component="p">
          {t('saved.caseNo')}
        </Typography>
        <Typography
          variant="h2"
          component="p"
          aria-label={t('saved.caseNo')}
          sx={{ fontFamily: 'monospace', letterSpacing: 2 }}
          data-testid="case-no"
        >
          {saved.caseNo}
        </Typography>
        <Stack direction="row" spacing={2} sx={{ mt: 3 }}>
          <Button variant="contained" onClick={startNext} autoFocus>
            {t('saved.next')}
          </Button>
          <Button variant="outlined" onClick={() => setPrinting(true)}>
            {t('saved.print')}
          </Button>
          <Button variant="outlined" onClick={() => onOpenCase(saved.id)} aria-keyshortcuts="Alt+O">
            {t('saved.open')}
          </Button>
        </Stack>
        <Typography variant="body1" sx={{ mt: 2 }} role="status">
          {t('queues.state')}: {t(`state.${saved.state}`)}
        </Typography>
        {saved.escalation && (
          <Alert severity={saved.escalation.reason === 'urgent' ? 'error' : 'warning'} sx={{ mt: 2 }}>
            {t(ESCALATED_MESSAGE[saved.escalation.reason])}
          </Alert>
        )}
        {counterActions.length > 0 && (
          <Stack direction="row" spacing={2} sx={{ mt: 2 }} role="group" aria-label={t('case.actions')}>
            {counterActions.map((name) => (
              <Button key={name} variant="outlined" onClick={() => setAction(name)}>
                {t(`command.${name}`)}
              </Button>
            ))}
          </Stack>
        )}
        {action && (
          <CommandDialog
            record={saved}
            name={action}
            onClose={(updated) => {
              setAction(null);
              if (updated) setSaved(updated);
            }}
          />
        )}
        {printing && <PrintSavedForm caseId={saved.id} branch={branch} onClose={() => setPrinting(false)} />}
      </Paper>
    );
  }

  const select = { select: { native: true }, inputLabel: { shrink: true } } as const;
  // An anonymous report records no name and no way of contact: those fields are off (R1.1).
  const anonymous = fields.isReport && fields.anonymous;
  return (
    <Paper
      component="form"
      sx={{ p: 3, maxWidth: 960, mx: 'auto' }}
      aria-labelledby="intake-title"
      onKeyDown={onKeyDown}
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <Typography id="intake-title" variant="h5" component="h1" gutterBottom>
        {t('intake.title')}
      </Typography>
      {offered && (
        <Alert
          severity="info"
          sx={{ mb: 2 }}
          action={
            <Stack direction="row" spacing={1}>
              <Button size="small" onClick={() => restore(offered)}>
                {t('intake.restore')}
              </Button>
              <Button size="small" onClick={() => void discard(offered)}>
                {t('intake.discard')}
              </Button>
            </Stack>
          }
        >
          {t('intake.draftFound')}
        </Alert>
      )}
      {error && (
        <Alert severity="error" sx={{ mb: 2 }} role="alert">
          {error.issues?.length ? t('intake.fixErrors') : error.message}
        </Alert>
      )}
      <Box sx={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(260px, 1fr))', gap: 2 }}>
        <TextField
          label={t('intake.name')}
          value={fields.name}
          onChange={(e) => set('name', e.target.value)}
          required={!anonymous}
          disabled={anonymous}
          inputRef={firstField}
          autoFocus
          error={!!issues.name}
          helperText={issues.name}
        />
        <TextField
          label={t('intake.phone')}
          value={fields.phone}
          onChange={(e) => set('phone', e.target.value)}
          // Full-width digits and symbols from a Chinese IME are shown converted once the clerk moves on.
          onBlur={(e) => {
            const shown = displayPhone(e.target.value);
            if (shown !== e.target.value) set('phone', shown);
          }}
          disabled={anonymous}
          inputMode="tel"
          error={!!issues.phone}
          helperText={issues.phone ?? (anonymous ? undefined : t('intake.contactHint'))}
        />
        <TextField
          label={t(profile.addressLabel)}
          value={fields.address}
          onChange={(e) => set('address', e.target.value)}
          disabled={anonymous}
          error={!!issues.address}
          helperText={issues.address}
        />
        <TextField
          label={t(profile.businessRefLabel)}
          value={fields.businessRef}
          onChange={(e) => set('businessRef', e.target.value)}
          error={!!issues.businessRef}
          helperText={issues.businessRef}
        />
        <TextField
          select
          slotProps={select}
          label={t('intake.category')}
          value={fields.category}
          onChange={(e) => set('category', e.target.value)}
          error={!!issues.category}
          helperText={issues.category}
        >
          {categories.map((c) => (
            <option key={c} value={c}>
              {categoryLabel(c, org, t)}
            </option>
          ))}
        </TextField>
        <TextField
          select
          slotProps={select}
          label={t('intake.severity')}
          value={fields.severity}
          onChange={(e) => set('severity', e.target.value as IntakeFields['severity'])}
        >
          {SEVERITIES.map((s) => (
            <option key={s} value={s}>
              {t(`severity.${s}`)}
            </option>
          ))}
        </TextField>
      </Box>
      <Stack spacing={2} sx={{ mt: 2 }}>
        <TextField
          label={t('intake.content')}
          value={fields.content}
          onChange={(e) => set('content', e.target.value)}
          required
          multiline
          minRows={4}
          error={!!issues.content}
          helperText={issues.content}
        />
        <TextField
          label={t('intake.expected')}
          value={fields.expectedResolution}
          onChange={(e) => set('expectedResolution', e.target.value)}
          multiline
          minRows={2}
          error={!!issues.expectedResolution}
          helperText={issues.expectedResolution}
        />
      </Stack>
      <Box sx={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(220px, 1fr))', gap: 2, mt: 2 }}>
        <TextField
          select
          slotProps={select}
          label={t('intake.channel')}
          value={fields.channel}
          onChange={(e) => set('channel', e.target.value as IntakeFields['channel'])}
        >
          {CHANNELS.map((c) => (
            <option key={c} value={c}>
              {t(`channel.${c}`)}
            </option>
          ))}
        </TextField>
        <ChinaDateTimeField
          label={t('intake.receivedAt')}
          value={fields.receivedAt}
          onChange={(v) => set('receivedAt', v)}
          error={!!issues.receivedAt}
          helperText={issues.receivedAt}
        />
        <TextField
          label={t('intake.receivedBy')}
          value={fields.receivedBy}
          onChange={(e) => set('receivedBy', e.target.value)}
          error={!!issues.receivedBy}
          helperText={issues.receivedBy}
        />
        <TextField
          select
          slotProps={select}
          label={t('intake.idType')}
          value={fields.idType}
          onChange={(e) => set('idType', e.target.value as IntakeFields['idType'])}
          disabled={anonymous}
          error={!!issues.idType}
          helperText={issues.idType}
        >
          {ID_TYPES.map((type) => (
            <option key={type} value={type}>
              {t(`idType.${type}`)}
            </option>
          ))}
        </TextField>
        <TextField
          label={t('intake.idNumber')}
          value={fields.idNumber}
          onChange={(e) => set('idNumber', e.target.value)}
          disabled={anonymous}
          error={!!issues.idNumber}
          helperText={issues.idNumber}
        />
        <TextField
          label={t('intake.email')}
          type="email"
          value={fields.email}
          onChange={(e) => set('email', e.target.value)}
          disabled={anonymous}
          error={!!issues.email}
          helperText={issues.email}
        />
      </Box>
      <FormControlLabel
        sx={{ mt: 1 }}
        control={<Switch checked={fields.isReport} onChange={(e) => set('isReport', e.target.checked)} />}
        label={t('intake.isReport')}
      />
      {fields.isReport && (
        <FormControlLabel
          sx={{ mt: 1 }}
          control={<Switch checked={fields.anonymous} onChange={(e) => set('anonymous', e.target.checked)} />}
          label={t('intake.anonymous')}
        />
      )}
      {issues.anonymous && (
        <Typography color="error" variant="body2" role="alert">
          {issues.anonymous}
        </Typography>
      )}
      <Stack direction="row" spacing={2} sx={{ mt: 2, alignItems: 'center' }}>
        <Button type="submit" variant="contained" size="large" disabled={saving}>
          {saving ? t('intake.saving') : t('intake.save')}
        </Button>
        {draftNote && (
          <Typography variant="body2" color="text.secondary" role="status">
            {t('intake.draftSaved')}
          </Typography>
        )}
      </Stack>
    </Paper>
  );
}
