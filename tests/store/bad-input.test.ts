/**
 * Bad and hostile input, table-driven. Every row is sent through the store host exactly as a
 * window or worker would send it, and is either refused (a coded error with a translated message
 * and, for form fields, the path of the field) or stored verbatim (read back and found by search).
 * After the table: nothing saved before it was lost or changed, refused rows wrote nothing, and
 * the hash chain is intact. Runs in Node (fake-indexeddb) and in Chromium: web APIs only.
 *
 * Decisions recorded here:
 * - Phone numbers in full-width digits (１３８…, ＋８５２, －, what a Chinese IME in full-width mode
 *   types) are converted (NFKC) and stored in their normalized form, like every phone number
 *   (13812345678, 010-65123456-808, +85291234567); so are ID numbers (in capitals, without spaces)
 *   and e-mail addresses. Full-width letters/digits in free text (business reference) are stored
 *   verbatim; search folds them (NFKC), so 'dp2026' finds 'ＤＰ２０２６'.
 * - A complaint needs a name and a way of contact (phone, address or e-mail); only a report may be
 *   anonymous, and then records none of them (shared/domain/contact.ts).
 * - Bidi controls (U+202E) and zero-width characters are format characters, not control
 *   characters: stored verbatim like HTML and emoji (every output escapes and isolates them).
 * - Issue paths name the field in the request parameters: `intake.complainant.phone` for
 *   cases.register, `command.payload.…` for cases.command, `actor.role` / `locale` for the envelope.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StoreHost } from '../../electron/store/host';
import { MAX_DRAFT_BYTES, type ApiError, type CaseDetail, type Draft, type Envelope, type Result } from '../../shared/api/contract';
import type { CaseRecord } from '../../shared/domain/case';
import { normalizedPhone } from '../../shared/domain/case';
import { halfWidth } from '../../shared/domain/phone';
import { idCheckChar, maskIdNumber, normalizeIdNumber } from '../../shared/domain/idNumber';
import { CLERK, configuredHost, EN, HANDLER, intake, MONDAY_10AM, OTHER_CLERK, SUPERVISOR } from './fixtures';
import { needsSupervisor } from '../../shared/workflow';

type Loose = Record<string, unknown>;
type Localize = (envelope: Envelope) => Envelope;
type Call = (host: StoreHost, localize: Localize) => Promise<Result<unknown>>;

interface Refusal {
  code: ApiError['code'];
  /** The error's own key (for request errors: the first issue's key). */
  key: string;
  /** A field path that must appear among `issues`, with `issueKey` (default: `key`). */
  path?: string;
  issueKey?: string;
  /** The exact English message (the call is repeated with locale 'en'). */
  en?: string;
}

type Row =
  | { name: string; call: Call; refused: Refusal }
  | { name: string; call: Call; stored: Stored }
  | { name: string; call: Call; draft: { draftId: string; data: unknown } };

/** An intake the store must keep; `complainant` names the stored values a row checks by hand. */
interface Stored {
  intake: Loose;
  find?: string;
  also?: (host: StoreHost) => Promise<void>;
  complainant?: Loose;
}

// ---- inputs -------------------------------------------------------------------------------

const BASE = intake() as unknown as Loose & { complainant: Loose };
const withIntake = (patch: Loose): Loose => ({ ...BASE, ...patch });
const withPerson = (patch: Loose): Loose => ({ ...BASE, complainant: { ...BASE.complainant, ...patch } });
const without = (key: string): Loose => {
  const copy: Loose = { ...BASE };
  delete copy[key];
  return copy;
};

/** An ID number whose check digit is right, so only the date can be wrong. */
const idWith = (first17: string) => first17 + idCheckChar(first17);
const VALID_ID = idWith('11010519491231002'); // 11010519491231002X
const BAD_CHECK_ID = '110105194912310021';

const FUTURE = MONDAY_10AM + 60 * 60_000;
const PAWNSHOP_ONLY_ERRORS = 'errors.category.notInProfile';
const MISSING_UUID = '0190f0c4-0000-7000-8000-000000000000';

const EN_TOO_LONG_NAME = 'At most 50 characters';
const EN_TOO_LONG_TEXT = 'At most 20000 characters';
const EN_CONTROL = 'Contains control characters that cannot be printed; remove them and try again';
const EN_MALFORMED = 'The text is garbled (broken encoding); please retype it';
const EN_PHONE =
  'Invalid phone number: mobiles have 11 digits, landlines need the area code, numbers abroad start with + and the country code (+852 9123 4567)';
const EN_NO_CONTACT = 'Give at least one way to reach the customer for the callback: a phone, an address or an e-mail address';
const NOBODY = { name: '', phone: '', address: '', email: '', idNumber: '' };
const EN_ID = 'Invalid ID number (18 characters with a valid check digit)';

// ---- shared state -------------------------------------------------------------------------

let host: StoreHost;
/** The case saved before the table; rows aim commands at it, and it must come out unchanged. */
let baseline: CaseRecord;
let baselineDetail: CaseDetail;
/** A clerk's autosaved draft saved before the table; it must survive every row. */
const clerkDraft = { draftId: crypto.randomUUID(), data: { content: '客户还在柜台，尚未填完' } };
let clerkDraftSaved: Draft;
/** Ids of every case a cases.register row actually created (whatever the row expected). */
const registered: string[] = [];

// ---- calls --------------------------------------------------------------------------------

const registerCall =
  (value: unknown, envelope: Envelope = CLERK, extra: Loose = {}): Call =>
  (h, localize) =>
    h.call('cases.register', { intake: value, ...extra } as never, localize(envelope));

const commandCall =
  (name: string, payload: unknown, envelope: Envelope = CLERK, over: { caseId?: unknown; expectedVersion?: unknown } = {}): Call =>
  (h, localize) =>
    h.call(
      'cases.command',
      {
        caseId: 'caseId' in over ? over.caseId : baseline.id,
        expectedVersion: 'expectedVersion' in over ? over.expectedVersion : baseline.version,
        command: { name, payload },
      } as never,
      localize(envelope),
    );

const rawCall =
  (method: string, params: unknown, envelope: Envelope = CLERK): Call =>
  (h, localize) =>
    h.call(method as never, params as never, localize(envelope));

/** A broken envelope: the locale cannot be trusted either, so answers come in zh-CN. */
const envelopeCall =
  (envelope: unknown): Call =>
  (h) =>
    h.call('cases.get', { caseId: baseline.id }, (typeof envelope === 'function' ? envelope() : envelope) as Envelope);

// ---- row builders -------------------------------------------------------------------------

const no = (name: string, call: Call, refused: Refusal): Row => ({ name, call, refused });

