/**
 * The machine settings' schema, defaults and the fallback rule, as pure functions (no Electron):
 * a hand-edited or damaged settings file never crashes the app; each bad field falls back to its
 * default and is reported as a problem the user is told about.
 */
import { z } from 'zod';
import { branchCodeSchema } from '../../shared/domain/caseNumber';
import { PROFILE_IDS } from '../../shared/domain/enums';
import { DEFAULT_LOCALE, LOCALES } from '../../shared/i18n/translate';
import { UI_SETTABLE, type Settings, type SettingsPatch, type WindowBounds } from '../../shared/api/desktopBridge';

export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze({
  branchCode: '',
  branchName: '',
  profile: 'general',
  language: DEFAULT_LOCALE,
  dataFolder: '',
  printer: '',
  hqUrl: '',
  windowBounds: null,
});

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

const hqUrlSchema = z
  .string()
  .max(2000)
  .refine((value) => {
    if (value === '') return true;
    try {
      const url = new URL(value);
      return (url.protocol === 'https:' || url.protocol === 'http:') && !url.username && !url.password;
    } catch {
      return false;
    }
  });

/** One zod schema a field; an absolute path is not checked here (main checks the folder exists). */
export const FIELD_SCHEMAS: { [K in keyof Settings]: z.ZodType<Settings[K]> } = {
  branchCode: z.union([z.literal(''), branchCodeSchema]),
  branchName: z.string().max(100),
  profile: z.enum(PROFILE_IDS),
  language: z.enum(LOCALES),
  dataFolder: z.string().max(1000),
  printer: z.string().max(300),
  hqUrl: hqUrlSchema,
  windowBounds: boundsSchema.nullable(),
};

const KEYS = Object.keys(DEFAULT_SETTINGS) as (keyof Settings)[];

/**
 * The JSON schema handed to electron-store (its `schema` option: one property schema a key).
 * Kept in step with FIELD_SCHEMAS by tests/unit/main-settings.test.ts.
 */
export const SETTINGS_JSON_SCHEMA = {
  branchCode: { type: 'string', pattern: '^(?:|[A-Z0-9]{2,12})$', default: '' },
  branchName: { type: 'string', maxLength: 100, default: '' },
  profile: { type: 'string', enum: [...PROFILE_IDS], default: DEFAULT_SETTINGS.profile },
  language: { type: 'string', enum: [...LOCALES], default: DEFAULT_SETTINGS.language },
  dataFolder: { type: 'string', maxLength: 1000, default: '' },
  printer: { type: 'string', maxLength: 300, default: '' },
  hqUrl: { type: 'string', maxLength: 2000, default: '' },
  windowBounds: {
    default: null,
    anyOf: [
      { type: 'null' },
      {
        type: 'object',
        additionalProperties: false,
        required: ['width', 'height', 'maximized'],
        properties: {
          x: { type: 'integer', minimum: -MAX_SIZE, maximum: MAX_SIZE },
          y: { type: 'integer', minimum: -MAX_SIZE, maximum: MAX_SIZE },
          width: { type: 'integer', minimum: MIN_WIDTH, maximum: MAX_SIZE },
          height: { type: 'integer', minimum: MIN_HEIGHT, maximum: MAX_SIZE },
          maximized: { type: 'boolean' },
        },
      },
    ],
  },
} as const;

export interface SettingsProblem {
  /** The field that fell back to its default or was dropped ('' for the whole file). */
  field: string;
  /** What was wrong, for the log and the message shown to the user. */
  reason: 'unreadable' | 'not-an-object' | 'invalid' | 'unknown-field';
}

export interface ValidatedSettings {
  settings: Settings;
  problems: SettingsProblem[];
}

/**
 * Reads whatever a settings file held (already JSON-parsed; `undefined` = no file yet): every
 * valid field is kept, every invalid one falls back to its default with a problem. Missing
 * fields take their defaults silently; unknown fields are dropped with a problem.
 */
export function validateSettings(raw: unknown): ValidatedSettings {
  const settings: Settings = { ...DEFAULT_SETTINGS };
  if (raw === undefined) return { settings, problems: [] };
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { settings, problems: [{ field: '', reason: 'not-an-object' }] };
  }
  const problems: SettingsProblem[] = [];
  const record = raw as Record<string, unknown>;
  for (const key of KEYS) {
    if (!Object.hasOwn(record, key)) continue;
    const parsed = FIELD_SCHEMAS[key].safeParse(record[key]);
    if (parsed.success) (settings as unknown as Record<string, unknown>)[key] = parsed.data;
    else problems.push({ field: key, reason: 'invalid' });
  }
  for (const key of Object.keys(record)) {
    if (!(KEYS as string[]).includes(key)) problems.push({ field: key, reason: 'unknown-field' });
  }
  return { settings, problems };
}

/** Parses the text of a settings file: malformed JSON falls back to all defaults with a problem. */
export function parseSettingsText(text: string | null): ValidatedSettings {
  if (text === null) return validateSettings(undefined);
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { settings: { ...DEFAULT_SETTINGS }, problems: [{ field: '', reason: 'unreadable' }] };
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
