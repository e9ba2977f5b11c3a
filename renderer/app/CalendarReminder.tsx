import { Alert, Box, Button } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { isSupervisorRole } from '../../shared/domain/enums';
import { useLive, useStore } from './store';

/**
 * From 1 December on, a supervisor sees on every screen that next year has no calendar yet (no
 * head-office calendar, no library data, no local entries), until one arrives: deadlines running
 * into that year would otherwise count Monday to Friday. The store decides (its clock).
 */
export function CalendarReminder({ onOpenSettings }: { onOpenSettings: () => void }) {
  const { t } = useTranslation();
  const { person } = useStore();
  const settings = useLive('deadlines.get', {});
  const year = settings?.ok ? settings.value.nextYearMissing : null;
  if (!isSupervisorRole(person.role) || year === null) return null;
  return (
    <Box sx={{ px: 2, pt: 2 }}>
      <Alert
        severity="warning"
        role="status"
        action={
          <Button color="inherit" size="small" onClick={onOpenSettings}>
            {t('calendar.openSettings')}
          </Button>
        }
      >
        {t('calendar.nextYearMissing', { year })}
      </Alert>
    </Box>
  );
}
