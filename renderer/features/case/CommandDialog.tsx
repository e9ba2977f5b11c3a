import { Alert, Button, Dialog, DialogActions, DialogContent, DialogTitle, FormControlLabel, Stack, Switch, TextField } from '@mui/material';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../shared/api/contract';
import type { CaseRecord } from '../../../shared/domain/case';
import type { CommandName } from '../../../shared/workflow/commands';
import { useStore } from '../../app/store';
import { COMMAND_FIELDS, fieldOfIssue, initialValues, payloadOf } from './commandFields';

/** One workflow action: its fields, sent to the store, which checks every rule again. */
export function CommandDialog({ record, name, onClose }: { record: CaseRecord; name: CommandName; onClose: (updated?: CaseRecord) => void }) {
  const { t } = useTranslation();
  const { api, envelope } = useStore();
  const fields = COMMAND_FIELDS[name] ?? [];
  const [values, setValues] = useState(() => initialValues(fields, envelope.actor.staffId));
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const issueOf = (field: string) => error?.issues?.find((i) => fieldOfIssue(i.path) === field)?.message;

  async function submit() {
    setBusy(true);
    const r = await api.call('cases.command', { caseId: record.id, expectedVersion: record.version, command: { name, payload: payloadOf(name, values) } }, envelope);
    setBusy(false);
    if (!r.ok) return setError(r.error);
    onClose(r.value);
  }

  const titleId = `command-${name}-title`;
  return (
    <Dialog open onClose={() => onClose()} aria-labelledby={titleId} fullWidth maxWidth="sm">
      <DialogTitle id={titleId}>{t(`command.${name}`)}</DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ pt: 1 }}>
          {error && (!error.issues || error.issues.every((i) => !fields.some((f) => f.name === fieldOfIssue(i.path)))) && <Alert severity="error" role="alert">{error.message}</Alert>}
          {fields.map((f, i) => {
            const set = (value: string | boolean) => setValues((v) => ({ ...v, [f.name]: value }));
            if (f.kind === 'switch') {
              return <FormControlLabel key={f.name} control={<Switch checked={values[f.name] === true} onChange={(e) => set(e.target.checked)} />} label={t(f.label)} />;
            }
            return (
              <TextField key={f.name} label={t(f.label)} value={String(values[f.name] ?? '')} onChange={(e) => set(e.target.value)}
                required={f.required} autoFocus={i === 0} multiline={f.kind === 'multiline'} minRows={f.kind === 'multiline' ? 3 : undefined}
                type={f.kind === 'date' ? 'date' : f.kind === 'number' ? 'number' : 'text'}
                select={f.kind === 'select'} error={!!issueOf(f.name)} helperText={issueOf(f.name)}
                slotProps={{ select: { native: true }, inputLabel: { shrink: true } }}>
                {f.kind === 'select' ? f.options?.map((o) => <option key={o} value={o}>{t(`${f.labelPrefix}.${o}`)}</option>) : undefined}
              </TextField>
            );
          })}
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={() => onClose()}>{t('action.cancel')}</Button>
        <Button variant="contained" onClick={() => void submit()} disabled={busy}>{t(`command.${name}`)}</Button>
      </DialogActions>
    </Dialog>
  );
}
