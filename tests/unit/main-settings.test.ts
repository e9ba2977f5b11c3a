/**
 * Machine settings (electron/main/settingsSchema.ts, settings.ts): a hand-edited or damaged file
 * falls back to defaults field by field with problems, never a crash; electron-store's JSON
 * schema agrees with the validator; UI patches are checked and limited to UI fields.
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
  branchCode: 'SH01',
  branchName: '上海一分店',
  profile: 'pawnshop',
  language: 'zh-TW',
  dataFolder: '/srv/countersign',
  printer: 'EPSON LQ-630K',
  hqUrl: 'https://hq.example.cn/sync',
  windowBounds: { x: 10, y: 20, width: 1200, height: 800, maximized: false },
} as const;

describe('validateSettings', () => {
  it('keeps a valid file as it is', () => {
    expect(validateSettings(GOOD)).toEqual({ settings: GOOD, problems: [] });
  });

  it('no file yet: the defaults, silently', () => {
    expect(validateSettings(undefined)).toEqual({ settings: DEFAULT_SETTINGS, problems: [] });
    expect(parseSettingsText(null)).toEqual({ settings: DEFAULT_SETTINGS, problems: [] });
  });

  it('each bad field falls back to its default with a problem; good fields are kept', () => {
    const { settings, problems } = validateSettings({
      ...GOOD,
      branchCode: 'sh 01',
      profile: 'bank',
      language: 'fr',
      hqUrl: 'ftp://hq.example.cn',
      windowBounds: { width: 10, height: 'tall' },
      printer: 42,
      colour: 'blue',
    });
    expect(settings).toEqual({
      ...GOOD,
      branchCode: '',
      profile: 'general',
      language: 'zh-CN',
      hqUrl: '',
      windowBounds: null,
      printer: '',
    });
    expect(problems).toEqual([
      { field: 'branchCode', reason: 'invalid' },
      { field: 'profile', reason: 'invalid' },
      { field: 'language', reason: 'invalid' },
      { field: 'printer', reason: 'invalid' },
      { field: 'hqUrl', reason: 'invalid' },
      { field: 'windowBounds', reason: 'invalid' },
      { field: 'colour', reason: 'unknown-field' },
    ]);
  });

  it('malformed JSON or a non-object: all defaults with one problem', () => {
    expect(parseSettingsText('{"branchCode": "SH01",')).toEqual({
      settings: DEFAULT_SETTINGS,
      problems: [{ field: '', reason: 'unreadable' }],
    });
    for (const raw of [null, 42, 'x', [GOOD]]) {
      expect(validateSettings(raw)).toEqual({ settings: DEFAULT_SETTINGS, problems: [{ field: '', reason: 'not-an-object' }] });
    }
  });

  it('never takes an inherited or prototype key', () => {
    const { settings } = validateSettings(JSON.parse('{"__proto__": {"branchCode": "EVIL"}}'));
    expect(settings.branchCode).toBe('');
  });

  it('a hqUrl with credentials is refused', () => {
    expect(validateSettings({ hqUrl: 'https://user:pw@hq.example.cn/' }).problems).toEqual([{ field: 'hqUrl', reason: 'invalid' }]);
  });
});

describe('electron-store JSON schema', () => {
  const ajv = new Ajv2020({ strict: false });
  const validators = Object.fromEntries(Object.entries(SETTINGS_JSON_SCHEMA).map(([k, s]) => [k, ajv.compile(s)]));
  const samples: Record<string, unknown[]> = {
    branchCode: ['', 'SH01', 'A', 'sh01', 'ABCDEFGHIJKLM', 1],
    branchName: ['', '分店', 'x'.repeat(101), null],
    profile: ['general', 'courier', 'bank', ''],
    language: ['zh-CN', 'en', 'fr', null],
    dataFolder: ['', '/srv', 7],
    printer: ['', 'EPSON', false],
    hqUrl: ['', 'https://hq.example.cn', 3],
    windowBounds: [
      null,
      GOOD.windowBounds,
      { width: 800, height: 600, maximized: true },
      { width: 10, height: 600, maximized: true },
      { width: 800, height: 600 },
      { width: 800.5, height: 600, maximized: false },
      'big',
    ],
  };

  it('accepts every default', () => {
    for (const [key, value] of Object.entries(DEFAULT_SETTINGS)) expect(validators[key]!(value), key).toBe(true);
  });

  it('accepts whatever the validator accepts (the schema may be looser only where noted: hqUrl’s scheme)', () => {
    for (const [key, values] of Object.entries(samples)) {
      for (const value of values) {
        const zodOk = FIELD_SCHEMAS[key as keyof typeof FIELD_SCHEMAS].safeParse(value).success;
        if (zodOk) expect(validators[key]!(value), `${key}: ${JSON.stringify(value)}`).toBe(true);
        else if (key !== 'hqUrl') expect(validators[key]!(value), `${key}: ${JSON.stringify(value)}`).toBe(false);
      }
    }
  });
});

describe('validatePatch', () => {
  it('takes valid UI fields', () => {
    expect(validatePatch({ branchCode: 'BJ02', language: 'en' })).toEqual({ branchCode: 'BJ02', language: 'en' });
  });

  it('refuses the whole patch for a bad value, a main-only field or an unknown one', () => {
    expect(() => validatePatch({ branchCode: 'bad code' })).toThrow(SettingsPatchError);
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
    expect(first.set({ branchCode: 'SH01', branchName: '上海' })).toMatchObject({ branchCode: 'SH01', branchName: '上海' });
    first.saveWindowBounds({ x: 0, y: 0, width: 1000, height: 700, maximized: true });
    const again = openSettings({ cwd });
    expect(again.get()).toMatchObject({ branchCode: 'SH01', branchName: '上海', windowBounds: { width: 1000, maximized: true } });
    expect(() => again.set({ language: 'xx' })).toThrow(SettingsPatchError);
    expect(again.get().language).toBe('zh-CN');
  });

  it('a hand-edited file with errors: bad fields reset, original kept aside, file repaired, no crash', () => {
    const cwd = freshDir();
    openSettings({ cwd }); // creates the folder
    const file = join(cwd, 'settings.json');
    writeFileSync(file, JSON.stringify({ branchCode: 'SH01', language: 'klingon', windowBounds: 'maximised' }));
    const settings = openSettings({ cwd, now: () => 1234 });
    expect(settings.get()).toMatchObject({ branchCode: 'SH01', language: 'zh-CN', windowBounds: null });
    expect(settings.problems.map((p) => p.field)).toEqual(['language', 'windowBounds']);
    expect(existsSync(`${file}.invalid-1234`)).toBe(true);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ branchCode: 'SH01', language: 'zh-CN' });

    const message = problemsMessage(settings.problems, 'en', settings.path)!;
    expect(message.detail).toContain('language, windowBounds');
    expect(problemsMessage([], 'en', settings.path)).toBeNull();
  });

  it('malformed JSON: all defaults, a message, no crash', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const cwd = freshDir();
    openSettings({ cwd });
    writeFileSync(join(cwd, 'settings.json'), '{ "branchCode": "SH01", ');
    const settings = openSettings({ cwd, now: () => 99 });
    expect(settings.get()).toEqual(DEFAULT_SETTINGS);
    expect(settings.problems).toEqual([{ field: '', reason: 'unreadable' }]);
    expect(readdirSync(cwd)).toContain('settings.json.invalid-99');
    expect(problemsMessage(settings.problems, 'zh-CN', settings.path)!.detail).toContain('全部恢复为默认值');
  });
});
