import { Alert, Box, Button, LinearProgress, Stack, Typography } from '@mui/material';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../shared/api/contract';
import { chinaDate } from '../../../shared/deadlines/calendar';
import { isSupervisorRole } from '../../../shared/domain/enums';
import { isLocale } from '../../../shared/i18n/translate';
import { ChinaDateField } from '../../app/pickers';
import { useLive, useStore } from '../../app/store';
import { saveExportFile } from '../../bridge/saveFile';
import { monthPeriod, monthToExport, previousMonth } from './exportPeriod';

/** The period offered first: the month the reminder names, else last month. */
function defaultPeriod(now: number, lastSuccessAt: number | null) {
  return monthPeriod(monthToExport(now, { lastSuccessAt }) ?? previousMonth(chinaDate(now).slice(0, 7)));
}

/**
 * "Export to head office", for supervisors (docs/export-file.md): the archived cases of a period
 * in one signed file, for a branch that cannot reach head office online. The store writes it
 * (showing its progress); the browser downloads it, the desktop app asks where to save it.
 */
export function ExportSection({ now = Date.now }: { now?: () => number }) {
  const { t, i18n } = useTranslation();
  const { api, envelope, person } = useStore();
  const status = useLive('sync.status', {});
  const progress = useLive('export.progress', {});
  const lastSuccessAt = status?.ok ? status.value.lastSuccessAt : null;
  const [period, setPeriod] = useState(() => defaultPeriod(now(), lastSuccessAt));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | string | null>(null);
  const [saved, setSaved] = useState<{ fileName: string; cases: number } | null>(null);
  if (!isSupervisorRole(person.role)) return null;
  const running = progress?.ok ? progress.value : null;
  const percent = running ? Math.round((running.done * 100) / running.total) : busy ? 0 : null;
  const reminder = monthToExport(now(), status?.ok ? status.value : null);

  const run = async () => {
    setBusy(true);
    setError(null);
    setSaved(null);
    try {
      const language = isLocale(i18n.language) ? i18n.language : 'zh-CN';
      const r = await api.call('export.build', { ...period, language }, envelope);
      if (!r.ok) return setError(r.error);
      if ((await saveExportFile(r.value.fileName, r.value.bytes)) === 'saved') setSaved(r.value);
    } catch (thrown) {
      setError(String(thrown));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Box component="section" aria-labelledby="export-title" sx={{ mb: 4 }}>
      <Typography id="export-title" variant="h6" component="h2" gutterBottom>
        {t('export.title')}
      </Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 2, maxWidth: 720 }}>
        {t('export.intro')}
      </Typography>
      {reminder && (
        <Alert
          severity="warning"
          role="status"
          sx={{ mb: 2, maxWidth: 900 }}
          action={
            <Button color="inherit" size="small" onClick={() => setPeriod(monthPeriod(reminder))}>
              {t('export.reminder.choose', { month: reminder })}
            </Button>
          }
        >
          {t('export.reminder', { month: reminder })}
        </Alert>
      )}
      <Stack
        component="form"
        direction="row"
        spacing={2}
        sx={{ alignItems: 'flex-start', maxWidth: 900 }}
        aria-label={t('export.title')}
        onSubmit={(e) => {
          e.preventDefault();
          if (!busy) void run();
        }}
      >
        <ChinaDateField
          label={t('export.from')}
          value={period.from}
          onChange={(from) => setPeriod((p) => ({ ...p, from }))}
          size="small"
          width={200}
        />
        <ChinaDateField
          label={t('export.to')}
          value={period.to}
          onChange={(to) => setPeriod((p) => ({ ...p, to }))}
          size="small"
          width={200}
        />
        <Button type="submit" variant="contained" disabled={busy} sx={{ flexShrink: 0 }}>
          {t(busy ? 'export.writing' : 'export.button')}
        </Button>
      </Stack>
      {percent !== null && (
        <Box sx={{ mt: 2, maxWidth: 900 }}>
          <LinearProgress variant="determinate" value={percent} aria-label={t('export.progress')} />
          <Typography variant="body2" color="text.secondary" role="status">
            {t('export.progress.value', { percent })}
          </Typography>
        </Box>
      )}
      {error && (
        <Alert severity="error" role="alert" sx={{ mt: 2 }}>
          {typeof error === 'string' ? t('export.failed', { reason: error }) : error.message}
        </Alert>
      )}
      {saved && (
        <Alert severity="success" role="status" sx={{ mt: 2 }}>
          {t('export.saved', { fileName: saved.fileName, count: saved.cases })}
        </Alert>
      )}
    </Box>
  );
}

/** The month-end prompt under the app bar, for supervisors, with a way to the export. */
export function ExportReminder({ onOpen, now = Date.now }: { onOpen: () => void; now?: () => number }) {
  const { t } = useTranslation();
  const { person } = useStore();
  const status = useLive('sync.status', {});
  if (!isSupervisorRole(person.role) || !status?.ok) return null;
  const month = monthToExport(now(), status.value);
  if (!month) return null;
  return (
    // A prompt, not an alarm: polite (role="status"), so it never interrupts a clerk's intake.
    <Alert
      severity="warning"
      role="status"
      square
      action={
        <Button color="inherit" size="small" onClick={onOpen}>
          {t('export.reminder.open')}
        </Button>
      }
    >
      {t('export.reminder', { month })}
    </Alert>
  );
}
