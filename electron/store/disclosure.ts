/**
 * What of a complainant's personal data leaves the store host towards a screen, by the reader's
 * role (docs/privacy.md). The masks are shared/domain/masking.ts'. Head office's copies (sync, the
 * export file) and the drafts a clerk typed do not come through here: they keep everything.
 *
 * - Identity document numbers: in full to supervisors and administrators only, masked for everyone
 *   else, wherever a case goes (its detail, the events of its timeline, a command's answer).
 * - Phone, name, address, e-mail: in full in a case's detail (the callback needs the number); the
 *   detail of an archived case is itself restricted (electron/store/archive.ts).
 * - List rows and search results carry no phone or ID number; an archived case's row shows that the
 *   case exists (number, state, dates) with the complainant's name and the business reference
 *   masked, except to supervisors and administrators.
 */
import type { CaseDetail, CaseSummary } from '../../shared/api/contract';
import type { Actor, CaseRecord, Complainant } from '../../shared/domain/case';
import { isSupervisorRole } from '../../shared/domain/enums';
import { looksMasked, maskComplainant, maskName, maskReference, type Disclosure } from '../../shared/domain/masking';
import type { CaseEvent } from '../../shared/ledger/eventHash';
import { StoreError } from './context';

function detailDisclosure(actor: Actor): Disclosure {
  return { idNumber: isSupervisorRole(actor.role), phone: true, contact: true };
}

/** A stored complainant (or an event's copy of one, which may predate some fields), masked for `full`. */
function maskedComplainant(value: unknown, full: Disclosure): unknown {
  if (typeof value !== 'object' || value === null) return value;
  const c = value as Partial<Complainant>;
  return maskComplainant(
    { ...c, idType: c.idType ?? 'resident_id', idNumber: c.idNumber ?? '', phone: c.phone ?? '', name: c.name ?? '' } as Complainant,
    full,
  );
}

export function recordFor(c: CaseRecord, actor: Actor): CaseRecord {
  const full = detailDisclosure(actor);
  return full.idNumber ? c : { ...c, complainant: maskedComplainant(c.complainant, full) as Complainant };
}

function eventFor(e: CaseEvent, full: Disclosure): CaseEvent {
  const change = e.changes.complainant;
  if (!change) return e;
  // The event's hash covers what was stored; the host verifies the chain (ledger.verify), screens do not.
  return { ...e, changes: { ...e.changes, complainant: [maskedComplainant(change[0], full), maskedComplainant(change[1], full)] } };
}

export function detailFor(detail: CaseDetail, actor: Actor): CaseDetail {
  const full = detailDisclosure(actor);
  return {
    ...detail,
    case: recordFor(detail.case, actor),
    events: full.idNumber ? detail.events : detail.events.map((e) => eventFor(e, full)),
    related: summariesFor(detail.related, actor),
  };
}

/** List rows and search results: an archived case's complainant and reference masked but for supervisors. */
export function summariesFor(rows: CaseSummary[], actor: Actor): CaseSummary[] {
  if (isSupervisorRole(actor.role)) return rows;
  return rows.map((r) =>
    r.state === 'archived' ? { ...r, complainantName: maskName(r.complainantName), businessRef: maskReference(r.businessRef) } : r,
  );
}

/**
 * A correction that sends back the masked ID number a screen showed would store the mask: refused,
 * the number must be typed in full. `payload` is the command's, before its schema reads it.
 */
export function refuseMaskedCorrection(name: string, payload: unknown): void {
  if (name !== 'update' || typeof payload !== 'object' || payload === null) return;
  const idNumber = (payload as { complainant?: { idNumber?: unknown } }).complainant?.idNumber;
  if (typeof idNumber === 'string' && looksMasked(idNumber)) {
    const key = 'errors.idNumber.masked';
    throw new StoreError({ code: 'invalid_input', message: key, issues: [{ path: 'command.payload.complainant.idNumber', key }] });
  }
}