/** An intake refused for one field. */
const badIntake = (name: string, value: Loose, path: string, key: string, more: Partial<Refusal> = {}): Row =>
  no(name, registerCall(value), { code: 'invalid_input', key, path: `intake.${path}`, ...more });

/** An intake stored with these complainant values (as normalized), checked by hand. */
const keepsAs = (name: string, value: Loose, complainant: Loose): Row => ({
  name,
  call: registerCall(value),
  stored: { intake: value, complainant },
});

/** An intake stored verbatim, found again by `find`. */
const keeps = (name: string, value: Loose, find?: string, also?: (h: StoreHost) => Promise<void>, call = registerCall(value)): Row => ({
  name,
  call,
  stored: { intake: value, ...(find === undefined ? {} : { find }), ...(also ? { also } : {}) },
});

const draftRow = (name: string, data: unknown): Row => {
  const draftId = crypto.randomUUID();
  return { name, call: (h, localize) => h.call('drafts.save', { draftId, data }, localize(HANDLER)), draft: { draftId, data } };
};

const circular: Loose = { content: '循环引用' };
circular.self = circular;

const rows: Row[] = [
  // -- complainant name --
  badIntake('name: empty', withPerson({ name: '' }), 'complainant.name', 'errors.required', { en: 'Required' }),
  badIntake('name: spaces only', withPerson({ name: '   ' }), 'complainant.name', 'errors.required'),
  badIntake('name: ideographic spaces only (U+3000)', withPerson({ name: '\u3000\u3000' }), 'complainant.name', 'errors.required'),
  badIntake('name: zero-width space only (prints as a blank name)', withPerson({ name: '\u200B' }), 'complainant.name', 'errors.required'),
  badIntake('name: 100k characters', withPerson({ name: 'x'.repeat(100_000) }), 'complainant.name', 'errors.text.tooLong', {
    en: EN_TOO_LONG_NAME,
  }),
  badIntake('name: 51 CJK characters', withPerson({ name: '王'.repeat(51) }), 'complainant.name', 'errors.text.tooLong'),
  badIntake('name: a number', withPerson({ name: 42 }), 'complainant.name', 'errors.text.notText', { en: 'Must be text' }),
  badIntake('name: null', withPerson({ name: null }), 'complainant.name', 'errors.text.notText'),
  badIntake('name: an array', withPerson({ name: ['王小明'] }), 'complainant.name', 'errors.text.notText'),
  badIntake('name: an object', withPerson({ name: { toString: '王小明' } }), 'complainant.name', 'errors.text.notText'),
  badIntake('name: NUL inside', withPerson({ name: '王\u0000小明' }), 'complainant.name', 'errors.text.control', { en: EN_CONTROL }),
  badIntake('name: BEL', withPerson({ name: '王小明\u0007' }), 'complainant.name', 'errors.text.control'),
  badIntake('name: ANSI escape', withPerson({ name: '\u001b[31m王小明' }), 'complainant.name', 'errors.text.control'),
  badIntake('name: DEL', withPerson({ name: '王小明\u007F' }), 'complainant.name', 'errors.text.control'),
  badIntake('name: C1 next-line U+0085', withPerson({ name: '王\u0085小明' }), 'complainant.name', 'errors.text.control'),
  badIntake('name: lone high surrogate', withPerson({ name: '王\uD800' }), 'complainant.name', 'errors.text.malformed', {
    en: EN_MALFORMED,
  }),
  badIntake('name: newline', withPerson({ name: '王\n小明' }), 'complainant.name', 'errors.text.singleLine', {
    en: 'Must be a single line',
  }),
  keeps('name: <img onerror> stored verbatim', withPerson({ name: '<img src=x onerror=alert(1)>' }), 'onerror=alert'),
  keeps('name: zero-width space inside stored verbatim', withPerson({ name: '王\u200B小明' }), '王\u200B小'),
  keeps('name: RTL override stored verbatim', withPerson({ name: '\u202E明小王' }), '\u202E明小'),
  keeps('name: CJK Extension B stored verbatim', withPerson({ name: '陈𠀀𪚥' }), '𠀀𪚥'),
  keeps('name: 50 CJK Ext B characters (100 UTF-16 units) fit', withPerson({ name: '𪚥'.repeat(50) }), '𪚥𪚥𪚥'),
  keeps('name: family emoji stored verbatim', withPerson({ name: '👩‍👩‍👧 李女士' }), '👩‍👩‍👧'),
  keeps('name: SQL-ish stored verbatim', withPerson({ name: "Robert'); DROP TABLE cases;--" }), 'DROP TABLE cases'),

  // -- phone --
  badIntake('phone: 12345', withPerson({ phone: '12345' }), 'complainant.phone', 'errors.phone.invalid', { en: EN_PHONE }),
  badIntake('phone: 10-digit 1381234567', withPerson({ phone: '1381234567' }), 'complainant.phone', 'errors.phone.invalid'),
  badIntake('phone: 14 digits', withPerson({ phone: '13812345678901' }), 'complainant.phone', 'errors.phone.invalid'),
  badIntake(
    'phone: +1 555 123 4567 (North American exchange starting with 1)',
    withPerson({ phone: '+1 555 123 4567' }),
    'complainant.phone',
    'errors.phone.invalid',
  ),
  badIntake('phone: +852 with 7 digits', withPerson({ phone: '+852 9123 456' }), 'complainant.phone', 'errors.phone.invalid'),
  badIntake('phone: letters', withPerson({ phone: '138abcd5678' }), 'complainant.phone', 'errors.phone.invalid'),
  keepsAs(
    'phone: full-width digits, sent as typed by the intake form, stored converted',
    withPerson({ phone: '１３８－１２３４－５６７８' }),
    {
      phone: '13812345678',
    },
  ),
  keepsAs('phone: ＋８５２ typed full-width stored as +85291234567', withPerson({ phone: '＋８５２　９１２３　４５６７' }), {
    phone: '+85291234567',
  }),
  keepsAs('phone: +853 Macau stored in E.164 form', withPerson({ phone: '+853 6612 3456' }), { phone: '+85366123456' }),
  keepsAs('phone: +886 Taiwan stored in E.164 form', withPerson({ phone: '+886 912 345 678' }), { phone: '+886912345678' }),
  keepsAs('phone: +1 North America stored in E.164 form', withPerson({ phone: '+1 (415) 555-0100' }), { phone: '+14155550100' }),
  badIntake('phone: zero-width space inside', withPerson({ phone: '138\u200B1234 5678' }), 'complainant.phone', 'errors.phone.invalid'),
  badIntake('phone: 12x mobile prefix', withPerson({ phone: '12812345678' }), 'complainant.phone', 'errors.phone.invalid'),
  badIntake('phone: landline without enough digits', withPerson({ phone: '020-12345' }), 'complainant.phone', 'errors.phone.invalid'),
  keepsAs('phone: empty, with an address (a letter reaches the customer), stored as empty', withPerson({ phone: '' }), { phone: '' }),
  badIntake(
    'contact: no phone, no address, no e-mail',
    withPerson({ phone: '', address: '', email: '' }),
    'complainant.phone',
    'errors.contact.none',
    {
      en: EN_NO_CONTACT,
    },
  ),
  badIntake(
    'contact: a named report with no way of contact either',
    { ...withPerson({ phone: '  ', address: '' }), isReport: true },
    'complainant.phone',
    'errors.contact.none',
  ),
  keepsAs(
    'contact: only an e-mail address, converted from full width',
    withPerson({ phone: '', address: '', email: 'ｗａｎｇ＠ｅｘａｍｐｌｅ．ｃｏｍ' }),
    {
      phone: '',
      address: '',
      email: 'wang@example.com',
    },
  ),
  badIntake('email: no domain', withPerson({ email: 'wang@' }), 'complainant.email', 'errors.email.invalid', {
    en: 'Invalid e-mail address; it looks like name@example.com',
  }),
  badIntake('email: newline', withPerson({ email: 'a@b.cn\nBcc: x@y.cn' }), 'complainant.email', 'errors.text.singleLine'),

  // -- anonymous reports --
  keepsAs(
    'anonymous: a report with no name and no way of contact stored as anonymous',
    { ...withPerson({ ...NOBODY, anonymous: true }), isReport: true },
    {
      ...NOBODY,
      anonymous: true,
    },
  ),
  badIntake(
    'anonymous: a complaint (not a report)',
    withPerson({ ...NOBODY, anonymous: true }),
    'complainant.anonymous',
    'errors.anonymous.reportOnly',
    {
      en: 'Only a whistle-blowing report may be anonymous; a complaint needs a name and a way of contact',
    },
  ),
  badIntake(
    'anonymous: a report that keeps a phone',
    { ...withPerson({ ...NOBODY, phone: '13812345678', anonymous: true }), isReport: true },
    'complainant.anonymous',
    'errors.anonymous.withDetails',
  ),
  badIntake(
    'anonymous: the string true',
    { ...withPerson({ ...NOBODY, anonymous: 'true' }), isReport: true },
    'complainant.anonymous',
    'errors.boolean.invalid',
  ),
  badIntake('phone: a number', withPerson({ phone: 13812345678 }), 'complainant.phone', 'errors.text.notText'),
  badIntake('phone: SQL-ish', withPerson({ phone: "138' OR '1'='1" }), 'complainant.phone', 'errors.phone.invalid'),
  keepsAs('phone: +86 with dashes stored as 13987654321', withPerson({ phone: '+86 139-8765-4321' }), { phone: '13987654321' }),
  keepsAs('phone: landline with extension stored as 010-65123456-808', withPerson({ phone: '(010) 6512-3456 转 808' }), {
    phone: '010-65123456-808',
  }),

  // -- address, business reference --
  badIntake('address: 201 characters', withPerson({ address: '路'.repeat(201) }), 'complainant.address', 'errors.text.tooLong'),
  badIntake('address: newline', withPerson({ address: '朝阳区\r\n建国路' }), 'complainant.address', 'errors.text.singleLine'),
  badIntake('address: null', withPerson({ address: null }), 'complainant.address', 'errors.text.notText'),
  keeps('address: svg onload stored verbatim', withPerson({ address: '"><svg onload=alert(1)> 3 号楼' })),
  badIntake('businessRef: 65 characters', withIntake({ businessRef: 'D'.repeat(65) }), 'businessRef', 'errors.text.tooLong'),
  badIntake('businessRef: ESC', withIntake({ businessRef: 'DP\u001b2026' }), 'businessRef', 'errors.text.control'),
  badIntake('businessRef: a number', withIntake({ businessRef: 2026030200017 }), 'businessRef', 'errors.text.notText'),
  keeps("businessRef: '; DROP TABLE stored verbatim", withIntake({ businessRef: "'; DROP TABLE cases; --" }), 'drop table'),
  keeps('businessRef: full-width stored verbatim, found half-width', withIntake({ businessRef: 'ＤＰ２０２６９９' }), 'dp202699'),

  // -- content, expected resolution --
  badIntake('content: empty', withIntake({ content: '' }), 'content', 'errors.required'),
  badIntake('content: whitespace and newlines only', withIntake({ content: ' \r\n\t ' }), 'content', 'errors.required'),
  badIntake('content: missing', without('content'), 'content', 'errors.text.notText'),
  badIntake('content: a number', withIntake({ content: 123 }), 'content', 'errors.text.notText'),
  badIntake('content: 64 KB+ of ASCII', withIntake({ content: 'a'.repeat(65_537) }), 'content', 'errors.text.tooLong', {
    en: EN_TOO_LONG_TEXT,
  }),
  badIntake('content: 64 KB of 中 (22,000 characters)', withIntake({ content: '中'.repeat(22_000) }), 'content', 'errors.text.tooLong'),
  badIntake('content: 20,001 CJK Ext B characters', withIntake({ content: '𠀀'.repeat(20_001) }), 'content', 'errors.text.tooLong'),
  badIntake('content: NUL', withIntake({ content: '鉴定\u0000偏低' }), 'content', 'errors.text.control'),
  badIntake('content: BEL', withIntake({ content: '\u0007鉴定偏低' }), 'content', 'errors.text.control'),
  badIntake('content: ANSI clear-screen', withIntake({ content: '\u001b[2J鉴定偏低' }), 'content', 'errors.text.control'),
  badIntake('content: lone low surrogate', withIntake({ content: '鉴定\uDC00偏低' }), 'content', 'errors.text.malformed'),
  keeps('content: exactly 20,000 中 (60 KB) fits', withIntake({ content: '中'.repeat(20_000) }), '中中中'),
  keeps('content: <script> stored verbatim', withIntake({ content: '<script>alert(1)</script> 估价偏低' }), '<script>alert(1)'),
  keeps('content: multi-line with tab stored verbatim', withIntake({ content: '第一行\r\n第二行\t制表\n第三行' }), '第二行'),
  keeps("content: ' OR '1'='1 stored verbatim", withIntake({ content: "1' OR '1'='1'; -- 估价" }), "or'1'='1"),
  keeps('content: RTL override stored verbatim', withIntake({ content: '附件 \u202Egpj.exe 请查看' }), 'gpj.exe'),
  keeps('content: template-looking text stored verbatim', withIntake({ content: '{{max}} ${x} %s __proto__ 估价' }), '{{max}}'),
  badIntake(
    'expectedResolution: 20,001 characters',
    withIntake({ expectedResolution: 'a'.repeat(20_001) }),
    'expectedResolution',
    'errors.text.tooLong',
  ),
  badIntake('expectedResolution: NUL', withIntake({ expectedResolution: '退\u0000款' }), 'expectedResolution', 'errors.text.control'),
  badIntake('expectedResolution: boolean', withIntake({ expectedResolution: true }), 'expectedResolution', 'errors.text.notText'),
  keeps('expectedResolution: HTML and emoji stored verbatim', withIntake({ expectedResolution: '<b>退款</b> 👩‍👩‍👧 𪚥' })),

  // -- ID number --
  badIntake('idNumber: bad check digit', withPerson({ idNumber: BAD_CHECK_ID }), 'complainant.idNumber', 'errors.idNumber.invalid', {
    en: EN_ID,
  }),
  badIntake(
    'idNumber: 30 February',
    withPerson({ idNumber: idWith('11010519490230002') }),
    'complainant.idNumber',
    'errors.idNumber.invalid',
  ),
  badIntake('idNumber: month 13', withPerson({ idNumber: idWith('11010519491301002') }), 'complainant.idNumber', 'errors.idNumber.invalid'),
  badIntake(
    'idNumber: born 1899',
    withPerson({ idNumber: idWith('11010518991231002') }),
    'complainant.idNumber',
    'errors.idNumber.invalid',
  ),
  badIntake(
    'idNumber: born in 2999 (future)',
    withPerson({ idNumber: idWith('11010529990101002') }),
    'complainant.idNumber',
    'errors.idNumber.invalid',
  ),
  badIntake('idNumber: 17 digits', withPerson({ idNumber: VALID_ID.slice(0, 17) }), 'complainant.idNumber', 'errors.idNumber.invalid'),
  badIntake('idNumber: 19 characters', withPerson({ idNumber: `${VALID_ID}0` }), 'complainant.idNumber', 'errors.idNumber.invalid'),
  badIntake('idNumber: 31 characters', withPerson({ idNumber: '1'.repeat(31) }), 'complainant.idNumber', 'errors.text.tooLong'),
  keepsAs('idNumber: full-width digits stored converted', withPerson({ idNumber: '１１０１０５１９４９１２３１００２Ｘ' }), {
    idNumber: VALID_ID,
  }),
  keepsAs('idNumber: valid with lower-case x stored in capitals', withPerson({ idNumber: VALID_ID.toLowerCase() }), { idNumber: VALID_ID }),
  keepsAs('idType: a passport stored with its number in capitals', withPerson({ idType: 'passport', idNumber: 'e1234 5678' }), {
    idType: 'passport',
    idNumber: 'E12345678',
  }),
  keepsAs('idType: a Home Return Permit', withPerson({ idType: 'hk_macau_home_permit', idNumber: 'H12345678' }), {
    idType: 'hk_macau_home_permit',
    idNumber: 'H12345678',
  }),
  badIntake(
    'idType: an Exit-Entry Permit number that is a resident ID',
    withPerson({ idType: 'hk_macau_permit', idNumber: VALID_ID }),
    'complainant.idNumber',
    'errors.idNumber.hkMacauPermit',
    { en: 'Invalid Exit-Entry Permit for Hong Kong and Macau: C and 8 more characters (C12345678)' },
  ),
  badIntake(
    'idType: Taiwan permit of 9 digits',
    withPerson({ idType: 'taiwan_permit', idNumber: '123456789' }),
    'complainant.idNumber',
    'errors.idNumber.taiwanPermit',
  ),
  badIntake(
    'idType: unknown type',
    withPerson({ idType: 'driving_licence', idNumber: '1' }),
    'complainant.idType',
    'errors.idType.invalid',
  ),

  // -- category, channel, severity, isReport --
  badIntake("category: another profile's (courier 'pickup')", withIntake({ category: 'pickup' }), 'category', PAWNSHOP_ONLY_ERRORS, {
    en: "This category does not exist in the branch's business profile",
  }),
  badIntake('category: unknown', withIntake({ category: 'no_such_category' }), 'category', PAWNSHOP_ONLY_ERRORS),
  badIntake('category: __proto__ (ids start with a letter)', withIntake({ category: '__proto__' }), 'category', 'errors.category.invalid'),
  badIntake('category: capitals', withIntake({ category: 'Appraisal' }), 'category', 'errors.category.invalid'),
  badIntake('category: SQL-ish', withIntake({ category: "appraisal'; --" }), 'category', 'errors.category.invalid'),
  badIntake('category: missing', without('category'), 'category', 'errors.category.invalid'),
  badIntake('channel: fax', withIntake({ channel: 'fax' }), 'channel', 'errors.channel.invalid', { en: 'Invalid channel' }),
  badIntake('channel: upper case', withIntake({ channel: 'WALK_IN' }), 'channel', 'errors.channel.invalid'),
  badIntake('channel: a number', withIntake({ channel: 1 }), 'channel', 'errors.channel.invalid'),
  badIntake('channel: missing', without('channel'), 'channel', 'errors.channel.invalid'),
  badIntake('severity: critical', withIntake({ severity: 'critical' }), 'severity', 'errors.severity.invalid'),
  badIntake('severity: null', withIntake({ severity: null }), 'severity', 'errors.severity.invalid'),
  badIntake("isReport: 'true'", withIntake({ isReport: 'true' }), 'isReport', 'errors.boolean.invalid'),

  // -- received at / by --
  badIntake('receivedAt: an hour in the future', withIntake({ receivedAt: FUTURE }), 'receivedAt', 'errors.date.future', {
    en: 'The time received cannot be in the future (between 1 January 2000 and now)',
  }),
  badIntake('receivedAt: NaN', withIntake({ receivedAt: Number.NaN }), 'receivedAt', 'errors.date.invalid', { en: 'Invalid date or time' }),
  badIntake('receivedAt: Infinity', withIntake({ receivedAt: Number.POSITIVE_INFINITY }), 'receivedAt', 'errors.date.invalid'),
  badIntake('receivedAt: ISO string', withIntake({ receivedAt: '2026-03-02T10:00:00+08:00' }), 'receivedAt', 'errors.date.invalid'),
  badIntake('receivedAt: negative, said as the accepted range', withIntake({ receivedAt: -1 }), 'receivedAt', 'errors.date.receivedRange', {
    en: 'The time received must be between 1 January 2000 and now',
  }),
  badIntake(
    'receivedAt: 1999, said as the accepted range',
    withIntake({ receivedAt: Date.parse('1999-12-31T10:00:00+08:00') }),
    'receivedAt',
    'errors.date.receivedRange',
  ),
  badIntake('receivedAt: fractional ms', withIntake({ receivedAt: MONDAY_10AM + 0.5 }), 'receivedAt', 'errors.date.invalid'),
  badIntake(
    'receivedAt: year 2100+, said as the accepted range',
    withIntake({ receivedAt: 4_102_444_800_001 }),
    'receivedAt',
    'errors.date.receivedRange',
  ),
  badIntake('receivedAt: null', withIntake({ receivedAt: null }), 'receivedAt', 'errors.date.invalid'),
  keeps('receivedAt: four minutes ahead (clock skew) accepted', withIntake({ receivedAt: MONDAY_10AM + 4 * 60_000 })),
  badIntake('receivedBy: empty', withIntake({ receivedBy: '' }), 'receivedBy', 'errors.staff.invalid', { en: 'Invalid staff id' }),
  badIntake('receivedBy: with space', withIntake({ receivedBy: 'c 01' }), 'receivedBy', 'errors.staff.invalid'),
  badIntake('receivedBy: Chinese name', withIntake({ receivedBy: '王登记' }), 'receivedBy', 'errors.staff.invalid'),
  badIntake('receivedBy: 33 characters', withIntake({ receivedBy: 'c'.repeat(33) }), 'receivedBy', 'errors.staff.invalid'),
  badIntake('receivedBy: SQL-ish', withIntake({ receivedBy: "c01' --" }), 'receivedBy', 'errors.staff.invalid'),

  // -- malformed shapes --
  no('register: params undefined', rawCall('cases.register', undefined), {
    code: 'invalid_input',
    key: 'errors.request.invalid',
    path: 'intake',
  }),
  no('register: intake null', registerCall(null), {
    code: 'invalid_input',
    key: 'errors.request.invalid',
    path: 'intake',
    en: 'Malformed request',
  }),
  no('register: intake an array', registerCall([BASE]), { code: 'invalid_input', key: 'errors.request.invalid', path: 'intake' }),
  no('register: intake a JSON string', registerCall(JSON.stringify(BASE)), {
    code: 'invalid_input',
    key: 'errors.request.invalid',
    path: 'intake',
  }),
  badIntake('register: complainant missing', without('complainant'), 'complainant', 'errors.request.invalid'),
  badIntake('register: complainant an array', withIntake({ complainant: [BASE.complainant] }), 'complainant', 'errors.request.invalid'),
  keeps(
    'register: extra fields (state, version, id, assigneeId) are dropped, not stored',
    withIntake({
      state: 'archived',
      version: 99,
      id: 'evil',
      caseNo: 'X-1',
      assigneeId: 'h01',
      complainant: { ...BASE.complainant, isVip: true },
    }),
  ),
  no('register: reserved number never handed out', registerCall(BASE, CLERK, { reservedCaseNo: 'BJ01-20260302-999' }), {
    code: 'invalid_input',
    key: 'errors.caseNo.invalid',
  }),
  no("register: another branch's case number", registerCall(BASE, CLERK, { reservedCaseNo: 'SH02-20260302-001' }), {
    code: 'invalid_input',
    key: 'errors.caseNo.invalid',
  }),
  no('register: malformed case number', registerCall(BASE, CLERK, { reservedCaseNo: "bj01'; --" }), {
    code: 'invalid_input',
    key: 'errors.caseNo.invalid',
    path: 'reservedCaseNo',
  }),
  no(
    "register: the baseline's case number again",
    (h, localize) => registerCall(BASE, CLERK, { reservedCaseNo: baseline.caseNo })(h, localize),
    {
      code: 'conflict',
      key: 'errors.caseNo.taken',
      en: 'This case number has been used already',
    },
  ),
  no('register: draftId not a uuid', registerCall(BASE, CLERK, { draftId: '../drafts/1' }), {
    code: 'invalid_input',
    key: 'errors.request.invalid',
    path: 'draftId',
  }),
  keeps(
    "register: another clerk's draftId does not delete that clerk's draft",
    BASE,
    undefined,
    async (h) => {
      const drafts = await h.call('drafts.list', {}, CLERK);
      expect(drafts.ok && drafts.value.map((d) => d.draftId)).toContain(clerkDraft.draftId);
    },
    registerCall(BASE, OTHER_CLERK, { draftId: clerkDraft.draftId }),
  ),

  // -- envelope --
  no(
    'envelope: a self-declared actor (a supervisor, say) is refused, not believed',
    envelopeCall({ actor: { staffId: 's01', role: 'supervisor' } }),
    {
      code: 'invalid_input',
      key: 'errors.request.invalid',
    },
  ),
  no(
    'envelope: a token beside a self-declared role',
    envelopeCall(() => ({ token: CLERK.token, role: 'supervisor' })),
    {
      code: 'invalid_input',
      key: 'errors.request.invalid',
    },
  ),
  no('envelope: no token', envelopeCall({}), { code: 'unauthenticated', key: 'errors.auth.signedOut' }),
  no('envelope: a forged token', envelopeCall({ token: 'A'.repeat(43) }), { code: 'unauthenticated', key: 'errors.auth.signedOut' }),
  no('envelope: a 10k-character token', envelopeCall({ token: 'A'.repeat(10_000) }), {
    code: 'invalid_input',
    key: 'errors.request.invalid',
    path: 'token',
    issueKey: 'errors.auth.signedOut',
  }),
  no('envelope: a token that is not text', envelopeCall({ token: 42 }), {
    code: 'invalid_input',
    key: 'errors.request.invalid',
    path: 'token',
    issueKey: 'errors.auth.signedOut',
  }),
  no('envelope: null', envelopeCall(null), { code: 'invalid_input', key: 'errors.request.invalid' }),
  no(
    'envelope: unknown locale',
    envelopeCall(() => ({ token: CLERK.token, locale: 'fr' })),
    {
      code: 'invalid_input',
      key: 'errors.request.invalid',
      path: 'locale',
    },
  ),

  // -- methods and request parameters --
  no('method: unknown', rawCall('nope', {}), { code: 'invalid_input', key: 'errors.request.unknownMethod', en: 'Unknown operation: nope' }),
  no('method: __proto__', rawCall('__proto__', {}), { code: 'invalid_input', key: 'errors.request.unknownMethod' }),
  no('method: constructor', rawCall('constructor', {}), { code: 'invalid_input', key: 'errors.request.unknownMethod' }),
  no('method: trailing space', rawCall('cases.register ', { intake: BASE }), {
    code: 'invalid_input',
    key: 'errors.request.unknownMethod',
  }),
  no('method: 10k-character name (message cut to 60)', rawCall('x'.repeat(10_000), {}), {
    code: 'invalid_input',
    key: 'errors.request.unknownMethod',
    en: `Unknown operation: ${'x'.repeat(60)}`,
  }),
  no('cases.get: caseId not a uuid', rawCall('cases.get', { caseId: 'not-a-uuid' }), {
    code: 'invalid_input',
    key: 'errors.request.invalid',
    path: 'caseId',
  }),
  no('cases.get: SQL-ish caseId', rawCall('cases.get', { caseId: "' OR 1=1 --" }), {
    code: 'invalid_input',
    key: 'errors.request.invalid',
    path: 'caseId',
  }),
  no('cases.get: upper-case uuid', (h, localize) => rawCall('cases.get', { caseId: baseline.id.toUpperCase() })(h, localize), {
    code: 'invalid_input',
    key: 'errors.request.invalid',
    path: 'caseId',
  }),
  no('cases.get: no such case', rawCall('cases.get', { caseId: MISSING_UUID }), {
    code: 'not_found',
    key: 'errors.case.notFound',
    en: 'Complaint not found',
  }),
  no('cases.search: 101 characters', rawCall('cases.search', { text: '中'.repeat(101) }), {
    code: 'invalid_input',
    key: 'errors.search.tooLong',
    path: 'text',
  }),
  no('cases.search: a number', rawCall('cases.search', { text: 42 }), {
    code: 'invalid_input',
    key: 'errors.request.invalid',
    path: 'text',
  }),
  no('cases.search: a control character (could join two fields)', rawCall('cases.search', { text: '王\u0001138' }), {
    code: 'invalid_input',
    key: 'errors.text.control',
    path: 'text',
  }),
  no('cases.query: unknown filter (strict)', rawCall('cases.query', { $where: '1==1' }), {
    code: 'invalid_input',
    key: 'errors.request.invalid',
  }),
  no('cases.query: limit 0', rawCall('cases.query', { limit: 0 }), { code: 'invalid_input', key: 'errors.request.invalid', path: 'limit' }),
  no('cases.query: unknown state', rawCall('cases.query', { states: ['deleted'] }), {
    code: 'invalid_input',
    key: 'errors.state.invalid',
    path: 'states.0',
  }),
  no('stats.month: month 13', rawCall('stats.month', { month: '2026-13' }), {
    code: 'invalid_input',
    key: 'errors.date.invalid',
    path: 'month',
  }),
  no('cases.reserveNumber: NaN', rawCall('cases.reserveNumber', { receivedAt: Number.NaN }), {
    code: 'invalid_input',
    key: 'errors.date.invalid',
    path: 'receivedAt',
  }),
  no(
    'branch.configure: by a clerk',
    rawCall('branch.configure', { branch: { branchCode: 'BJ01', branchName: '北京一店', profileId: 'courier' } }),
    {
      code: 'forbidden',
      key: 'errors.settings.supervisorOnly',
    },
  ),
  no(
    'branch.configure: <script> branch code',
    rawCall('branch.configure', { branch: { branchCode: '<script>', branchName: 'x', profileId: 'pawnshop' } }, SUPERVISOR),
    {
      code: 'invalid_input',
      key: 'errors.branch.code',
      path: 'branch.branchCode',
    },
  ),
  no(
    'branch.configure: unknown profile',
    rawCall('branch.configure', { branch: { branchCode: 'BJ01', branchName: '北京一店', profileId: 'casino' } }, SUPERVISOR),
    {
      code: 'invalid_input',
      key: 'errors.profile.invalid',
      path: 'branch.profileId',
    },
  ),
  no(
    'branch.configure: <script> as the branch phone',
    rawCall(
      'branch.configure',
      { branch: { branchCode: 'BJ01', branchName: '北京一店', profileId: 'pawnshop', phone: '<script>alert(1)</script>' } },
      SUPERVISOR,
    ),
    {
      code: 'invalid_input',
      key: 'errors.phone.invalid',
      path: 'branch.phone',
    },
  ),
  no('ledger.verify: caseId not a uuid', rawCall('ledger.verify', { caseId: 'all' }, SUPERVISOR), {
    code: 'invalid_input',
    key: 'errors.request.invalid',
    path: 'caseId',
  }),

  // -- workflow commands against the baseline case --
  no('command: caseId not a uuid', commandCall('progressCall', { notes: '回电' }, CLERK, { caseId: 'baseline' }), {
    code: 'invalid_input',
    key: 'errors.request.invalid',
    path: 'caseId',
  }),
  no('command: no such case', commandCall('progressCall', { notes: '回电' }, CLERK, { caseId: MISSING_UUID }), {
    code: 'not_found',
    key: 'errors.case.notFound',
  }),
  no('command: unknown name', commandCall('deleteCase', {}), {
    code: 'invalid_input',
    key: 'errors.request.unknownCommand',
    path: 'command.name',
  }),
  no('command: __proto__ as name', commandCall('__proto__', {}), {
    code: 'invalid_input',
    key: 'errors.request.unknownCommand',
    path: 'command.name',
  }),
  no('command: expectedVersion wrong', commandCall('progressCall', { notes: '回电' }, CLERK, { expectedVersion: 99 }), {
    code: 'conflict',
    key: 'errors.case.versionConflict',
    en: 'Someone else changed this complaint; reload and try again',
  }),
  no('command: expectedVersion 0', commandCall('progressCall', { notes: '回电' }, CLERK, { expectedVersion: 0 }), {
    code: 'invalid_input',
    key: 'errors.request.invalid',
    path: 'expectedVersion',
  }),
  no("command: expectedVersion '1'", commandCall('progressCall', { notes: '回电' }, CLERK, { expectedVersion: '1' }), {
    code: 'invalid_input',
    key: 'errors.request.invalid',
    path: 'expectedVersion',
  }),
  no('command: payload null', commandCall('progressCall', null), {
    code: 'invalid_input',
    key: 'errors.request.invalid',
    path: 'command.payload',
  }),
  no('command: progress call without notes', commandCall('progressCall', { notes: '' }), {
    code: 'invalid_input',
    key: 'errors.required',
    path: 'command.payload.notes',
  }),
  no('command: progress call with NUL', commandCall('progressCall', { notes: '回\u0000电' }), {
    code: 'invalid_input',
    key: 'errors.text.control',
    path: 'command.payload.notes',
  }),
  no('command: assign to <script>', commandCall('assign', { department: '鉴定部', assigneeId: '<script>' }), {
    code: 'invalid_input',
    key: 'errors.staff.invalid',
    path: 'command.payload.assigneeId',
  }),
  no('command: startInvestigation with extra field (strict)', commandCall('startInvestigation', { force: true }, HANDLER), {
    code: 'invalid_input',
    key: 'errors.request.invalid',
    path: 'command.payload',
  }),
  no("command: update sets state 'archived' (strict)", commandCall('update', { state: 'archived' }), {
    code: 'invalid_input',
    key: 'errors.request.invalid',
    path: 'command.payload',
  }),
  no('command: update changes receivedBy (not editable)', commandCall('update', { receivedBy: 's01' }), {
    code: 'invalid_input',
    key: 'errors.request.invalid',
    path: 'command.payload',
  }),
  no('command: update with bad phone', commandCall('update', { complainant: { phone: '12345' } }), {
    code: 'invalid_input',
    key: 'errors.phone.invalid',
    path: 'command.payload.complainant.phone',
  }),
  no("command: update to another profile's category", commandCall('update', { category: 'pickup' }), {
    code: 'invalid_input',
    key: PAWNSHOP_ONLY_ERRORS,
    path: 'command.payload.category',
  }),
  no('command: update receivedAt into the future', commandCall('update', { receivedAt: FUTURE }), {
    code: 'invalid_input',
    key: 'errors.date.future',
    path: 'command.payload.receivedAt',
  }),
  no('command: archive while registered (wrong state)', commandCall('archive', {}, SUPERVISOR), {
    code: 'invalid_state',
    key: 'errors.workflow.invalidState',
    en: 'Cannot "Archive" while the case is "Registered"',
  }),
  no('command: startInvestigation while registered (wrong state)', commandCall('startInvestigation', {}, HANDLER), {
    code: 'invalid_state',
    key: 'errors.workflow.invalidState',
  }),
  no('command: update by a handler (wrong role)', commandCall('update', { content: '改' }, HANDLER), {
    code: 'forbidden',
    key: 'errors.workflow.roleNotAllowed',
    en: 'A handler cannot "Edit registration"',
  }),

  // -- drafts --
  no(
    'draft: 300 KB of ASCII',
    (h, localize) => h.call('drafts.save', { draftId: crypto.randomUUID(), data: { content: 'x'.repeat(300_000) } }, localize(CLERK)),
    {
      code: 'invalid_input',
      key: 'errors.request.tooLarge',
      en: `Too large (limit ${MAX_DRAFT_BYTES} bytes)`,
    },
  ),
  no(
    'draft: 100k 中 (300 KB as UTF-8)',
    (h, localize) => h.call('drafts.save', { draftId: crypto.randomUUID(), data: '中'.repeat(100_000) }, localize(CLERK)),
    {
      code: 'invalid_input',
      key: 'errors.request.tooLarge',
    },
  ),
  no(
    'draft: one byte over 256 KB',
    (h, localize) => h.call('drafts.save', { draftId: crypto.randomUUID(), data: 'x'.repeat(MAX_DRAFT_BYTES - 1) }, localize(CLERK)),
    {
      code: 'invalid_input',
      key: 'errors.request.tooLarge',
    },
  ),
  no('draft: draftId not a uuid', rawCall('drafts.save', { draftId: 'draft-1', data: {} }), {
    code: 'invalid_input',
    key: 'errors.request.invalid',
    path: 'draftId',
  }),
  no('draft: circular data', (h, localize) => h.call('drafts.save', { draftId: crypto.randomUUID(), data: circular }, localize(CLERK)), {
    code: 'invalid_input',
    key: 'errors.request.invalid',
  }),
  no(
    'draft: BigInt in data',
    (h, localize) => h.call('drafts.save', { draftId: crypto.randomUUID(), data: { amount: 10n } }, localize(CLERK)),
    {
      code: 'invalid_input',
      key: 'errors.request.invalid',
    },
  ),
  no(
    "draft: a handler discarding a clerk's draft",
    (h, localize) => h.call('drafts.discard', { draftId: clerkDraft.draftId }, localize(HANDLER)),
    {
      code: 'not_found',
      key: 'errors.draft.notFound',
      en: 'Draft not found',
    },
  ),
  draftRow('draft: hostile text kept verbatim (drafts are unvalidated)', {
    name: '<img src=x onerror=alert(1)>\u0000\u0007\u001b\uD800\u202E\u200B',
    content: `👩‍👩‍👧 𠀀𪚥 '; DROP TABLE drafts; --`,
  }),
  draftRow('draft: just under 256 KB kept', 'x'.repeat(MAX_DRAFT_BYTES - 10)),
];

