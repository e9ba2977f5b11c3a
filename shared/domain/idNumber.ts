/** Resident identity card numbers (GB 11643-1999): 18 characters, birth date, ISO 7064 MOD 11-2 check. */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

export function idCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (WEIGHTS[i] ?? 0);
  return CHECK_CHARS[sum % 11] ?? '';
}

export function isValidIdNumber(input: string): boolean {
  const value = input.trim().toUpperCase();
  if (!/^[1-9]\d{16}[\dX]$/.test(value)) return false;
  const year = Number(value.slice(6, 10));
  const month = Number(value.slice(10, 12));
  const day = Number(value.slice(12, 14));
  const birth = new Date(Date.UTC(year, month - 1, day));
  if (year < 1900 || birth.getTime() > Date.now() || birth.getUTCMonth() !== month - 1 || birth.getUTCDate() !== day) return false;
  return idCheckChar(value.slice(0, 17)) === value[17];
}

/**
 * Identity documents a complainant may show at the counter, each with its one rule and its mask.
 * - resident_id: 居民身份证, 18 characters, GB 11643 check (above). The residence permits of Hong Kong,
 *   Macau and Taiwan residents (港澳台居民居住证, 810000/820000/830000) and the 2023 foreigner's permanent
 *   residence card (外国人永久居留身份证, 9…) use the same 18-character number, so they are recorded here.
 * - hk_macau_permit: 往来港澳通行证 (mainland residents), card version since 2014: C then 8 characters,
 *   a letter or digit then 7 digits (C12345678, CA1234567).
 * - hk_macau_home_permit: 港澳居民来往内地通行证 (回乡证): H (Hong Kong) or M (Macau) then 8 digits (card,
 *   since 2013) or 10 digits (the booklet before it).
 * - taiwan_permit: 台湾居民来往大陆通行证 (台胞证), card version since 2015: 8 digits. The booklets before it
 *   ran five years and have all expired.
 * - passport: any country's; ICAO 9303 allows up to 9 letters and digits. 5–9, at least one digit
 *   (E12345678, EA1234567 for the People's Republic).
 * - other: whatever document the customer had, as written on it (a single line, checked as text only).
 */
export const ID_TYPES = ['resident_id', 'hk_macau_permit', 'hk_macau_home_permit', 'taiwan_permit', 'passport', 'other'] as const;
export type IdType = (typeof ID_TYPES)[number];

interface IdTypeRule {
  isValid: (normalized: string) => boolean;
  /** The i18n key of the message when the number does not fit. */
  message: string;
  mask: (normalized: string) => string;
}

const stars = (n: number) => '*'.repeat(Math.max(n, 0));
/** The first `head` and last `tail` characters shown, at least 4 hidden; a short number shows only its end. */
function keepEnds(value: string, head: number, tail: number): string {
  if (value.length >= head + tail + 4) return value.slice(0, head) + stars(value.length - head - tail) + value.slice(-tail);
  const t = Math.min(tail, Math.floor(value.length / 3));
  return stars(value.length - t) + (t > 0 ? value.slice(-t) : '');
}

export const ID_TYPE_RULES: Readonly<Record<IdType, IdTypeRule>> = {
  // 110105********002X: the region (first 6) and the last 4, as railway tickets and banks print it.
  resident_id: { isValid: isValidIdNumber, message: 'errors.idNumber.invalid', mask: (v) => keepEnds(v, 6, 4) },
  // The other documents: the letter that tells which document it is, and the last 3 (C*****678).
  hk_macau_permit: { isValid: (v) => /^C[A-Z\d]\d{7}$/.test(v), message: 'errors.idNumber.hkMacauPermit', mask: (v) => keepEnds(v, 1, 3) },
  hk_macau_home_permit: {
    isValid: (v) => /^[HM](\d{8}|\d{10})$/.test(v),
    message: 'errors.idNumber.hkMacauHomePermit',
    mask: (v) => keepEnds(v, 1, 3),
  },
  taiwan_permit: { isValid: (v) => /^\d{8}$/.test(v), message: 'errors.idNumber.taiwanPermit', mask: (v) => keepEnds(v, 1, 3) },
  passport: {
    isValid: (v) => /^[A-Z\d]{5,9}$/.test(v) && /\d/.test(v),
    message: 'errors.idNumber.passport',
    mask: (v) => keepEnds(v, 1, 3),
  },
  other: { isValid: (v) => v.length > 0, message: 'errors.idNumber.other', mask: (v) => keepEnds(v, 1, 3) },
};

/** As typed, without full-width forms (NFKC), spaces or dashes, in capitals: what is stored. */
export function normalizeIdNumber(input: string): string {
  return input
    .normalize('NFKC')
    .replace(/[\s\-\u2010-\u2015\u2212]/g, '')
    .toUpperCase();
}

/** Whether `input` is a number of a document of `type` (after normalizing). */
export function isValidIdOfType(type: IdType, input: string): boolean {
  return ID_TYPE_RULES[type].isValid(normalizeIdNumber(input));
}

/** A stored type as one of ours: a damaged or unknown one is treated as "other". */
export function knownIdType(type: unknown): IdType {
  return (ID_TYPES as readonly unknown[]).includes(type) ? (type as IdType) : 'other';
}

/** The number as screens and the printed form show it: most characters replaced by *. */
export function maskIdNumber(type: IdType, input: string): string {
  const value = normalizeIdNumber(input);
  return value === '' ? '' : ID_TYPE_RULES[knownIdType(type)].mask(value);
}
