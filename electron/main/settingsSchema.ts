/**
 * The machine settings' schema, defaults and the fallback rule, as pure functions (no Electron):
 * a hand-edited or damaged settings file never crashes the app; each bad field falls back to its
 * default and is reported as a problem the user is told about.
 */
import { z } from 'zod';
import { DEFAULT_LOCALE, LOCALES } from '../../shared/i18n/translate';
import { UI_SETTABLE, type Settings, type SettingsPatch, type WindowBounds } from '../../shared/api/desktopBridge';

export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze({
  language: DEFAULT_LOCALE,
  dataFolder: '',
  printer: '',
  windowBounds: null,
});

/**
 * Fields earlier versions kept here that nothing reads any more (the branch lives in the store;
 * head office sync is configured elsewhere when it comes). A file holding them still loads: they
 * are dropped silently and the file is written again without them.
 */
export const RETIRED_FIELDS = ['branchCode', 'branchName', 'profile', 'hqUrl'] as const;

const MIN_WIDTH = 640;
const MIN_HEIGHT = 480;
const MAX_SIZE = 20_000;
const coordinate = z.number().int().min(-MAX_SIZE).max(MAX_SIZE);

const boundsSchema: z.ZodType<WindowBounds> = z
  .object({
    x: coordinate.optional(),
    y: coordinate.optional(),
    width: z.number().int().min(MIN_WIDTH).max(MAX_SIZE),
    height: z.number().int().min(MIN_HEIGHT).max(MAX_SIZE),
    maximized: z.boolean(),
  })
  .strict();

/** One zod schema a field; an absolute path is not checked here (main checks the folder exists). */
export const FIELD_SCHEMAS = {
  language: z.enum(LOCALES),
  dataFolder: z.string().max(1000),
  printer: z.string().max(300),
  windowBounds: boundsSchema.nullable(),
} as const satisfies { [K in keyof Settings]: z.ZodType<Settings[K]> };

const KEYS = Object.keys(DEFAULT_SETTINGS) as (keyof Settings)[];

/** The JSON schema handed to electron-store (its `schema` option: one property schema a key), made from FIELD_SCHEMAS. */
export const SETTINGS_JSON_SCHEMA: Record<keyof Settings, Record<string, unknown>> = Object.fromEntries(
  KEYS.map((key) => {
    // The dialect is electron-store's (Ajv 2020); `$schema` belongs only at a schema's root.
    const { $schema: _dialect, ...schema } = z.toJSONSchema(FIELD_SCHEMAS[key], { target: 'draft-2020-12' }) as Record<string, unknown>;
    const property: Record<string, unknown> = { ...schema, default: DEFAULT_SETTINGS[key] };
    return [key, property];
  }),
) as Record<keyof Settings, Record<string, unknown>>;

export interface SettingsProblem {
  /** The field that fell back to its default or was dropped ('' for the whole file). */
  field: string;
  /** What was wrong, for the log and the message shown to the user. */
  reason: 'unreadable' | 'not-an-object' | 'invalid' | 'unknown-field';
}

export interface ValidatedSettings {
  settings: Settings;
  problems: SettingsProblem[];
  /** Retired fields the file still held (dropped without a problem; the file is written again). */
  retired: string[];
}

/**
 * Reads whatever a settings file held (already JSON-parsed; `undefined` = no file yet): every
 * valid field is kept, every invalid one falls back to its default with a problem. Missing
 * fields take their defaults silently; unknown fields are dropped with a problem.
 */
export function validateSettings(raw: unknown): ValidatedSettings {
  const settings: Settings = { ...DEFAULT_SETTINGS };
  if (raw === undefined) return { settings, problems: [], retired: [] };
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { settings, problems: [{ field: '', reason: 'not-an-object' }], retired: [] };
  }
  const problems: SettingsProblem[] = [];
  const retired: string[] = [];
  const record = raw as Record<string, unknown>;
  for (const key of KEYS) {
    if (!Object.hasOwn(record, key)) continue;
    const parsed = FIELD_SCHEMAS[key].safeParse(record[key]);
    if (parsed.success) (settings as unknown as Record<string, unknown>)[key] = parsed.data;
    else problems.push({ field: key, reason: 'invalid' });
  }
  for (const key of Object.keys(record)) {
    if ((RETIRED_FIELDS as readonly string[]).includes(key)) retired.push(key);
    else if (!(KEYS as string[]).includes(key)) problems.push({ field: key, reason: 'unknown-field' });
  }
  return { settings, problems, retired };
}

/** Parses the text of a settings file: malformed JSON falls back to all defaults with a problem. */
export function parseSettingsText(text: string | null): ValidatedSettings {
  if (text === null) return validateSettings(undefined);
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { settings: { ...DEFAULT_SETTINGS }, problems: [{ field: '', reason: 'unreadable' }], retired: [] };
  }
  return validateSettings(raw);
}

export class SettingsPatchError extends Error {
  constructor(readonly fields: string[]) {
    super(`settings: refused ${fields.join(', ')}`);
    this.name = 'SettingsPatchError';
  }
}

/**
 * Checks a patch sent by a UI window: only UI_SETTABLE fields, each valid. Unlike a file read, a
 * bad patch is refused as a whole (the UI shows the error) rather than falling back.
 */
export function validatePatch(patch: unknown): SettingsPatch {
  if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) throw new SettingsPatchError(['(patch)']);
  const out: Record<string, unknown> = {};
  const bad: string[] = [];
  for (const [key, value] of Object.entries(patch)) {
    if (!(UI_SETTABLE as readonly string[]).includes(key)) {
      bad.push(key);
      continue;
    }
    const parsed = FIELD_SCHEMAS[key as keyof Settings].safeParse(value);
    if (parsed.success) out[key] = parsed.data;
    else bad.push(key);
  }
  if (bad.length) throw new SettingsPatchError(bad);
  return out as SettingsPatch;
}