// ---- checks -------------------------------------------------------------------------------

const HAN = /\p{Script=Han}/u;

function expectTranslated(error: ApiError, locale: 'zh-CN' | 'en'): void {
  const all = [{ key: error.key, message: error.message }, ...(error.issues ?? [])];
  for (const { key, message } of all) {
    expect(message, `untranslated: ${key}`).not.toBe(key);
    expect(message.length).toBeGreaterThan(0);
    if (locale === 'zh-CN') expect(message, `not Chinese: ${key}`).toMatch(HAN);
  }
}

function expectRefused(result: Result<unknown>, refusal: Refusal, locale: 'zh-CN' | 'en'): ApiError {
  expect(result.ok, result.ok ? `accepted: ${JSON.stringify(result.value).slice(0, 300)}` : '').toBe(false);
  if (result.ok) throw new Error('accepted');
  const { error } = result;
  expect({ code: error.code, key: error.key }).toEqual({ code: refusal.code, key: refusal.key });
  expectTranslated(error, locale);
  if (refusal.path !== undefined) {
    expect(error.issues ?? []).toContainEqual(expect.objectContaining({ path: refusal.path, key: refusal.issueKey ?? refusal.key }));
  }
  return error;
}

const INTAKE_KEYS = [
  'channel',
  'receivedAt',
  'receivedBy',
  'complainant',
  'businessRef',
  'category',
  'severity',
  'isReport',
  'content',
  'expectedResolution',
] as const;

