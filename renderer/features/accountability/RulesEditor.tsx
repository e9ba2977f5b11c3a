import { Alert, Box, Button, Stack, TextField, Typography } from '@mui/material';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../shared/api/contract';
import type { AccountabilityRules } from '../../../shared/accountability/rules';
import { isSupervisorRole } from '../../../shared/domain/enums';
import { useStore } from '../../app/store';

const FIELDS = [
  'generalComplaint',
  'majorComplaint',
  'lateHandling',
  'appealWorkingDays',
] as const satisfies readonly (keyof AccountabilityRules)[];

/** Settings: the deduction rules and the appeal window (R8.3), a supervisor's to change. */
export function RulesEditor() {
  const { t } = useTranslation();
  const { api, envelope, person } = useStore();
  const [values, setValues] = useState<Record<(typeof FIELDS)[number], string> | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    void api.call('accountability.rules', {}, envelope).then((r) => {
      if (r.ok) setValues(Object.fromEntries(FIELDS.map((f) => [f, String(r.value[f])])) as Record<(typeof FIELDS)[number], string>);
    });
  }, [api, envelope]);

  if (!isSupervisorRole(person.role) || !values) return null;
  const save = async () => {
    setSaved(false);
    setError(null);
    const rules = Object.fromEntries(
      FIELDS.map((f) => [f, values[f].trim() === '' ? Number.NaN : Number(values[f])]),
    ) as AccountabilityRules;
    const r = await api.call('accountability.saveRules', { rules }, envelope);
    if (r.ok) setSaved(true);
    else setError(r.error);
  };
  const issueOf = (field: string) => error?.issues?.find((i) => i.path === `rules.${field}`)?.message;

  return (
    <Box component="section" aria-labelledby="accountability-rules-title" sx={{ mb: 4 }}>
      <Typography id="accountability-rules-title" variant="h6" component="h2" gutterBottom>
        {t('accountability.rules.title')}
      </Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 2, maxWidth: 720 }}>
        {t('accountability.rules.intro')}
      </Typography>
      <Stack
        component="form"
        direction="row"
        spacing={2}
        sx={{ flexWrap: 'wrap', gap: 2, alignItems: 'flex-start' }}
        aria-label={t('accountability.rules.title')}
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        {FIELDS.map((f) => (
          <TextField
            key={f}
            size="small"
            type="number"
            label={t(`accountability.rule.${f}`)}
            value={values[f]}
            onChange={(e) => setValues({ ...values, [f]: e.target.value })}
            error={Boolean(issueOf(f))}
            helperText={issueOf(f)}
            slotProps={{ htmlInput: { min: f === 'appealWorkingDays' ? 1 : 0, step: 1 } }}
            sx={{ width: 240, ml: '0 !important' }}
          />
        ))}
        <Button type="submit" variant="contained">
          {t('accountability.rules.save')}
        </Button>
      </Stack>
      {error && !error.issues?.length && (
        <Alert severity="error" role="alert" sx={{ mt: 2 }}>
          {error.message}
        </Alert>
      )}
      {saved && (
        <Alert severity="success" role="status" sx={{ mt: 2 }}>
          {t('accountability.rules.saved')}
        </Alert>
      )}
    </Box>
  );
}
