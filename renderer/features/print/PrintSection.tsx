import { Box, Button, Link, List, ListItem, Stack, Typography } from '@mui/material';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Branch, CaseDetail, PrintRecord } from '../../../shared/api/contract';
import { DOCUMENT_KINDS, type DocumentKind } from '../../../shared/forms';
import { useChinaTime } from '../../app/chinaTime';
import { useLive, useStore } from '../../app/store';
import { PrintDialog } from './PrintDialog';

/** The case page's printing: a preview of each document, and the log of what was printed, with the PDF copies. */
export function PrintSection({ detail, branch }: { detail: Pick<CaseDetail, 'case' | 'events' | 'clocks'>; branch: Branch }) {
  const { t } = useTranslation();
  const { api, envelope } = useStore();
  const prints = useLive('prints.list', { caseId: detail.case.id });
  const [document, setDocument] = useState<DocumentKind | null>(null);
  const time = useChinaTime();

  async function openCopy(record: PrintRecord) {
    const r = await api.call('prints.get', { printId: record.id }, envelope);
    if (!r.ok || !r.value.pdf) return;
    const url = URL.createObjectURL(new Blob([r.value.pdf as Uint8Array<ArrayBuffer>], { type: 'application/pdf' }));
    const a = window.document.createElement('a');
    a.href = url;
    a.download = `${record.caseNo}-${record.document}.pdf`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }

  return (
    <Box component="section" aria-labelledby="print-section-title" sx={{ mt: 2 }}>
      <Typography id="print-section-title" variant="h6" component="h2">
        {t('print.title')}
      </Typography>
      <Stack direction="row" spacing={1} sx={{ my: 1, flexWrap: 'wrap', gap: 1 }} role="group" aria-label={t('print.title')}>
        {DOCUMENT_KINDS.map((kind) => (
          <Button key={kind} variant="outlined" onClick={() => setDocument(kind)}>
            {t(`forms.${kind}.title`)}
          </Button>
        ))}
      </Stack>
      {prints?.ok && prints.value.length > 0 && (
        <List dense aria-label={t('print.log')}>
          {prints.value.map((p) => (
            <ListItem key={p.id} disableGutters sx={{ gap: 2 }}>
              <Typography variant="body2">
                {`${time(p.at)} · ${t(`forms.${p.document}.title`)} · ${t('print.copiesCount', { count: p.copies })} · ${p.by} · ${t(`print.mode.${p.mode}`)}`}
              </Typography>
              {p.pdfBytes > 0 && (
                <Link
                  component="button"
                  onClick={() => void openCopy(p)}
                  aria-label={t('print.pdfCopyOf', { document: t(`forms.${p.document}.title`), time: time(p.at) })}
                >
                  {t('print.pdfCopy')}
                </Link>
              )}
            </ListItem>
          ))}
        </List>
      )}
      {document && <PrintDialog document={document} detail={detail} branch={branch} onClose={() => setDocument(null)} />}
    </Box>
  );
}
