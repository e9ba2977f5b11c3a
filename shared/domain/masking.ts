/**
 * Masking of a complainant's personal data, for what leaves the store host towards a screen that
 * does not need it in full (docs/privacy.md says who needs what). One rule per kind of data:
 * - phone: a mainland mobile keeps its first 3 and last 4 digits (138****8000); a landline keeps
 *   its area code and the last 4 digits of the local number (0755-****1234, an extension hidden);
 *   any other number (400/800, abroad, or a legacy value) keeps its first 3 and last 4 characters,
 *   and a short one only its end.
 * - identity documents: `maskIdNumber` of idNumber.ts, the same mask the screens and the printed
 *   forms always used (110105********002X).
 * - name and business reference of an archived case in lists: the first character of the name
 *   (王**), the last 4 characters of the reference.
 */
import type { Complainant } from './case';
import { knownIdType, maskIdNumber } from './idNumber';
import { parsePhone } from './phone';

const stars = (n: number) => '*'.repeat(Math.max(n, 0));

/** The first `head` and last `tail` characters shown and at least 4 hidden; a short value shows only its end. */
function keepEnds(value: string, head: number, tail: number): string {
  if (value.length >= head + tail + 4) return value.slice(0, head) + stars(value.length - head - tail) + value.slice(-tail);
  const t = Math.min(tail, Math.floor(value.length / 3));
  return stars(value.length - t) + (t > 0 ? value.slice(-t) : '');
}

/** Phones keep their last 4 digits and hide at least 3 before them; `head` characters are kept in front when long enough. */
function keepTail(value: string, head: number): string {
  if (value.length < 7) return keepEnds(value, 0, 4);
  const h = Math.min(head, value.length - 7);
  return value.slice(0, h) + stars(value.length - h - 4) + value.slice(-4);
}

/** A stored landline: area code, local number, extension (shared/domain/phone.ts' normalized form). */
const STORED_LANDLINE = /^(0\d{2,3})-(\d{7,8})(?:-(\d{1,6}))?$/;

export function maskPhone(phone: string): string {
  if (phone === '') return '';
  const landline = STORED_LANDLINE.exec(phone);
  if (landline) return `${landline[1]}-${keepTail(landline[2]!, 0)}${landline[3] ? `-${stars(landline[3].length)}` : ''}`;
  // Mobiles (138****8000), 400/800 numbers, numbers abroad, and anything stored before phones were checked.
  return keepTail(parsePhone(phone)?.normalized ?? phone, 3);
}

/** The first character of a name (a surname, mostly), the rest hidden: 王小明 → 王**. */
export function maskName(name: string): string {
  const chars = Array.from(name.trim());
  if (chars.length === 0) return '';
  return chars.length === 1 ? '*' : chars[0] + stars(chars.length - 1);
}

/** A business reference (ticket, waybill, contract number): only its last 4 characters. */
export function maskReference(ref: string): string {
  return ref === '' ? '' : keepEnds(ref, 0, 4);
}

/** Which of a complainant's data a reader may see in full; everything else is masked. */
export interface Disclosure {
  idNumber: boolean;
  phone: boolean;
  /** Name, address and e-mail. */
  contact: boolean;
}

export function maskComplainant(c: Complainant, full: Disclosure): Complainant {
  return {
    ...c,
    idNumber: full.idNumber || c.idNumber === '' ? c.idNumber : maskIdNumber(knownIdType(c.idType), c.idNumber),
    phone: full.phone ? c.phone : maskPhone(c.phone),
    ...(full.contact ? {} : { name: maskName(c.name), address: c.address === '' ? '' : stars(4), email: maskEmail(c.email) }),
  };
}

/** w***@example.com: the first character of the mailbox and the domain. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at <= 0) return email === '' ? '' : stars(email.length);
  return `${email[0]}***${email.slice(at)}`;
}

/** Whether a text is (or holds) a mask rather than a value someone typed. */
export function looksMasked(value: string): boolean {
  return value.includes('***');
}
