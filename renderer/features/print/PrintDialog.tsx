import {
  Alert,
  Box,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  FormControlLabel,
  LinearProgress,
  Stack,
  Switch,
  TextField,
  Typography,
} from '@mui/material';
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Branch, CaseDetail } from '../../../shared/api/contract';
import { MAX_COPIES } from '../../../shared/api/contract';
import type { DocumentKind } from '../../../shared/forms';
import { LOCALES, type Locale } from '../../../shared/i18n/translate';
import { LANGUAGE_NAMES } from '../../app/LanguageSelect';
import { useOrganization } from '../../app/organization';
import { useLive, useStore } from '../../app/store';
import { isDesktop, printDocument, renderPreview, type PrintSource } from '../../print/printing';

/**
 * The print preview of one document of a case: the page as it will print, the number of copies,
 * and Print (Enter). Desktop: main reads the case from the store, prints it (silently to the
 * chosen printer, or through the system dialog) and keeps the PDF with the case; the preview here
 * is rendered from what the screens hold. Browser edition: the browser's print dialog,
 * whose "Save as PDF" makes the PDF.
 */
export function PrintDialog({
  document,
  detail,
  branch,
  onClose,
}: {
  document: DocumentKind;
  detail: Pick<CaseDetail, 'case' | 'events' | 'clocks'>;
  branch: Branch;
  onClose: (printed: boolean) => void;
}) {
  const { t, i18n } = useTranslation();
  const { api, envelope } = useStore();
  const organization = useOrganization();
  const deadlines = useLive('deadlines.get', {});
  const desktop = isDesktop();
  const [html, setHtml] = useState<string | null>(null);
  const [uncovered, setUncovered] = useState<string[]>([]);
  const [copies, setCopies] = useState('1');
  const [silent, setSilent] = useState(desktop);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const frame = useRef<HTMLIFrameElement>(null);
  const printButton = useRef<HTMLButtonElement>(null);
  // The branch prints in its own language, which is the screens' unless the clerk picks another here.
  const [language, setLanguage] = useState<Locale>(i18n.language as Locale);
  const policy = deadlines?.ok ? deadlines.value.policy : undefined;
  const source: PrintSource = { detail, branch, organization, language, ...(policy ? { policy } : {}) };
  const sourceKey = JSON.stringify([document, detail.case.id, detail.case.version, language, organization, policy]);

  useEffect(() => {
    let current = true;
    setHtml(null);
    renderPreview(document, source)
      .then((rendered) => {
        if (!current) return;
        setHtml(rendered.html);
        setUncovered(rendered.uncoveredCharacters);
      })
      .catch(() => current && setError(t('print.previewFailed')));
    return () => {
      current = false;
    };
    // Rendered again only when what it prints changes.
  }, [sourceKey]);

  useEffect(() => {
    if (html) printButton.current?.focus();
  }, [html]);

  const copiesValue = Number(copies);
  const copiesValid = Number.isInteger(copiesValue) && copiesValue >= 1 && copiesValue <= MAX_COPIES;

  async function print() {
    if (!copiesValid || busy || !html) return;
    setBusy(true);
    setError(null);
    const outcome = await printDocument({
      document,
      caseId: detail.case.id,
      language,
      copies: copiesValue,
      mode: silent ? 'silent' : 'dialog',
      frame: frame.current,
      api,
      envelope,
    });
    setBusy(false);
    if (outcome.printed) onClose(true);
    else if (outcome.message) setError(outcome.message);
  }

  const onKeyDown = (e: KeyboardEvent) => {
    if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'p') {
      e.preventDefault();
      void print();
    }
  };

  const title = t(`forms.${document}.title`);
  return (
    <Dialog open onClose={() => onClose(false)} aria-labelledby="print-title" fullWidth maxWidth="md" onKeyDown={onKeyDown}>
      <DialogTitle id="print-title">{t('print.previewOf', { document: title })}</DialogTitle>
      <DialogContent>
        {!html && !error && <LinearProgress aria-label={t('print.preparing')} sx={{ mb: 2 }} />}
        {error && (
          <Alert severity="error" role="alert" sx={{ mb: 2 }}>
            {error}
          </Alert>
        )}
        {uncovered.length > 0 && (
          <Alert severity="warning" sx={{ mb: 2 }}>
            {t('print.uncovered', { characters: uncovered.join(' ') })}
          </Alert>
        )}
        <Box sx={{ border: 1, borderColor: 'divider', bgcolor: 'grey.100', height: '60vh' }}>
          {html && (
            <iframe
              ref={frame}
              title={title}
              srcDoc={html}
              sandbox="allow-modals allow-same-origin"
              style={{ width: '100%', height: '100%', border: 0, background: 'white' }}
            />
          )}
        </Box>
        <Stack direction="row" spacing={2} sx={{ mt: 2, alignItems: 'center', flexWrap: 'wrap' }}>
          <TextField
            size="small"
            type="number"
            label={t('print.copies')}
            value={copies}
            onChange={(e) => setCopies(e.target.value)}
            error={!copiesValid}
            helperText={copiesValid ? undefined : t('errors.print.copies')}
            slotProps={{ htmlInput: { min: 1, max: MAX_COPIES } }}
            sx={{ width: 120 }}
          />
          <TextField
            size="small"
            select
            label={t('print.language')}
            value={language}
            onChange={(e) => setLanguage(e.target.value as Locale)}
            slotProps={{ select: { native: true } }}
            sx={{ width: 160 }}
          >
            {LOCALES.map((l) => (
              <option key={l} value={l}>
                {LANGUAGE_NAMES[l]}
              </option>
            ))}
          </TextField>
          {desktop ? (
            <FormControlLabel
              control={<Switch checked={silent} onChange={(e) => setSilent(e.target.checked)} />}
              label={t('print.silent')}
            />
          ) : (
            <Typography variant="body2" color="text.secondary">
              {t('print.browserHint')}
            </Typography>
          )}
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={() => onClose(false)}>{t('action.cancel')}</Button>
        <Button ref={printButton} variant="contained" onClick={() => void print()} disabled={!html || busy || !copiesValid}>
          {busy ? t('print.printing') : t('print.print')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