/** What the store must keep of an intake: every field as sent, defaults for the optional ones, nothing else. */
function expectedIntake(input: Loose): Loose {
  const c = input.complainant as Loose;
  return {
    channel: input.channel,
    receivedAt: input.receivedAt,
    receivedBy: input.receivedBy,
    // Phones and ID numbers are stored normalized; rows made with keepsAs check the values by hand.
    complainant: {
      name: c.name ?? '',
      phone: normalizedPhone(String(c.phone ?? '')),
      address: c.address ?? '',
      email: halfWidth(String(c.email ?? '')).trim(),
      idType: c.idType ?? 'resident_id',
      idNumber: normalizeIdNumber(String(c.idNumber ?? '')),
      anonymous: c.anonymous ?? false,
    },
    businessRef: input.businessRef ?? '',
    category: input.category,
    severity: input.severity ?? 'general',
    isReport: input.isReport ?? false,
    content: input.content,
    expectedResolution: input.expectedResolution ?? '',
  };
}

const intakeOf = (c: CaseRecord): Loose => Object.fromEntries(INTAKE_KEYS.map((k) => [k, c[k]]));

async function expectStored(h: StoreHost, result: Result<unknown>, stored: Stored): Promise<void> {
  expect(result.ok, result.ok ? '' : `refused: ${JSON.stringify(result.error)}`).toBe(true);
  if (!result.ok) return;
  const answer = result.value as CaseRecord;
  const detail = await h.call('cases.get', { caseId: answer.id }, SUPERVISOR);
  if (!detail.ok) throw new Error(detail.error.message);
  const read = detail.value.case;
  // The clerk's answer carries the ID number masked (docs/privacy.md); the supervisor reads it in full.
  const { idType, idNumber } = read.complainant;
  expect(answer.complainant.idNumber).toBe(idNumber === '' ? '' : maskIdNumber(idType, idNumber));
  const saved: CaseRecord = { ...answer, complainant: { ...answer.complainant, idNumber } };
  const expected = expectedIntake(stored.intake);
  if (stored.complainant) {
    expect(expected.complainant, 'the normalization rule and the row agree').toMatchObject(stored.complainant);
    expect((saved as CaseRecord).complainant).toMatchObject(stored.complainant);
  }
  for (const c of [saved, read]) {
    expect(intakeOf(c)).toStrictEqual(expected);
    expect([c.state, c.version, c.assigneeId, c.branchCode]).toEqual(['registered', 1, '', baseline.branchCode]);
    expect(Object.keys(c).sort()).toEqual(Object.keys(baseline).sort());
  }
  expect(read.id).toBe(saved.id);
  expect(read.id).not.toBe('evil');
  // A report or a major/urgent complaint is notified to the supervisor as it is saved (R1.1, R1.5).
  expect(detail.value.events.map((e) => e.type)).toEqual(needsSupervisor(read) ? ['registered', 'supervisor_notified'] : ['registered']);
  if (stored.find !== undefined) {
    const found = await h.call('cases.search', { text: stored.find, limit: 200 }, CLERK);
    expect(found.ok && found.value.map((s) => s.id)).toContain(saved.id);
  }
  await stored.also?.(h);
}

