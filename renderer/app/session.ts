import type { SignedIn } from '../../shared/api/auth';
import type { Envelope } from '../../shared/api/contract';

/**
 * Who is at the counter, as the store host answered their sign-in. The token is what requests
 * carry; name and role are for the screens only (the host decides what the token may do).
 */
export type Session = SignedIn;
/** The person at the counter, without the token (what the screens show and offer). */
export type Person = Omit<SignedIn, 'token'>;

// Per window: a restarted app, or another tab, signs in again.
const KEY = 'countersign.session';

export function loadSession(): Session | null {
  try {
    const value = JSON.parse(sessionStorage.getItem(KEY) ?? 'null') as Session | null;
    return value && typeof value.token === 'string' && typeof value.staffId === 'string' ? value : null;
  } catch {
    return null;
  }
}

export function saveSession(session: Session | null): void {
  if (session) sessionStorage.setItem(KEY, JSON.stringify(session));
  else sessionStorage.removeItem(KEY);
}

export function envelopeOf(session: Session, locale: Envelope['locale']): Envelope {
  return { token: session.token, locale };
}
