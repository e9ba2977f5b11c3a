import { Alert, Box, List, ListItem, ListItemText, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { CaseRecord } from '../../../shared/domain/case';
import { useChinaTime } from '../../app/chinaTime';

/**
 * The supervisor's notification of the case (R1.1, R1.5): why and when it went out, who
 * acknowledged it and when (or that it awaits acknowledgement); and the emergency procedure's
 * steps on an urgent complaint, each with its time and who took it.
 */
export function EscalationDetails({ record: c }: { record: CaseRecord }) {
  const { t } = useTranslation();
  const time = useChinaTime();
  const e = c.escalation;
  if (!e && c.emergencySteps.length === 0) return null;
  return (
    <Box component="section" aria-labelledby="escalation-title" sx={{ mt: 2 }}>
      <Typography id="escalation-title" variant="h6" component="h2">
        {t('case.escalation')}
      </Typography>
      {e && (
        <Alert severity={e.acknowledgedAt === null ? (e.reason === 'urgent' ? 'error' : 'warning') : 'info'} sx={{ mt: 1 }}>
          <Typography variant="body2">
            {t('case.escalation.notified', { reason: t(`escalation.reason.${e.reason}`), time: time(e.notifiedAt) })}
          </Typography>
          <Typography variant="body2">
            {e.acknowledgedAt === null
              ? t('case.escalation.awaiting')
              : t('case.escalation.acknowledged', { by: e.acknowledgedBy ?? '', time: time(e.acknowledgedAt) })}
          </Typography>
        </Alert>
      )}
      {c.emergencySteps.length > 0 && (
        <>
          <Typography variant="subtitle1" component="h3" sx={{ mt: 1 }}>
            {t('case.emergencySteps')}
          </Typography>
          <List dense aria-label={t('case.emergencySteps')}>
            {c.emergencySteps.map((s, i) => (
              <ListItem key={i} disableGutters>
                <ListItemText primary={s.text} secondary={`${time(s.at)} · ${s.by}`} />
              </ListItem>
            ))}
          </List>
        </>
      )}
    </Box>
  );
}