async function expectDraft(h: StoreHost, result: Result<unknown>, draft: { draftId: string; data: unknown }): Promise<void> {
  expect(result.ok, result.ok ? '' : `refused: ${JSON.stringify(result.error)}`).toBe(true);
  const list = await h.call('drafts.list', {}, HANDLER);
  if (!list.ok) throw new Error(list.error.message);
  expect(list.value.find((d) => d.draftId === draft.draftId)?.data).toStrictEqual(draft.data);
}

// ---- the table ----------------------------------------------------------------------------

describe('bad and hostile input is refused with a translated reason, or stored verbatim', () => {
  beforeAll(async () => {
    const opened = await configuredHost('pawnshop');
    const inner = opened.host;
    const reg = await inner.call('cases.register', { intake: intake() }, CLERK);
    if (!reg.ok) throw new Error(reg.error.message);
    baseline = reg.value;
    const detail = await inner.call('cases.get', { caseId: baseline.id }, SUPERVISOR);
    if (!detail.ok) throw new Error(detail.error.message);
    baselineDetail = detail.value;
    const draft = await inner.call('drafts.save', clerkDraft, CLERK);
    if (!draft.ok) throw new Error(draft.error.message);
    clerkDraftSaved = draft.value;
    // Every case a row creates is counted, whether or not the row expected it.
    const call = (async (method: never, params: never, envelope: Envelope) => {
      const r = await inner.call(method, params, envelope);
      if (method === 'cases.register' && r.ok) registered.push((r.value as CaseRecord).id);
      return r;
    }) as StoreHost['call'];
    host = { ...inner, call };
  });

  afterAll(() => host?.close());

  it('has a table of at least 60 rows', () => {
    expect(rows.length).toBeGreaterThanOrEqual(60);
    expect(new Set(rows.map((r) => r.name)).size).toBe(rows.length);
  });

  for (const row of rows) {
    it(row.name, async () => {
      const result = await row.call(host, (e) => e);
      if ('refused' in row) {
        expectRefused(result, row.refused, 'zh-CN');
        if (row.refused.en !== undefined) {
          const inEnglish = expectRefused(await row.call(host, EN), row.refused, 'en');
          expect(inEnglish.message).toBe(row.refused.en);
        }
      } else if ('stored' in row) {
        await expectStored(host, result, row.stored);
      } else {
        await expectDraft(host, result, row.draft);
      }
    });
  }

  it('lost and changed nothing saved before the table; refused rows wrote nothing; the ledger is intact', async () => {
    const detail = await host.call('cases.get', { caseId: baseline.id }, SUPERVISOR);
    if (!detail.ok) throw new Error(detail.error.message);
    expect.soft(detail.value.case).toStrictEqual(baselineDetail.case);
    expect.soft(detail.value.case.version).toBe(1);
    expect.soft(detail.value.events).toStrictEqual(baselineDetail.events);

    const page = await host.call('cases.query', { limit: 200 }, SUPERVISOR);
    if (!page.ok) throw new Error(page.error.message);
    expect.soft(page.value.total).toBe(registered.length + 1);
    expect.soft(page.value.items.map((c) => c.id).sort()).toEqual([baseline.id, ...registered].sort());
    const counts = await host.call('cases.counts', {}, SUPERVISOR);
    expect.soft(counts.ok && counts.value.byState).toEqual({ registered: registered.length + 1 });

    const branch = await host.call('branch.get', {}, CLERK);
    expect.soft(branch.ok && branch.value).toEqual({ branchCode: 'BJ01', branchName: '北京一店', profileId: 'pawnshop', phone: '' });

    const drafts = await host.call('drafts.list', {}, CLERK);
    expect.soft(drafts.ok && drafts.value).toStrictEqual([clerkDraftSaved]);

    // Every event of every case is verified: one registration each, and a supervisor's notification for the reports among them.
    const details = await Promise.all([baseline.id, ...registered].map((caseId) => host.call('cases.get', { caseId }, SUPERVISOR)));
    const events = details.reduce((n, d) => n + (d.ok ? d.value.events.length : 0), 0);
    expect.soft(events).toBeGreaterThan(registered.length + 1);
    const verify = await host.call('ledger.verify', {}, SUPERVISOR);
    expect.soft(verify).toStrictEqual({ ok: true, value: { cases: registered.length + 1, events, blocks: 0, firstBreak: null } });
  });
});
