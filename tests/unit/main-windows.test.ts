/**
 * The UI window (electron/main/windows.ts) with Electron replaced: its remembered bounds; no
 * DevTools and no developer menu entries in a packaged build.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';

const electron = vi.hoisted(() => {
  const state = {
    app: { isPackaged: true },
    windows: [] as { options: { webPreferences?: Record<string, unknown> } }[],
    menus: [] as unknown[],
    applied: [] as unknown[],
  };
  class BrowserWindow {
    constructor(readonly options: { webPreferences?: Record<string, unknown> }) {
      state.windows.push(this);
    }
    maximize() {}
    once() {}
    on() {}
    loadURL = async () => {};
  }
  return {
    state,
    module: {
      app: state.app,
      BrowserWindow,
      screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1040 } }] },
      Menu: {
        buildFromTemplate: (template: unknown) => (state.menus.push(template), { template }),
        setApplicationMenu: (menu: unknown) => void state.applied.push(menu),
      },
    },
  };
});
vi.mock('electron', () => electron.module);
const { DEFAULT_SIZE, restoreBounds, createMainWindow, applicationMenuTemplate, installApplicationMenu } =
  await import('../../electron/main/windows');

const screen = [{ x: 0, y: 0, width: 1920, height: 1040 }];
const twoScreens = [...screen, { x: 1920, y: 0, width: 1280, height: 1024 }];

describe('restoreBounds', () => {
  it('no saved bounds: the default size, placed by the system', () => {
    expect(restoreBounds(null, screen)).toEqual(DEFAULT_SIZE);
  });

  it('saved bounds on a display are restored as they were', () => {
    const saved = { x: 100, y: 50, width: 1200, height: 800, maximized: false };
    expect(restoreBounds(saved, screen)).toEqual({ x: 100, y: 50, width: 1200, height: 800 });
    expect(restoreBounds({ ...saved, x: 2000 }, twoScreens)).toEqual({ x: 2000, y: 50, width: 1200, height: 800 });
  });

  it('bounds on a display that is gone keep the size (capped) but not the place', () => {
    expect(restoreBounds({ x: 2500, y: 50, width: 2400, height: 800, maximized: false }, screen)).toEqual({ width: 1920, height: 800 });
    expect(restoreBounds({ x: 100, y: -900, width: 1200, height: 800, maximized: false }, screen)).toEqual({ width: 1200, height: 800 });
  });
});

/** Every menu item, submenus included. */
function items(template: readonly MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return template.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? items(item.submenu) : [])]);
}
const DEVELOPER_ROLES = ['toggleDevTools', 'viewMenu', 'forceReload'];

describe('developer tools', () => {
  const settings = { get: () => ({ windowBounds: null }) as never, saveWindowBounds: () => {} };
  beforeEach(() => {
    electron.state.windows.length = 0;
    electron.state.menus.length = 0;
    electron.state.applied.length = 0;
  });

  it('a packaged build opens the UI window without DevTools, with the secure preferences and its preload', () => {
    electron.state.app.isPackaged = true;
    createMainWindow(settings);
    expect(electron.state.windows[0]!.options.webPreferences).toMatchObject({
      devTools: false,
      contextIsolation: true,
      sandbox: true,
      preload: expect.stringContaining('preload'),
    });
    electron.state.app.isPackaged = false;
    createMainWindow(settings);
    expect(electron.state.windows[1]!.options.webPreferences).toMatchObject({ devTools: true });
  });

  it('a packaged build’s application menu has no developer entries (nor the default View menu that holds them)', () => {
    electron.state.app.isPackaged = true;
    installApplicationMenu();
    expect(electron.state.applied).toHaveLength(1); // Electron's default menu is replaced
    for (const platform of ['win32', 'linux', 'darwin'] as const) {
      const packaged = items(applicationMenuTemplate(true, platform));
      expect(packaged.filter((i) => DEVELOPER_ROLES.includes(i.role ?? ''))).toEqual([]);
      expect(packaged.map((i) => i.role)).toEqual(expect.arrayContaining(['editMenu', 'reload', 'zoomIn']));
    }
    const installed = electron.state.menus[0] as MenuItemConstructorOptions[];
    expect(items(installed).some((i) => i.role === 'toggleDevTools')).toBe(false);
    // A development run keeps them.
    expect(items(applicationMenuTemplate(false, 'linux')).some((i) => i.role === 'toggleDevTools')).toBe(true);
  });
});
