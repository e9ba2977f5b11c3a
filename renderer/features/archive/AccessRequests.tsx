import { Alert, Button, List, ListItem, Paper, Stack, TextField, Typography } from '@mui/material';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AccessRequest, ApiError } from '../../../shared/api/contract';
import { isSupervisorRole } from '../../../shared/domain/enums';
import { useChinaTime } from '../../app/chinaTime';
import { useLive, useStore } from '../../app/store';

/** Durations a supervisor picks from (the store takes 1 to 72 hours). */
const HOURS = [1, 4, 8, 24, 72] as const;

function RequestItem({ request, onError }: { request: AccessRequest; onError: (e: ApiError | null) => void }) {
  const { t } = useTranslation();
  const time = useChinaTime();
  const { api, envelope } = useStore();
  const [hours, setHours] = useState<number>(4);
  const who = { staffId: request.staffId, caseNo: request.caseNo };
  const done = (r: { ok: true } | { ok: false; error: ApiError }) => onError(r.ok ? null : r.error);
  return (
    <ListItem divider sx={{ display: 'flex', gap: 2, flexWrap: 'wrap', alignItems: 'center' }}>
      <Typography sx={{ flex: '1 1 320px' }}>
        {t('archive.requests.item', { ...who, time: time(request.at), reason: request.reason })}
      </Typography>
      <TextField
        select
        size="small"
        label={t('archive.requests.hours')}
        value={hours}
        onChange={(e) => setHours(Number(e.target.value))}
        slotProps={{ select: { native: true }, htmlInput: { 'aria-label': t('archive.requests.hoursFor', who) } }}
        sx={{ width: 140 }}
      >
        {HOURS.map((h) => (
          <option key={h} value={h}>
            {t('archive.hours', { count: h })}
          </option>
        ))}
      </TextField>
      <Button
        variant="contained"
        aria-label={t('archive.grantFor', who)}
        onClick={() => void api.call('archive.grant', { requestId: request.id, hours }, envelope).then(done)}
      >
        {t('archive.grant')}
      </Button>
      <Button
        aria-label={t('archive.refuseFor', who)}
        onClick={() => void api.call('archive.refuse', { requestId: request.id }, envelope).then(done)}
      >
        {t('archive.refuse')}
      </Button>
    </ListItem>
  );
}

/** Supervisors: the requests to read archived cases waiting for a decision, on every screen while there are any. */
export function AccessRequests() {
  const { person } = useStore();
  return isSupervisorRole(person.role) ? <OpenRequests /> : null;
}

function OpenRequests() {
  const { t } = useTranslation();
  const open = useLive('archive.requests', {});
  const [error, setError] = useState<ApiError | null>(null);
  if (!open?.ok || open.value.length === 0) return null;
  return (
    <Paper component="section" aria-labelledby="access-requests-title" sx={{ mx: 2, mt: 2, p: 2 }} variant="outlined">
      <Stack spacing={1}>
        <Typography id="access-requests-title" variant="subtitle1" component="h2">
          {t('archive.requests.title')}
        </Typography>
        <List dense disablePadding aria-labelledby="access-requests-title">
          {open.value.map((r) => (
            <RequestItem key={r.id} request={r} onError={setError} />
          ))}
        </List>
        {error && (
          <Alert severity="error" role="alert">
            {error.message}
          </Alert>
        )}
      </Stack>
    </Paper>
  );
}
