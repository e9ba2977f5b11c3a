import { Button } from '@mui/material';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { IDLE_LOCK_MINUTES } from '../../shared/api/auth';
import type { Result, StoreApi } from '../../shared/api/contract';
import { useLive, useStore } from './store';

/** The store API as the screens use it, calling `onSignedOut` whenever the host no longer accepts the session. */
export function watchingSignOut(api: StoreApi, onSignedOut: () => void): StoreApi {
  const watch = <T,>(r: Result<T>): Result<T> => {
    if (!r.ok && r.error.code === 'unauthenticated') onSignedOut();
    return r;
  };
  return {
    call: async (method, params, envelope) => watch(await api.call(method, params, envelope)),
    subscribe: (method, params, envelope, onResult) => api.subscribe(method, params, envelope, (r) => onResult(watch(r))),
  };
}

/** Ctrl+Shift+L locks the counter for the next person (the same short form signs anyone in). */
export function useLockShortcut(active: boolean, lock: () => void): void {
  useEffect(() => {
    if (!active) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey && e.shiftKey && !e.altKey && e.key.toLowerCase() === 'l') {
        e.preventDefault();
        lock();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [active, lock]);
}

const INPUT_EVENTS = ['keydown', 'pointerdown', 'pointermove', 'wheel'] as const;
const CHECK_EVERY_MS = 5_000;

/** Locks after the branch's idle time (settings) without keyboard or pointer input in this window. */
export function IdleLock({ onIdle }: { onIdle: () => void }) {
  const settings = useLive('auth.settings', {});
  const minutes = settings?.ok ? settings.value.idleLockMinutes : IDLE_LOCK_MINUTES.default;
  const lastInput = useRef(Date.now());
  useEffect(() => {
    lastInput.current = Date.now();
    const seen = () => (lastInput.current = Date.now());
    for (const type of INPUT_EVENTS) window.addEventListener(type, seen, { passive: true });
    const timer = setInterval(() => {
      if (Date.now() - lastInput.current >= minutes * 60_000) onIdle();
    }, CHECK_EVERY_MS);
    return () => {
      clearInterval(timer);
      for (const type of INPUT_EVENTS) window.removeEventListener(type, seen);
    };
  }, [minutes, onIdle]);
  return null;
}

/**
 * Who is at the counter, in the app bar (their name: the bar is full); its accessible name and
 * tooltip say the role and the shortcut. Pressing it (or Ctrl+Shift+L) locks for the next person.
 */
export function PersonButton({ onLock }: { onLock: () => void }) {
  const { t } = useTranslation();
  const { person } = useStore();
  const hint = t('signIn.switchHint', { name: person.name, role: t(`role.${person.role}`) });
  return (
    <Button
      color="inherit"
      variant="outlined"
      size="small"
      onClick={onLock}
      aria-label={hint}
      title={hint}
      aria-keyshortcuts="Control+Shift+L"
      sx={{ textTransform: 'none', whiteSpace: 'nowrap', flexShrink: 0, maxWidth: 160, overflow: 'hidden', textOverflow: 'ellipsis' }}
    >
      {person.name}
    </Button>
  );
}
