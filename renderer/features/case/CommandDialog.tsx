import {
  Alert,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  FormControlLabel,
  Stack,
  Switch,
  TextField,
} from '@mui/material';
import { Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../shared/api/contract';
import type { CaseRecord } from '../../../shared/domain/case';
import type { CommandName } from '../../../shared/workflow/commands';
import { activeCategories, categoryLabel } from '../../../shared/domain/categories';
import { useOrganization } from '../../app/organization';
import { ChinaDateField } from '../../app/pickers';
import { useStore } from '../../app/store';
import { COMMAND_FIELDS, fieldOfIssue, initialValues, labelOf, payloadOf } from './commandFields';

/** One workflow action: its fields, sent to the store, which checks every rule again. */
export function CommandDialog({
  record,
  name,
  onClose,
}: {
  record: CaseRecord;
  name: CommandName;
  onClose: (updated?: CaseRecord) => void;
}) {
  const { t } = useTranslation();
  const { api, envelope, person } = useStore();
  const fields = COMMAND_FIELDS[name] ?? [];
  const formContext = { record, staffId: person.staffId };
  const [values, setValues] = useState(() => initialValues(name, formContext));
  const org = useOrganization();
  const categories = activeCategories(record.profileId, org);
  if (!categories.includes(record.category)) categories.unshift(record.category);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const issueOf = (field: string) => error?.issues?.find((i) => fieldOfIssue(name, i.path) === field)?.message;

  async function submit() {
    setBusy(true);
    const r = await api.call(
      'cases.command',
      { caseId: record.id, expectedVersion: record.version, command: { name, payload: payloadOf(name, values, formContext) } },
      envelope,
    );
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
          {error && (!error.issues || error.issues.every((i) => fieldOfIssue(name, i.path) === undefined)) && (
            <Alert severity="error" role="alert">
              {error.message}
            </Alert>
          )}
          {fields.map((f, i) => {
            const set = (value: string | boolean) => setValues((v) => ({ ...v, [f.name]: value }));
            if (f.kind === 'switch') {
              return (
                <FormControlLabel
                  key={f.name}
                  control={<Switch checked={values[f.name] === true} onChange={(e) => set(e.target.checked)} />}
                  label={t(labelOf(f, record.profileId))}
                />
              );
            }
            if (f.kind === 'date') {
              return (
                <ChinaDateField
                  key={f.name}
                  label={t(labelOf(f, record.profileId))}
                  value={String(values[f.name] ?? '')}
                  onChange={set}
                  required={f.required}
                  autoFocus={i === 0}
                  error={!!issueOf(f.name)}
                  helperText={issueOf(f.name)}
                />
              );
            }
            const listId = f.suggest ? `${titleId}-${f.name}-list` : undefined;
            return (
              <Fragment key={f.name}>
                <TextField
                  label={t(labelOf(f, record.profileId))}
                  value={String(values[f.name] ?? '')}
                  onChange={(e) => set(e.target.value)}
                  required={f.required}
                  autoFocus={i === 0}
                  multiline={f.kind === 'multiline'}
                  minRows={f.kind === 'multiline' ? 3 : undefined}
                  type={f.kind === 'amount' ? 'number' : 'text'}
                  select={f.kind === 'select' || f.kind === 'category'}
                  error={!!issueOf(f.name)}
                  helperText={issueOf(f.name)}
                  slotProps={{
                    select: { native: true },
                    inputLabel: { shrink: true },
                    htmlInput: listId ? { list: listId, autoComplete: 'off' } : {},
                  }}
                >
                  {f.kind === 'select'
                    ? f.options?.map((o) => (
                        <option key={o} value={o}>
                          {t(`${f.labelPrefix}.${o}`)}
                        </option>
                      ))
                    : undefined}
                  {f.kind === 'category'
                    ? categories.map((c) => (
                        <option key={c} value={c}>
                          {categoryLabel(c, org, t)}
                        </option>
                      ))
                    : undefined}
                </TextField>
                {f.suggest === 'departments' && (
                  <datalist id={listId}>
                    {org.departments.map((d) => (
                      <option key={d} value={d} />
                    ))}
                  </datalist>
                )}
                {f.suggest === 'staff' && (
                  <datalist id={listId}>
                    {org.staff.map((m) => (
                      <option key={m.id} value={m.id}>{`${m.name} · ${t(`role.${m.role}`)}`}</option>
                    ))}
                  </datalist>
                )}
              </Fragment>
            );
          })}
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={() => onClose()}>{t('action.cancel')}</Button>
        <Button variant="contained" onClick={() => void submit()} disabled={busy}>
          {t(`command.${name}`)}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
