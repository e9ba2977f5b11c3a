import {
  Alert,
  Box,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  LinearProgress,
  List,
  ListItem,
  ListItemText,
  Stack,
  TextField,
  Typography,
} from '@mui/material';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError, CreatedMonthReport } from '../../../shared/api/contract';
import { chinaDate, chinaDateTime } from '../../../shared/deadlines/calendar';
import { isSupervisorRole } from '../../../shared/domain/enums';
import { isLocale } from '../../../shared/i18n/translate';
import { reportFileName } from '../../../shared/reports/data';
import { useLive, useStore } from '../../app/store';
import { desktopBridge } from '../../bridge/desktop';
import { saveFile } from '../../bridge/saveFile';
import { previousMonth } from '../settings/exportPeriod';
import { reportPageHtml } from './reportPage';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * "Monthly report", for supervisors (docs/monthly-report.md): a month chosen, the store makes the
 * report (kept with its versions and queued for head office); the page is previewed and printed
 * (the print dialog's "Save as PDF" makes the PDF), and the spreadsheet saved.
 */
export function ReportsSection({ now = Date.now }: { now?: () => number }) {
  const { t, i18n } = useTranslation();
  const { api, envelope, person } = useStore();
  const reports = useLive('reports.list', {});
  const [month, setMonth] = useState(() => previousMonth(chinaDate(now()).slice(0, 7)));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | string | null>(null);
  const [made, setMade] = useState<CreatedMonthReport | null>(null);
  const [preview, setPreview] = useState<{ made: CreatedMonthReport; html: string | null } | null>(null);
  const frame = useRef<HTMLIFrameElement>(null);
  if (!isSupervisorRole(person.role)) return null;

  const create = async () => {
    setBusy(true);
    setError(null);
    setMade(null);
    try {
      const language = isLocale(i18n.language) ? i18n.language : 'zh-CN';
      const r = await api.call('reports.monthly.create', { month, language }, envelope);
      if (!r.ok) return setError(r.error);
      setMade(r.value);
      // Desktop: main prints the page to PDF and keeps it with the report, so head office gets it too.
      const bridge = desktopBridge();
      if (bridge) {
        const pdf = await bridge.print.report({ reportId: r.value.report.id, token: envelope.token ?? '' });
        if (!pdf.ok) setError(pdf.message);
      }
    } catch (thrown) {
      setError(String(thrown));
    } finally {
      setBusy(false);
    }
  };

  /** A report made earlier, with its data and spreadsheet (null: its refusal is shown). */
  const open = async (reportId: string): Promise<CreatedMonthReport | null> => {
    const r = await api.call('reports.get', { reportId }, envelope);
    if (r.ok) return r.value;
    setError(r.error);
    return null;
  };

  const showPreview = async (report: CreatedMonthReport) => {
    setPreview({ made: report, html: null });
    try {
      const html = await reportPageHtml(report);
      setPreview({ made: report, html });
    } catch (thrown) {
      setPreview(null);
      setError(String(thrown));
    }
  };

  const saveXlsx = (report: CreatedMonthReport) =>
    saveFile(reportFileName(report.data.branch.code, report.report.month, report.report.version, 'xlsx'), report.xlsx, XLSX_TYPE);

  const print = () => {
    frame.current?.contentWindow?.focus();
    frame.current?.contentWindow?.print();
  };

  return (
    <Box component="section" aria-labelledby="reports-title" sx={{ mb: 4 }}>
      <Typography id="reports-title" variant="h6" component="h2" gutterBottom>
        {t('reports.ui.title')}
      </Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 2, maxWidth: 720 }}>
        {t('reports.ui.intro')}
      </Typography>
      <Stack
        component="form"
        direction="row"
        spacing={2}
        sx={{ alignItems: 'flex-start', maxWidth: 900 }}
        aria-label={t('reports.ui.title')}
        onSubmit={(e) => {
          e.preventDefault();
          if (!busy) void create();
        }}
      >
        <TextField
          size="small"
          type="month"
          label={t('reports.ui.month')}
          value={month}
          onChange={(e) => setMonth(e.target.value)}
          slotProps={{ inputLabel: { shrink: true } }}
          sx={{ width: 200 }}
        />
        <Button type="submit" variant="contained" disabled={busy} sx={{ flexShrink: 0 }}>
          {t(busy ? 'reports.ui.creating' : 'reports.ui.create')}
        </Button>
      </Stack>
      {busy && <LinearProgress aria-label={t('reports.ui.creating')} sx={{ mt: 2, maxWidth: 900 }} />}
      {error && (
        <Alert severity="error" role="alert" sx={{ mt: 2, maxWidth: 900 }}>
          {typeof error === 'string' ? t('reports.ui.failed', { reason: error }) : error.message}
        </Alert>
      )}
      {made && (
        <Alert
          severity="success"
          role="status"
          sx={{ mt: 2, maxWidth: 900 }}
          action={
            <Stack direction="row" spacing={1}>
              <Button color="inherit" size="small" onClick={() => void showPreview(made)}>
                {t('reports.ui.print')}
              </Button>
              <Button color="inherit" size="small" onClick={() => void saveXlsx(made)}>
                {t('reports.ui.saveXlsx')}
              </Button>
            </Stack>
          }
        >
          {t('reports.ui.created', { month: made.report.month, version: made.report.version })}
        </Alert>
      )}
      {reports?.ok && reports.value.length > 0 && (
        <Box sx={{ mt: 2, maxWidth: 900 }}>
          <Typography variant="subtitle2" component="h3">
            {t('reports.ui.list')}
          </Typography>
          <List dense aria-label={t('reports.ui.list')}>
            {reports.value.map((r) => (
              <ListItem
                key={r.id}
                divider
                secondaryAction={
                  <Stack direction="row" spacing={1}>
                    <Button
                      size="small"
                      aria-label={`${t('reports.ui.print')} ${r.month} ${t('reports.ui.version', { version: r.version })}`}
                      onClick={async () => {
                        const full = await open(r.id);
                        if (full) await showPreview(full);
                      }}
                    >
                      {t('reports.ui.print')}
                    </Button>
                    <Button
                      size="small"
                      aria-label={`${t('reports.ui.saveXlsx')} ${r.month} ${t('reports.ui.version', { version: r.version })}`}
                      onClick={async () => {
                        const full = await open(r.id);
                        if (full) await saveXlsx(full);
                      }}
                    >
                      {t('reports.ui.saveXlsx')}
                    </Button>
                  </Stack>
                }
              >
                <ListItemText
                  primary={`${r.month} · ${t('reports.ui.version', { version: r.version })}`}
                  secondary={`${chinaDateTime(r.createdAt).replace('T', ' ')} · ${r.createdBy} · ${t(r.deliveredAt === null ? 'reports.ui.waiting' : 'reports.ui.sent')}`}
                />
              </ListItem>
            ))}
          </List>
        </Box>
      )}
      {preview && (
        <Dialog open onClose={() => setPreview(null)} aria-labelledby="report-preview-title" fullWidth maxWidth="md">
          <DialogTitle id="report-preview-title">{t('reports.ui.preview', { month: preview.made.report.month })}</DialogTitle>
          <DialogContent>
            {!preview.html && <LinearProgress aria-label={t('reports.ui.creating')} sx={{ mb: 2 }} />}
            <Box sx={{ border: 1, borderColor: 'divider', bgcolor: 'grey.100', height: '60vh' }}>
              {preview.html && (
                <iframe
                  ref={frame}
                  title={t('reports.ui.preview', { month: preview.made.report.month })}
                  srcDoc={preview.html}
                  sandbox="allow-modals allow-same-origin"
                  style={{ width: '100%', height: '100%', border: 0, background: 'white' }}
                />
              )}
            </Box>
            <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
              {t('reports.ui.printHint')}
            </Typography>
          </DialogContent>
          <DialogActions>
            <Button onClick={() => setPreview(null)}>{t('reports.ui.close')}</Button>
            <Button onClick={() => void saveXlsx(preview.made)}>{t('reports.ui.saveXlsx')}</Button>
            <Button variant="contained" disabled={!preview.html} onClick={print}>
              {t('reports.ui.print')}
            </Button>
          </DialogActions>
        </Dialog>
      )}
    </Box>
  );
}
