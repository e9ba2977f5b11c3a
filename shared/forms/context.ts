/**
 * What every document builder works from: the case, its log and clocks, the branch, and the
 * language's way of writing labels, dates, staff and enum values. Values returned here are plain
 * text; the builders escape them when they place them into HTML.
 */
import type { CaseDetail } from '../api/contract';
import type { CaseRecord } from '../domain/case';
import { PROFILES, type BusinessProfile } from '../domain/profiles';
import { DEFAULT_DEADLINE_POLICIES, type DeadlinePolicy } from '../deadlines';
import { catalogs, translate, type Locale } from '../i18n/translate';
import type { FontSource } from './fonts';

export const DOCUMENT_KINDS = ['registration', 'receipt', 'handlingSlip', 'archiveSummary'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

export interface PrintBranch {
  branchCode: string;
  branchName: string;
  /** The counter's phone number for the customer's follow-up (printed on the receipt when known). */
  phone?: string;
}

/** Staff names and the branch's own category labels; ids and catalog labels print without it. */
export interface PrintOrganization {
  staff?: readonly { id: string; name: string }[];
  customCategories?: readonly { id: string; label: string }[];
}

export interface DocumentInput {
  /** What `cases.get` answers: the case, its event log and its deadline clocks. */
  detail: Pick<CaseDetail, 'case' | 'events' | 'clocks'>;
  branch: PrintBranch;
  language: Locale;
  /** The moment of printing (epoch ms), printed on the document. */
  now: number;
  fonts: FontSource;
  organization?: PrintOrganization;
  /** The branch's deadline policy (for the allowed time of clocks not started yet); default: the profile's. */
  policy?: DeadlinePolicy;
}

const CHINA_OFFSET_MS = 8 * 3_600_000;
const pad = (n: number) => String(n).padStart(2, '0');

export interface FormContext {
  input: DocumentInput;
  record: CaseRecord;
  language: Locale;
  profile: BusinessProfile;
  policy: DeadlinePolicy;
  /** A catalog text; parameters that are catalog keys (`state.closed`) are translated, `count` picks the plural. */
  t(key: string, params?: Record<string, string | number>): string;
  /** A catalog text with user values put in literally (never taken for keys). */
  fill(key: string, values: Record<string, string | number>): string;
  /** A calendar date in China time (Asia/Shanghai, UTC+8 all year). */
  date(at: number): string;
  dateTime(at: number): string;
  /** A staff member by name when the organization knows the id, else the id. */
  staff(id: string): string;
  category(id: string): string;
  /** Joins a list the way the language does (、 or ,). */
  list(items: readonly string[]): string;
  /** "label：value" or "label: value". */
  labelled(label: string, value: string): string;
  /** "text（aside）" or "text (aside)". */
  aside(text: string, aside: string): string;
}

export function createFormContext(input: DocumentInput): FormContext {
  const { language } = input;
  const record = input.detail.case;
  const catalog = catalogs[language];
  const t = (key: string, params?: Record<string, string | number>) => translate(language, key, params);
  const chinese = language !== 'en';
  const parts = (at: number) => {
    const d = new Date(at + CHINA_OFFSET_MS);
    return {
      y: d.getUTCFullYear(),
      m: pad(d.getUTCMonth() + 1),
      d: pad(d.getUTCDate()),
      hh: pad(d.getUTCHours()),
      mm: pad(d.getUTCMinutes()),
    };
  };
  const fill = (key: string, values: Record<string, string | number>) =>
    (catalog[key] ?? key).replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
  const staffNames = new Map((input.organization?.staff ?? []).map((s) => [s.id, s.name]));
  const aside = (text: string, note: string) => (chinese ? `${text}（${note}）` : `${text} (${note})`);
  return {
    input,
    record,
    language,
    profile: PROFILES[record.profileId],
    policy: input.policy ?? DEFAULT_DEADLINE_POLICIES[record.profileId],
    t,
    fill,
    date: (at) => fill('forms.format.date', parts(at)),
    dateTime: (at) => fill('forms.format.dateTime', parts(at)),
    staff: (id) => {
      const name = staffNames.get(id);
      return name ? aside(name, id) : id;
    },
    category: (id) => {
      const key = `category.${id}`;
      return key in catalog ? t(key) : (input.organization?.customCategories?.find((c) => c.id === id)?.label ?? id);
    },
    list: (items) => items.join(chinese ? '、' : ', '),
    labelled: (label, value) => (chinese ? `${label}：${value}` : `${label}: ${value}`),
    aside,
  };
}
