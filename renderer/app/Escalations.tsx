import { Alert, Badge, Box, Button, Link, List, ListItem, Popover, Stack, Typography } from '@mui/material';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isSupervisorRole } from '../../shared/domain/enums';
import { useChinaTime } from './chinaTime';
import { useLive, useStore } from './store';

/**
 * The emergency procedure's alert (R1.5): every urgent complaint the supervisor has not yet
 * acknowledged, on every screen and for every role (the counter must know too), naming the case and
 * linking to it, until a supervisor acknowledges it on the case page.
 */
export function UrgentAlerts({ onOpen }: { onOpen: (caseId: string) => void }) {
  const { t } = useTranslation();
  const open = useLive('notifications.list', {});
  const urgent = open?.ok ? open.value.filter((n) => n.reason === 'urgent') : [];
  if (urgent.length === 0) return null;
  return (
    <Stack spacing={1} sx={{ px: 2, pt: 2 }}>
      {urgent.map((n) => (
        <Alert key={n.id} severity="error" role="alert" variant="filled">
          {t('alert.urgent', { caseNo: n.caseNo })}{' '}
          <Link component="button" color="inherit" onClick={() => onOpen(n.caseId)} sx={{ fontWeight: 600, verticalAlign: 'baseline' }}>
            {t('alert.open', { caseNo: n.caseNo })}
          </Link>
        </Alert>
      ))}
    </Stack>
  );
}

/**
 * A supervisor's notifications not yet acknowledged (R1.1, R1.5): a count on the app bar, and the
 * list with a link to each case. Other roles see nothing here (the urgent alert is everyone's).
 */
export function NotificationBadge({ onOpen }: { onOpen: (caseId: string) => void }) {
  const { t } = useTranslation();
  const { person } = useStore();
  const time = useChinaTime();
  const open = useLive('notifications.list', {});
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  if (!isSupervisorRole(person.role)) return null;
  const items = open?.ok ? open.value : [];
  const label = t('nav.notifications', { count: items.length });
  return (
    <>
      <Button aria-label={label} aria-haspopup="true" onClick={(e) => setAnchor(e.currentTarget)} sx={{ flexShrink: 0 }}>
        <Badge badgeContent={items.length} color="error">
          <Box component="span" aria-hidden sx={{ pr: 1 }}>
            {t('case.escalation')}
          </Box>
        </Badge>
      </Button>
      <Popover
        open={anchor !== null}
        anchorEl={anchor}
        onClose={() => setAnchor(null)}
        anchorOrigin={{ vertical: 'bottom', horizontal: 'right' }}
      >
        <Box sx={{ p: 2, minWidth: 320 }}>
          <Typography variant="subtitle1" component="h2">
            {label}
          </Typography>
          <List dense aria-label={t('case.escalation')}>
            {items.map((n) => (
              <ListItem key={n.id} disableGutters>
                <Link
                  component="button"
                  onClick={() => {
                    setAnchor(null);
                    onOpen(n.caseId);
                  }}
                >
                  {`${n.caseNo} · ${t(`escalation.reason.${n.reason}`)} · ${time(n.at)}`}
                </Link>
              </ListItem>
            ))}
          </List>
        </Box>
      </Popover>
    </>
  );
}
