import { Button, Stack, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { DeadlineSettings } from '../../../shared/api/contract';
import { chinaDate } from '../../../shared/deadlines';
import { useStore } from '../../app/store';

/**
 * Where the deadline policy in force comes from (the supervisor's own, head office's, or the
 * bundled one), and the supervisor's way back from their own to head office's (or the bundled one).
 */
export function PolicySource({ settings }: { settings: Pick<DeadlineSettings, 'policySource' | 'policyPublishedAt'> }) {
  const { t } = useTranslation();
  const { api, envelope } = useStore();
  const date = settings.policyPublishedAt === null ? '' : chinaDate(settings.policyPublishedAt);
  return (
    <Stack direction="row" spacing={2} sx={{ alignItems: 'center', mb: 1 }}>
      <Typography id="policy-source">
        {t('settings.policySource', { source: t(`settings.policySource.${settings.policySource}`, { date }) })}
      </Typography>
      {settings.policySource === 'local' && (
        <Button size="small" onClick={() => void api.call('deadlines.save', { policy: null }, envelope)}>
          {t('settings.policySource.useHeadOffice')}
        </Button>
      )}
    </Stack>
  );
}
