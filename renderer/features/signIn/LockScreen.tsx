import { Box, Dialog, DialogContent, DialogTitle, Paper, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { StoreApi } from '../../../shared/api/contract';
import type { Locale } from '../../../shared/i18n/translate';
import type { Session } from '../../app/session';
import { SignInForm } from './SignInForm';

/** Nobody signed in yet (or the session ended with the page closed): the sign-in page. */
export function SignInPage(props: { api: StoreApi; locale: Locale; onSignedIn: (session: Session) => void }) {
  const { t } = useTranslation();
  return (
    <Box component="main" sx={{ display: 'grid', placeItems: 'center', minHeight: '70vh' }}>
      <Paper sx={{ p: 4, width: 420 }} aria-labelledby="sign-in-title">
        <Typography id="sign-in-title" variant="h5" component="h1" gutterBottom>
          {t('signIn.title')}
        </Typography>
        <Typography variant="body2" sx={{ mb: 2 }}>
          {t('signIn.intro')}
        </Typography>
        <SignInForm {...props} />
      </Paper>
    </Box>
  );
}

/**
 * The counter locked (idle, Ctrl+Shift+L, or a session the host no longer accepts): an opaque modal over
 * the screens, which stay mounted underneath, so an intake being typed is kept for whoever signs
 * in next.
 */
export function LockScreen(props: { api: StoreApi; locale: Locale; onSignedIn: (session: Session) => void }) {
  const { t } = useTranslation();
  return (
    // Opaque: a passer-by sees nothing of the screens underneath. App puts the focus back itself.
    <Dialog open disableRestoreFocus aria-labelledby="lock-title" slotProps={{ backdrop: { sx: { backgroundColor: '#1b2433' } } }}>
      <DialogTitle id="lock-title">{t('signIn.locked.title')}</DialogTitle>
      <DialogContent>
        <Typography variant="body2" sx={{ mb: 2 }}>
          {t('signIn.locked.intro')}
        </Typography>
        <SignInForm {...props} />
      </DialogContent>
    </Dialog>
  );
}
