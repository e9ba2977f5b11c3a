import type { Envelope } from '../../shared/api/contract';
import type { Role } from '../../shared/domain/enums';

/** Who is at the counter. Sign-in and sessions come with the oversight issue; until then, this machine's clerk. */
export interface Session {
  staffId: string;
  name: string;
  role: Role;
}

const KEY = 'countersign.session';

export function loadSession(): Session | null {
  try {
    const value = JSON.parse(localStorage.getItem(KEY) ?? 'null') as Session | null;
    return value && typeof value.staffId === 'string' ? value : null;
  } catch {
    return null;
  }
}

export function saveSession(session: Session): void {
  localStorage.setItem(KEY, JSON.stringify(session));
}

export function envelopeOf(session: Session, locale: Envelope['locale']): Envelope {
  return { actor: { staffId: session.staffId, role: session.role }, locale };
}
