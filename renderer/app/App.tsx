import {
  Alert,
  AppBar,
  Box,
  Button,
  CssBaseline,
  LinearProgress,
  Tab,
  Tabs,
  ThemeProvider,
  Toolbar,
  Typography,
  createTheme,
} from '@mui/material';
import { enUS, zhCN, zhTW } from '@mui/material/locale';
import { Suspense, lazy, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuthStatus } from '../../shared/api/auth';
import type { Branch, StoreApi } from '../../shared/api/contract';
import type { Locale } from '../../shared/i18n/translate';
import { LanguageSelect } from './LanguageSelect';
import { CaseScreen } from '../features/case/CaseScreen';
import { IntakeScreen } from '../features/intake/IntakeScreen';
import { QueueScreen } from '../features/queues/QueueScreen';
import { SettingsScreen } from '../features/settings/SettingsScreen';
import { isSupervisorRole } from '../../shared/domain/enums';
import { ExportReminder } from '../features/settings/ExportSection';
import { FirstRun } from '../features/setup/FirstRun';
import { CalendarReminder } from './CalendarReminder';
import { AccessRequests } from '../features/archive/AccessRequests';
import { NotificationBadge, UrgentAlerts } from './Escalations';
import { envelopeOf, loadSession, saveSession, type Session } from './session';
import { LockScreen, SignInPage } from '../features/signIn/LockScreen';
import { IdleLock, PersonButton, useLockShortcut, watchingSignOut } from './lock';
import { StoreContext } from './store';
import { SyncStatus } from './SyncStatus';

// The oversight screens (and their charts) load when first opened: the counter starts without their code.
const StatsScreen = lazy(() => import('../features/stats/StatsScreen').then((m) => ({ default: m.StatsScreen })));
const AccountabilityScreen = lazy(() =>
  import('../features/accountability/AccountabilityScreen').then((m) => ({ default: m.AccountabilityScreen })),
);

const MUI_LOCALES = { 'zh-CN': zhCN, 'zh-TW': zhTW, en: enUS } as const;

type Screen = 'intake' | 'queues' | 'stats' | 'accountability' | 'settings';

