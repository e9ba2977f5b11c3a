/**
 * Machine settings (electron/main/settingsSchema.ts, settings.ts): a hand-edited or damaged file
 * falls back to defaults field by field with problems, never a crash; electron-store's JSON
 * schema is made from the validator's and agrees with it; fields of earlier versions are dropped
 * quietly; UI patches are checked and limited to UI fields.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, describe, expect, it, vi } from 'vitest';

// electron-store is loaded from node_modules, where vi.mock('electron') cannot reach its own
// `import electron`; it is replaced by its engine, conf (same schema and file handling), with the
// name → configName mapping electron-store does.
vi.mock('electron', () => ({ ipcMain: undefined }));
vi.mock('electron-store', async () => {
  const { default: Conf } = await import('conf');
  return {
    default: class extends Conf<Record<string, unknown>> {
      constructor({ name, ...options }: { name: string; cwd: string }) {
        super({ ...options, configName: name, projectName: 'countersign-test' });
      }
    },
  };
});

const { DEFAULT_SETTINGS, FIELD_SCHEMAS, parseSettingsText, SETTINGS_JSON_SCHEMA, SettingsPatchError, validatePatch, validateSettings } =
  await import('../../electron/main/settingsSchema');
const { openSettings, problemsMessage } = await import('../../electron/main/settings');

const temp = mkdtempSync(join(tmpdir(), 'countersign-settings-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));
let dirs = 0;
const freshDir = () => {
  const dir = join(temp, String(dirs++));
  return dir;
};

const GOOD = {
  language: 'zh-TW',
  dataFolder: '/srv/countersign',
  printer: 'EPSON LQ-630K',
  windowBounds: { x: 10, y: 20, width: 1200, height: 800, maximized: false },
} as const;

/** What earlier versions wrote: the branch and head office fields nothing reads any more. */
const OLD_FIELDS = { branchCode: 'SH01', branchName: '上海一分店', profile: 'pawnshop', hqUrl: 'https://hq.example.cn/sync' };

describe('validateSettings', () => {
  it('keeps a valid file as it is', () => {
    expect(validateSettings(GOOD)).toEqual({ settings: GOOD, problems: [], retired: [] });
  });

  it('a file from an earlier version: its retired fields are dropped without a problem', () => {
    expect(validateSettings({ ...GOOD, ...OLD_FIELDS })).toEqual({
      settings: GOOD,
      problems: [],
      retired: ['branchCode', 'branchName', 'profile', 'hqUrl'],
    });
  });

  it('no file yet: the defaults, silently', () => {
    expect(validateSettings(undefined)).toEqual({ settings: DEFAULT_SETTINGS, problems: [], retired: [] });
    expect(parseSettingsText(null)).toEqual({ settings: DEFAULT_SETTINGS, problems: [], retired: [] });
  });

  it('each bad field falls back to its default with a problem; good fields are kept', () => {
    const { settings, problems } = validateSettings({
      ...GOOD,
      language: 'fr',
      windowBounds: { width: 10, height: 'tall' },
      printer: 42,
      colour: 'blue',
    });
    expect(settings).toEqual({ ...GOOD, language: 'zh-CN', windowBounds: null, printer: '' });
    expect(problems).toEqual([
      { field: 'language', reason: 'invalid' },
      { field: 'printer', reason: 'invalid' },
      { field: 'windowBounds', reason: 'invalid' },
      { field: 'colour', reason: 'unknown-field' },
    ]);
  });

  it('malformed JSON or a non-object: all defaults with one problem', () => {
    expect(parseSettingsText('{"printer": "EPSON",')).toEqual({
      settings: DEFAULT_SETTINGS,
      problems: [{ field: '', reason: 'unreadable' }],
      retired: [],
    });
    for (const raw of [null, 42, 'x', [GOOD]]) {
      expect(validateSettings(raw)).toEqual({
        settings: DEFAULT_SETTINGS,
        problems: [{ field: '', reason: 'not-an-object' }],
        retired: [],
      });
    }
  });

  it('never takes an inherited or prototype key', () => {
    const { settings } = validateSettings(JSON.parse('{"__proto__": {"printer": "EVIL"}}'));
    expect(settings.printer).toBe('');
  });
});

