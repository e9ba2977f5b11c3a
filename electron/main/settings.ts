/**
 * Machine settings (electron-store, JSON schema in settingsSchema.ts). The file is read and
 * checked field by field before electron-store sees it, so a hand-edited or damaged file never
 * crashes the app: bad fields fall back to their defaults, the original is kept next to it as
 * `settings.json.invalid-<time>`, and the user is told (problemsMessage).
 */
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ipcMain } from 'electron';
import Store, { type Schema } from 'electron-store';
import { translate, type Locale } from '../../shared/i18n/translate';
import type { Settings, SettingsPatch, WindowBounds } from '../../shared/api/desktopBridge';
import {
  parseSettingsText,
  SETTINGS_JSON_SCHEMA,
  validatePatch,
  validateSettings,
  type SettingsProblem,
  type ValidatedSettings,
} from './settingsSchema';

export interface SettingsService {
  get(): Settings;
  /** Applies a UI window's patch (validated; throws SettingsPatchError) and answers the result. */
  set(patch: unknown): Settings;
  saveWindowBounds(bounds: WindowBounds): void;
  /** What was wrong with the file when it was opened (empty when nothing was). */
  readonly problems: readonly SettingsProblem[];
  readonly path: string;
}

/** electron-store answers this sync IPC channel to any renderer; we use it from main only. */
const ELECTRON_STORE_CHANNEL = 'electron-store-get-data';

function readText(file: string, problems: SettingsProblem[]): string | null {
  try {
    return readFileSync(file, 'utf8');
  } catch (thrown) {
    if ((thrown as NodeJS.ErrnoException).code !== 'ENOENT') problems.push({ field: '', reason: 'unreadable' });
    return null;
  }
}

/** Checks the file, repairs it if needed, then opens it with electron-store. Never throws. */
export function openSettings(options: { cwd: string; name?: string; now?: () => number }): SettingsService {
  const name = options.name ?? 'settings';
  const file = join(options.cwd, `${name}.json`);
  const readProblems: SettingsProblem[] = [];
  const text = readText(file, readProblems);
  const checked: ValidatedSettings = parseSettingsText(text);
  const problems = [...readProblems, ...checked.problems];

  if (checked.problems.length || checked.retired.length) {
    try {
      // Only a damaged file is kept aside; one that merely held retired fields is just written anew.
      if (checked.problems.length) copyFileSync(file, `${file}.invalid-${(options.now ?? Date.now)()}`);
      writeFileSync(file, JSON.stringify(checked.settings, null, '\t'));
    } catch (thrown) {
      console.error('settings: could not repair', file, thrown);
    }
  }

  let store: Store<Settings> | null = null;
  try {
    store = new Store<Settings>({
      name,
      cwd: options.cwd,
      schema: SETTINGS_JSON_SCHEMA as unknown as Schema<Settings>,
      clearInvalidConfig: false,
    });
  } catch (thrown) {
    console.error('settings: electron-store could not open; using defaults in memory', thrown);
    problems.push({ field: '', reason: 'unreadable' });
  }
  ipcMain?.removeAllListeners(ELECTRON_STORE_CHANNEL);

  // Without a store (unwritable folder), the settings live in memory for this run.
  let memory: Settings = store ? validateSettings(store.store).settings : { ...checked.settings };

  const write = (next: Settings) => {
    memory = next;
    if (!store) return;
    try {
      store.set(next);
    } catch (thrown) {
      console.error('settings: could not save', thrown);
    }
  };

  return {
    get: () => ({ ...memory }),
    set(patch: unknown) {
      const valid: SettingsPatch = validatePatch(patch);
      write({ ...memory, ...valid });
      return { ...memory };
    },
    saveWindowBounds(bounds) {
      const checkedBounds = validateSettings({ windowBounds: bounds });
      if (checkedBounds.problems.length === 0) write({ ...memory, windowBounds: checkedBounds.settings.windowBounds });
    },
    problems,
    path: file,
  };
}

/** The message shown when the settings file had problems (null when it had none). */
export function problemsMessage(
  problems: readonly SettingsProblem[],
  locale: Locale,
  path: string,
): { title: string; message: string; detail: string } | null {
  if (problems.length === 0) return null;
  const whole = problems.some((p) => p.field === '');
  const fields = [...new Set(problems.map((p) => p.field).filter(Boolean))];
  const lines = [
    whole ? translate(locale, 'settingsFile.unreadable') : '',
    fields.length ? `${translate(locale, 'settingsFile.reset')} ${fields.join(', ')}` : '',
    path,
  ].filter(Boolean);
  return { title: 'Countersign', message: translate(locale, 'settingsFile.message'), detail: lines.join('\n') };
}
