import { Alert, Box, Button, LinearProgress, Popover, Stack, Typography } from '@mui/material';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError, SyncStatus as Status } from '../../shared/api/contract';
import { isSupervisorRole } from '../../shared/domain/enums';
import { chinaTimeOfDay } from './chinaTime';
import { useLive, useStore } from './store';
import { say, syncDetails, syncHeadline, syncProgress, syncTone, type Translate, type Words } from './syncWords';

/** react-i18next's `t` as syncWords' plain translate. */
function useTranslate(): Translate {
  const { t } = useTranslation();
  return (key, params) => t(key, params ?? {});
}

/**
 * Head office sync on the app bar: where it stands in a few words (live), a progress bar while a
 * backlog goes out, and its details with "Sync now" (supervisors) in a small popover. `now` decides
 * whether a time is today's (then said without its date).
 */
export function SyncStatus({ now = Date.now }: { now?: () => number }) {
  const { t, i18n } = useTranslation();
  const tr = useTranslate();
  const live = useLive('sync.status', {});
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  if (!live?.ok) return null;
  const status = live.value;
  const time = (at: number) => chinaTimeOfDay(i18n.language, at, now());
  const text = (w: Words) => say(tr, w);
  const headline = syncHeadline(status, time).map(text).join(' · ');
  const parts = syncHeadline(status, time, true).map(text);
  const progress = syncProgress(status);
  const warning = syncTone(status) === 'warning';
  return (
    <Box sx={{ flexShrink: 1, minWidth: 120, maxWidth: 280 }}>
      <Button
        size="small"
        color={warning ? 'warning' : 'inherit'}
        variant={warning ? 'outlined' : 'text'}
        aria-label={t('sync.button', { state: headline })}
        aria-haspopup="dialog"
        onClick={(e) => setAnchor(e.currentTarget)}
        sx={{ maxWidth: '100%', textTransform: 'none', flexDirection: 'column', alignItems: 'flex-start', lineHeight: 1.35, py: 0.25 }}
      >
        {/* A line a part (the cases waiting, then why), two for a part alone: the words fit a narrow app bar. */}
        {parts.map((part) => (
          <Box
            key={part}
            component="span"
            sx={{
              maxWidth: '100%',
              overflow: 'hidden',
              textAlign: 'left',
              display: '-webkit-box',
              WebkitBoxOrient: 'vertical',
              WebkitLineClamp: parts.length === 1 ? 2 : 1,
            }}
          >
            {part}
          </Box>
        ))}
      </Button>
      {progress && (
        <LinearProgress
          variant="determinate"
          value={progress.percent}
          aria-label={t('sync.progress')}
          aria-valuetext={t('sync.sending', { sent: progress.sent, total: progress.total })}
          sx={{ mx: 1 }}
        />
      )}
      <Popover
        open={anchor !== null}
        anchorEl={anchor}
        onClose={() => setAnchor(null)}
        anchorOrigin={{ vertical: 'bottom', horizontal: 'right' }}
        transformOrigin={{ vertical: 'top', horizontal: 'right' }}
        slotProps={{ paper: { role: 'dialog', 'aria-labelledby': 'sync-details-title' } }}
      >
        <SyncDetails status={status} time={time} />
      </Popover>
    </Box>
  );
}

function SyncDetails({ status, time }: { status: Status; time: (at: number) => string }) {
  const { t } = useTranslation();
  const tr = useTranslate();
  const { api, envelope, person } = useStore();
  const [error, setError] = useState<ApiError | null>(null);
  const canSync = status.enrolled && isSupervisorRole(person.role);
  const syncNow = async () => {
    const r = await api.call('sync.now', {}, envelope);
    setError(r.ok ? null : r.error);
  };
  return (
    <Box sx={{ p: 2, width: 420, maxWidth: '90vw' }}>
      <Typography id="sync-details-title" variant="subtitle1" component="h2" gutterBottom>
        {t('sync.title')}
      </Typography>
      <Box component="dl" sx={{ display: 'grid', gridTemplateColumns: 'auto 1fr', columnGap: 2, rowGap: 0.5, m: 0 }}>
        {syncDetails(status, time).map(({ label, value }) => (
          <Box key={label} sx={{ display: 'contents' }}>
            <Typography component="dt" variant="body2" color="text.secondary">
              {t(label)}
            </Typography>
            <Typography component="dd" variant="body2" sx={{ m: 0, overflowWrap: 'anywhere' }}>
              {typeof value === 'string' ? value : say(tr, value)}
            </Typography>
          </Box>
        ))}
      </Box>
      {canSync && (
        <Stack direction="row" sx={{ mt: 2, justifyContent: 'flex-end' }}>
          {/* aria-disabled, not disabled: a disabled button drops the keyboard focus out of the popover mid-run. */}
          <Button
            variant="contained"
            size="small"
            aria-disabled={status.sending !== null}
            onClick={() => status.sending === null && void syncNow()}
          >
            {t('sync.now')}
          </Button>
        </Stack>
      )}
      {error && (
        <Alert severity="error" role="alert" sx={{ mt: 2 }}>
          {error.message}
        </Alert>
      )}
    </Box>
  );
}