describe('electron-store JSON schema', () => {
  const ajv = new Ajv2020({ strict: false });
  const validators = Object.fromEntries(Object.entries(SETTINGS_JSON_SCHEMA).map(([k, s]) => [k, ajv.compile(s)]));
  const samples: Record<string, unknown[]> = {
    language: ['zh-CN', 'zh-TW', 'en', 'fr', null],
    dataFolder: ['', '/srv', 'x'.repeat(1001), 7],
    printer: ['', 'EPSON', 'x'.repeat(301), false],
    windowBounds: [
      null,
      GOOD.windowBounds,
      { width: 800, height: 600, maximized: true },
      { width: 10, height: 600, maximized: true },
      { width: 800, height: 600 },
      { width: 800.5, height: 600, maximized: false },
      { width: 800, height: 600, maximized: false, x: 20_001 },
      { width: 800, height: 600, maximized: false, colour: 'red' },
      'big',
    ],
  };

  it('has one property schema a setting, made from the zod schema (a change there changes it)', () => {
    expect(Object.keys(SETTINGS_JSON_SCHEMA).sort()).toEqual(Object.keys(DEFAULT_SETTINGS).sort());
    expect(SETTINGS_JSON_SCHEMA.language).toMatchObject({ type: 'string', enum: ['zh-CN', 'zh-TW', 'en'], default: 'zh-CN' });
    expect(SETTINGS_JSON_SCHEMA.printer).toMatchObject({ type: 'string', maxLength: 300 });
    expect(JSON.stringify(SETTINGS_JSON_SCHEMA)).not.toContain('$schema');
  });

  it('accepts every default', () => {
    for (const [key, value] of Object.entries(DEFAULT_SETTINGS)) expect(validators[key]!(value), key).toBe(true);
  });

  it('accepts exactly what the validator accepts', () => {
    for (const [key, values] of Object.entries(samples)) {
      for (const value of values) {
        const zodOk = FIELD_SCHEMAS[key as keyof typeof FIELD_SCHEMAS].safeParse(value).success;
        expect(validators[key]!(value), `${key}: ${JSON.stringify(value)}`).toBe(zodOk);
      }
    }
  });
});

describe('validatePatch', () => {
  it('takes valid UI fields', () => {
    expect(validatePatch({ printer: 'EPSON', language: 'en' })).toEqual({ printer: 'EPSON', language: 'en' });
  });

  it('refuses the whole patch for a bad value, a main-only field or an unknown one', () => {
    expect(() => validatePatch({ language: 'fr' })).toThrow(SettingsPatchError);
    expect(() => validatePatch({ branchCode: 'BJ02' })).toThrow(/branchCode/); // retired: nothing keeps it here
    expect(() => validatePatch({ dataFolder: '/tmp' })).toThrow(/dataFolder/);
    expect(() => validatePatch({ windowBounds: null })).toThrow(/windowBounds/);
    expect(() => validatePatch({ isAdmin: true })).toThrow(/isAdmin/);
    expect(() => validatePatch(null)).toThrow(SettingsPatchError);
    expect(() => validatePatch([])).toThrow(SettingsPatchError);
  });
});

describe('openSettings (electron-store on disk)', () => {
  it('starts from defaults, saves changes and reads them back', () => {
    const cwd = freshDir();
    const first = openSettings({ cwd });
    expect(first.problems).toEqual([]);
    expect(first.get()).toEqual(DEFAULT_SETTINGS);
    expect(first.set({ printer: 'EPSON', language: 'en' })).toMatchObject({ printer: 'EPSON', language: 'en' });
    first.saveWindowBounds({ x: 0, y: 0, width: 1000, height: 700, maximized: true });
    const again = openSettings({ cwd });
    expect(again.get()).toMatchObject({ printer: 'EPSON', language: 'en', windowBounds: { width: 1000, maximized: true } });
    expect(() => again.set({ language: 'xx' })).toThrow(SettingsPatchError);
    expect(again.get().language).toBe('en');
  });

  it('a file an earlier version wrote loads without a message and is written again without the retired fields', () => {
    const cwd = freshDir();
    openSettings({ cwd }); // creates the folder
    const file = join(cwd, 'settings.json');
    writeFileSync(file, JSON.stringify({ ...OLD_FIELDS, language: 'en', printer: 'EPSON' }));
    const settings = openSettings({ cwd, now: () => 555 });
    expect(settings.problems).toEqual([]);
    expect(settings.get()).toEqual({ ...DEFAULT_SETTINGS, language: 'en', printer: 'EPSON' });
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ ...DEFAULT_SETTINGS, language: 'en', printer: 'EPSON' });
    expect(readdirSync(cwd)).not.toContain('settings.json.invalid-555');
  });

  it('a hand-edited file with errors: bad fields reset, original kept aside, file repaired, no crash', () => {
    const cwd = freshDir();
    openSettings({ cwd }); // creates the folder
    const file = join(cwd, 'settings.json');
    writeFileSync(file, JSON.stringify({ printer: 'EPSON', language: 'klingon', windowBounds: 'maximised' }));
    const settings = openSettings({ cwd, now: () => 1234 });
    expect(settings.get()).toMatchObject({ printer: 'EPSON', language: 'zh-CN', windowBounds: null });
    expect(settings.problems.map((p) => p.field)).toEqual(['language', 'windowBounds']);
    expect(existsSync(`${file}.invalid-1234`)).toBe(true);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ printer: 'EPSON', language: 'zh-CN' });

    const message = problemsMessage(settings.problems, 'en', settings.path)!;
    expect(message.detail).toContain('language, windowBounds');
    expect(problemsMessage([], 'en', settings.path)).toBeNull();
  });

  it('malformed JSON: all defaults, a message, no crash', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const cwd = freshDir();
    openSettings({ cwd });
    writeFileSync(join(cwd, 'settings.json'), '{ "printer": "EPSON", ');
    const settings = openSettings({ cwd, now: () => 99 });
    expect(settings.get()).toEqual(DEFAULT_SETTINGS);
    expect(settings.problems).toEqual([{ field: '', reason: 'unreadable' }]);
    expect(readdirSync(cwd)).toContain('settings.json.invalid-99');
    expect(problemsMessage(settings.problems, 'zh-CN', settings.path)!.detail).toContain('全部恢复为默认值');
  });
});
