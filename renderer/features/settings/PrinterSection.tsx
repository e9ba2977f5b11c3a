import { Alert, Box, Button, Stack, TextField, Typography } from '@mui/material';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CountersignBridge, PrinterInfo } from '../../../shared/api/desktopBridge';

/** Desktop only: the printer forms go to when printed without the dialog (a machine setting, kept by main). */
export function PrinterSection({ bridge }: { bridge: CountersignBridge }) {
  const { t } = useTranslation();
  const [printers, setPrinters] = useState<PrinterInfo[]>([]);
  const [printer, setPrinter] = useState('');
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    void Promise.all([bridge.print.printers(), bridge.settings.get()]).then(([list, settings]) => {
      setPrinters(list);
      setPrinter(settings.printer);
    });
  }, [bridge]);

  async function save() {
    const settings = await bridge.settings.set({ printer });
    setPrinter(settings.printer);
    setSaved(true);
  }

  return (
    <Box component="section" aria-labelledby="printer-title" sx={{ mb: 4 }}>
      <Typography id="printer-title" variant="h6" component="h2" gutterBottom>
        {t('settings.printer')}
      </Typography>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
        <TextField
          select
          size="small"
          label={t('settings.printer')}
          value={printer}
          onChange={(e) => {
            setPrinter(e.target.value);
            setSaved(false);
          }}
          slotProps={{ select: { native: true } }}
          sx={{ minWidth: 320 }}
        >
          <option value="">{t('settings.defaultPrinter')}</option>
          {printers.map((p) => (
            <option key={p.name} value={p.name}>
              {p.isDefault ? `${p.displayName} (${t('settings.systemDefault')})` : p.displayName}
            </option>
          ))}
        </TextField>
        <Button variant="contained" onClick={() => void save()}>
          {t('settings.savePrinter')}
        </Button>
      </Stack>
      {saved && (
        <Alert severity="success" role="status" sx={{ mt: 2 }}>
          {t('settings.saved')}
        </Alert>
      )}
    </Box>
  );
}
