import { Alert, Box, Button, Link, Stack, Typography } from '@mui/material';
import { useEffect, useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../shared/api/contract';
import type { CaseRecord, EvidenceRef } from '../../../shared/domain/case';
import { ATTACHMENT_TYPES, attachmentKindsIn } from '../../../shared/workflow/commands';
import { useStore } from '../../app/store';

/** A thumbnail for a photo, a link for a PDF; the bytes come from the store on demand. */
function Thumbnail({ item }: { item: EvidenceRef }) {
  const { t } = useTranslation();
  const { api, envelope } = useStore();
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    let objectUrl: string | null = null;
    void api.call('attachments.get', { attachmentId: item.attachmentId }, envelope).then((r) => {
      if (!r.ok) return;
      objectUrl = URL.createObjectURL(new Blob([r.value.bytes as Uint8Array<ArrayBuffer>], { type: r.value.type }));
      setUrl(objectUrl);
    });
    return () => {
      if (objectUrl) URL.revokeObjectURL(objectUrl);
    };
  }, [api, envelope, item.attachmentId]);
  const label = `${t(`attachment.kind.${item.kind}`)}: ${item.name}`;
  return (
    <Box component="figure" sx={{ m: 0, width: 160 }}>
      {url && item.type.startsWith('image/') ? (
        <Box
          component="img"
          src={url}
          alt={label}
          sx={{ width: 160, height: 120, objectFit: 'cover', border: 1, borderColor: 'divider' }}
        />
      ) : (
        <Link href={url ?? undefined} target="_blank" rel="noopener" aria-label={label}>
          PDF
        </Link>
      )}
      <Typography component="figcaption" variant="caption" sx={{ display: 'block', overflowWrap: 'anywhere' }}>
        {label}
      </Typography>
    </Box>
  );
}

/** Evidence (R5.1) and the signed paper form (R2.3), attached from a file, a scan or a photo. */
export function Attachments({ record, canAdd }: { record: CaseRecord; canAdd: boolean }) {
  const { t } = useTranslation();
  const { api, envelope } = useStore();
  const [error, setError] = useState<ApiError | null>(null);

  const upload = (kind: EvidenceRef['kind']) => async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (!file) return;
    const bytes = new Uint8Array(await file.arrayBuffer());
    const r = await api.call(
      'cases.addAttachment',
      { caseId: record.id, expectedVersion: record.version, kind, name: file.name, type: file.type as never, bytes },
      envelope,
    );
    setError(r.ok ? null : r.error);
  };

  return (
    <Box component="section" aria-labelledby="attachments-title" sx={{ mt: 2 }}>
      <Typography id="attachments-title" variant="h6" component="h2">
        {t('attachment.title')}
      </Typography>
      {error && (
        <Alert severity="error" role="alert" sx={{ my: 1 }}>
          {error.issues?.[0]?.message ?? error.message}
        </Alert>
      )}
      <Stack direction="row" spacing={2} sx={{ flexWrap: 'wrap', gap: 2, my: 1 }}>
        {record.evidence.map((item) => (
          <Thumbnail key={item.attachmentId} item={item} />
        ))}
        {record.evidence.length === 0 && <Typography color="text.secondary">{t('attachment.none')}</Typography>}
      </Stack>
      {canAdd && (
        <Stack direction="row" spacing={2}>
          {attachmentKindsIn(record.state).map((kind) => (
            <Button key={kind} component="label" variant="outlined">
              {t(`attachment.add.${kind}`)}
              <input hidden type="file" accept={ATTACHMENT_TYPES.join(',')} onChange={(e) => void upload(kind)(e)} />
            </Button>
          ))}
        </Stack>
      )}
    </Box>
  );
}