export function App({ api }: { api: StoreApi }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const theme = useMemo(() => createTheme({ palette: { primary: { main: '#1d4e89' } } }, MUI_LOCALES[locale]), [locale]);
  const [session, setSession] = useState<Session | null>(() => loadSession());
  const [auth, setAuth] = useState<AuthStatus | undefined>(undefined);
  const [branch, setBranch] = useState<Branch | null | undefined>(undefined);
  const [locked, setLocked] = useState(false);
  const [screen, setScreen] = useState<Screen>('intake');
  const [storeError, setStoreError] = useState<string | null>(null);
  const [openCase, setOpenCase] = useState<string | null>(null);

  useEffect(() => {
    // Once at start: whether the branch has an administrator yet, and whether this window's session still holds.
    const stored = loadSession();
    // Both at once: one round trip to a store that may be busy loading its read model.
    const asked = stored ? api.call('auth.whoami', {}, envelopeOf(stored, i18n.language as Locale)) : null;
    void api.call('auth.status', {}, { locale: i18n.language as Locale }).then(async (r) => {
      // A store that cannot open must never look like a new branch (the first-run form would invite a second set-up).
      if (!r.ok) return setStoreError(r.error.message);
      if (stored && asked) {
        const me = await asked;
        const current = me.ok ? { ...stored, ...me.value } : null;
        saveSession(current);
        setSession(current);
      }
      setBranch(r.value.branch);
      setAuth(r.value);
    });
  }, [api, i18n]);

  useEffect(() => {
    document.documentElement.lang = locale;
    document.title = t('app.title');
  }, [locale, t]);

  // The field being typed in when the counter locked: whoever signs in goes on typing there.
  const focusBeforeLock = useRef<Element | null>(null);
  const signedIn = useCallback((s: Session) => {
    saveSession(s);
    setSession(s);
    setLocked(false);
    const back = focusBeforeLock.current;
    focusBeforeLock.current = null;
    if (back instanceof HTMLElement && back.isConnected && back.matches('input, textarea')) setTimeout(() => back.focus(), 0);
  }, []);
  const lock = useCallback(() => {
    focusBeforeLock.current = document.activeElement;
    // The host ends the session: a locked counter's token opens nothing, whoever finds the window.
    if (session) void api.call('auth.signOut', {}, envelopeOf(session, locale));
    setLocked(true);
  }, [api, session, locale]);
  // Any answer that the session is no longer good (expired, reset, removed) locks the counter.
  const watched = useMemo(() => watchingSignOut(api, () => setLocked(true)), [api]);
  const store = useMemo(
    () => (session ? { api: watched, envelope: envelopeOf(session, locale), person: session } : null),
    [watched, session, locale],
  );
  useLockShortcut(!!session && !locked, lock);
  const openFromAnywhere = (caseId: string) => {
    setScreen('queues');
    setOpenCase(caseId);
  };

  let body;
  if (storeError) {
    body = (
      <Box component="main" sx={{ p: 4, maxWidth: 720, mx: 'auto' }}>
        <Alert
          severity="error"
          role="alert"
          action={
            <Button color="inherit" onClick={() => window.location.reload()}>
              {t('app.retry')}
            </Button>
          }
        >
          <Typography component="h1" variant="h6">
            {t('app.storeFailed')}
          </Typography>
          <Typography variant="body2">{storeError}</Typography>
        </Alert>
      </Box>
    );
  } else if (auth === undefined || branch === undefined) {
    body = (
      <Box sx={{ display: 'grid', placeItems: 'center', minHeight: '60vh' }} role="status">
        {/* With many cases the store reads them all once at start (seconds at 100,000). */}
        <Box sx={{ width: 360, textAlign: 'center' }}>
          <Typography variant="body1" sx={{ mb: 1 }}>
            {t('app.loading')}
          </Typography>
          <LinearProgress aria-label={t('app.loading')} />
        </Box>
      </Box>
    );
  } else if (!auth.hasAdministrator || (session && !branch)) {
    body = (
      <FirstRun
        api={api}
        locale={locale}
        session={auth.hasAdministrator ? session : null}
        branch={branch}
        onDone={(s, b) => {
          setAuth({ hasAdministrator: true, branch: b });
          setBranch(b);
          signedIn(s);
        }}
      />
    );
  } else if (!session || !store || !branch) {
    body = <SignInPage api={api} locale={locale} onSignedIn={signedIn} />;
  } else {
    body = (
      <StoreContext.Provider value={store}>
        {locked ? <LockScreen api={api} locale={locale} onSignedIn={signedIn} /> : <IdleLock onIdle={lock} />}
        <UrgentAlerts onOpen={openFromAnywhere} />
        <CalendarReminder
          onOpenSettings={() => {
            setScreen('settings');
            setOpenCase(null);
          }}
        />
        <AccessRequests />
        <Box component="main" sx={{ p: 2 }}>
          {screen === 'intake' && (
            <IntakeScreen
              branch={branch}
              onOpenCase={(id) => {
                setScreen('queues');
                setOpenCase(id);
              }}
            />
          )}
          {screen === 'queues' && !openCase && <QueueScreen branch={branch} onOpen={setOpenCase} />}
          {screen === 'queues' && openCase && (
            <CaseScreen key={openCase} caseId={openCase} branch={branch} onBack={() => setOpenCase(null)} onOpen={setOpenCase} />
          )}
          <Suspense fallback={<LinearProgress aria-label={t('app.loading')} />}>
            {screen === 'stats' && <StatsScreen onOpen={openFromAnywhere} />}
            {screen === 'accountability' && <AccountabilityScreen onOpen={openFromAnywhere} />}
          </Suspense>
          {screen === 'settings' && <SettingsScreen branch={branch} onBranchChange={setBranch} />}
        </Box>
      </StoreContext.Provider>
    );
  }

  return (
    <ThemeProvider theme={theme}>
      <CssBaseline />
      <AppBar position="static" color="default" elevation={1}>
        <Toolbar sx={{ gap: 2 }}>
          {/* The title gives way first on a narrow bar (the tabs and the sync state must stay whole). */}
          <Typography variant="h6" component="p" noWrap sx={{ flexShrink: 20, minWidth: 120 }}>
            {branch ? `${branch.branchName} · ${t('app.title')}` : t('app.title')}
          </Typography>
          {branch && session && (
            <Tabs
              value={screen}
              onChange={(_, v: Screen) => {
                setScreen(v);
                setOpenCase(null);
              }}
              aria-label={t('app.title')}
              variant="scrollable"
              scrollButtons="auto"
              sx={{ flex: '1 1 auto', minWidth: 0 }}
            >
              <Tab value="intake" label={t('nav.intake')} />
              <Tab value="queues" label={t('nav.queues')} />
              {isSupervisorRole(session.role) && <Tab value="stats" label={t('nav.stats')} />}
              <Tab value="accountability" label={t('nav.accountability')} />
              <Tab value="settings" label={t('nav.settings')} />
            </Tabs>
          )}
          {branch && store && (
            <StoreContext.Provider value={store}>
              <SyncStatus />
              <NotificationBadge onOpen={openFromAnywhere} />
              <PersonButton onLock={lock} />
            </StoreContext.Provider>
          )}
          <LanguageSelect sx={{ ml: 'auto', width: 150, flexShrink: 0 }} />
        </Toolbar>
      </AppBar>
      {branch && store && session && (
        <StoreContext.Provider value={store}>
          <ExportReminder onOpen={() => (setScreen('settings'), setOpenCase(null))} />
        </StoreContext.Provider>
      )}
      {body}
    </ThemeProvider>
  );
}
