import { Alert, Box, Button, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { ApiError, CalendarYearSource } from '../../../shared/api/contract';
import { chinaDate, MAX_CALENDAR_FILE_BYTES } from '../../../shared/deadlines';
import { useStore } from '../../app/store';

function sourceText(t: TFunction, y: CalendarYearSource, separator: string): string {
  const source = t(`settings.calendarSource.${y.source}`, { date: y.publishedAt === null ? '' : chinaDate(y.publishedAt) });
  // A year entered locally only says so already; elsewhere local entries win over the source.
  return y.localEntries > 0 && y.source !== 'overrides'
    ? `${source}${separator}${t('settings.calendarLocalEntries', { count: y.localEntries })}`
    : source;
}

/**
 * Where each year's working days come from (head office, the bundled library, local entries, or
 * nowhere), and the supervisor's way to load the calendar file head office exported (its deadline
 * policies too: the policy line above then follows, as after a sync). A file that is not one is
 * refused whole, with the reason; nothing held is changed.
 */
export function CalendarSources({ years }: { years: CalendarYearSource[] }) {
  const { t, i18n } = useTranslation();
  const { api, envelope } = useStore();
  const input = useRef<HTMLInputElement>(null);
  const [error, setError] = useState<string | null>(null);
  const [loaded, setLoaded] = useState(false);
  const separator = i18n.language === 'en' ? '; ' : '；';

  const load = async (file: File | undefined) => {
    if (!file) return;
    setLoaded(false);
    if (file.size > MAX_CALENDAR_FILE_BYTES) {
      setError(t('errors.calendar.tooLarge'));
      return;
    }
    const r = await api.call('calendars.load', { text: await file.text() }, envelope);
    setError(r.ok ? null : messageOf(r.error));
    setLoaded(r.ok);
    // The same file may be picked again after a fix.
    if (input.current) input.current.value = '';
  };

  return (
    <Box sx={{ mt: 3 }}>
      <Typography variant="subtitle1" component="h3" id="calendar-years-title">
        {t('settings.calendarYears')}
      </Typography>
      <Table size="small" aria-labelledby="calendar-years-title" sx={{ maxWidth: 720, my: 1 }}>
        <TableHead>
          <TableRow>
            <TableCell>{t('settings.calendarYear')}</TableCell>
            <TableCell>{t('settings.calendarSource')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {years.map((y) => (
            <TableRow key={y.year}>
              <TableCell>{y.year}</TableCell>
              <TableCell>{sourceText(t, y, separator)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <Button variant="outlined" component="label">
        {t('settings.loadCalendarFile')}
        <input ref={input} hidden type="file" accept=".json,application/json" onChange={(e) => void load(e.target.files?.[0])} />
      </Button>
      <Box sx={{ mt: 1 }}>
        {error && (
          <Alert severity="error" role="alert">
            {error}
          </Alert>
        )}
        {loaded && (
          <Alert severity="success" role="status">
            {t('settings.calendarFileLoaded')}
          </Alert>
        )}
      </Box>
    </Box>
  );
}

function messageOf(error: ApiError): string {
  return error.issues?.[0]?.message ?? error.message;
}
