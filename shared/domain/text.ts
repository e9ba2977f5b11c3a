import { z } from 'zod';

/**
 * Free text as clerks type it. HTML, emoji, zero-width characters and CJK Extension B are
 * legitimate text and stored verbatim (every output escapes). Control characters and broken
 * UTF-16 cannot come from a keyboard and would corrupt printing and export, so they are refused.
 */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;

export const MAX_TEXT = {
  name: 50,
  phone: 30,
  address: 200,
  businessRef: 64,
  idNumber: 30,
  email: 254,
  short: 500,
  long: 20_000,
} as const;

export function codePointLength(value: string): number {
  let n = 0;
  for (const _ of value) n++;
  return n;
}

/** Zero-width and other invisible characters alone print as a blank field. */
export function hasVisibleText(value: string): boolean {
  return value.replace(/[\s\u200B-\u200F\u2060-\u2064\uFEFF]/g, '').length > 0;
}

/** Control characters other than tab, line feed and carriage return: they cannot come from a keyboard. */
export function hasControlCharacters(value: string): boolean {
  return CONTROL.test(value);
}

function hasLoneSurrogate(value: string): boolean {
  return !value.isWellFormed();
}

/** A text field: `max` counts characters (code points), so a CJK Extension B name is not penalised. */
export function textField(max: number, options: { required?: boolean; multiline?: boolean } = {}) {
  const required = options.required ?? false;
  return z
    .string({ error: 'errors.text.notText' })
    .refine((v) => !required || hasVisibleText(v), { message: 'errors.required' })
    .refine((v) => codePointLength(v) <= max, { message: 'errors.text.tooLong', params: { max } })
    .refine((v) => !hasControlCharacters(v), { message: 'errors.text.control' })
    .refine((v) => options.multiline || !/[\r\n]/.test(v), { message: 'errors.text.singleLine' })
    .refine((v) => !hasLoneSurrogate(v), { message: 'errors.text.malformed' });
}

/** Epoch milliseconds, within a sane range (2000-01-01 .. 2100-01-01). */
export const timestamp = z
  .number({ error: 'errors.date.invalid' })
  .int({ message: 'errors.date.invalid' })
  .min(946_684_800_000, { message: 'errors.date.invalid' })
  .max(4_102_444_800_000, { message: 'errors.date.invalid' });

/**
 * When a complaint was received. Outside the sane range the message states the range accepted
 * (from 1 January 2000 up to now; the store refuses a time ahead of its clock the same way).
 */
export const receivedAtField = z
  .number({ error: 'errors.date.invalid' })
  .int({ message: 'errors.date.invalid' })
  .min(946_684_800_000, { message: 'errors.date.receivedRange' })
  .max(4_102_444_800_000, { message: 'errors.date.receivedRange' });

/** The id of a stored row (a case, an attachment, a draft, a print): a UUID in lower case. */
export const rowId = z
  .string({ error: 'errors.request.invalid' })
  .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, { message: 'errors.request.invalid' });

export const staffId = z.string({ error: 'errors.staff.invalid' }).regex(/^[A-Za-z0-9_-]{1,32}$/, { message: 'errors.staff.invalid' });
