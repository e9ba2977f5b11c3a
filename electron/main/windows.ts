/**
 * The UI window: the screens from app://ui/, sandboxed, with the UI preload; its size and place
 * are remembered in the settings and restored when they still fit on a display.
 */
import { app, BrowserWindow, Menu, screen, type MenuItemConstructorOptions, type Rectangle } from 'electron';
import type { WindowBounds } from '../../shared/api/desktopBridge';
import { UI_PRELOAD, UI_URL } from './paths';
import { windowPreferences } from './security';
import type { SettingsService } from './settings';

export const DEFAULT_SIZE = { width: 1280, height: 800 };

/**
 * Where to open the window: the saved bounds if at least 100×100 px of the title area lies on a
 * display's work area; otherwise the saved size (capped to the first display) with no position
 * (the system centres it); without saved bounds, the default size.
 */
export function restoreBounds(
  saved: WindowBounds | null,
  workAreas: readonly Rectangle[],
): { x?: number; y?: number; width: number; height: number } {
  if (!saved) return { ...DEFAULT_SIZE };
  const { x, y, width, height } = saved;
  if (x !== undefined && y !== undefined) {
    const visible = workAreas.some((a) => {
      const w = Math.min(x + width, a.x + a.width) - Math.max(x, a.x);
      const h = Math.min(y + 100, a.y + a.height) - Math.max(y, a.y);
      return w >= 100 && h >= 50;
    });
    if (visible) return { x, y, width, height };
  }
  const area = workAreas[0];
  return area ? { width: Math.min(width, area.width), height: Math.min(height, area.height) } : { width, height };
}

export function createMainWindow(settings: Pick<SettingsService, 'get' | 'saveWindowBounds'>): BrowserWindow {
  const saved = settings.get().windowBounds;
  const bounds = restoreBounds(
    saved,
    screen.getAllDisplays().map((d) => d.workArea),
  );
  const win = new BrowserWindow({
    ...bounds,
    minWidth: 640,
    minHeight: 480,
    show: false,
    title: 'Countersign',
    webPreferences: windowPreferences(app.isPackaged, { preload: UI_PRELOAD }),
  });
  if (saved?.maximized) win.maximize();
  win.once('ready-to-show', () => win.show());
  win.on('close', () => {
    const { x, y, width, height } = win.getNormalBounds();
    settings.saveWindowBounds({ x, y, width, height, maximized: win.isMaximized() });
  });
  void win.loadURL(UI_URL).catch((thrown: unknown) => console.error('main window: load failed', thrown));
  return win;
}

/**
 * The application menu, written out (Electron's default menu has "Toggle Developer Tools"): the
 * usual editing, zoom and window entries, and the developer entries only in a development run.
 */
export function applicationMenuTemplate(packaged: boolean, platform: NodeJS.Platform): MenuItemConstructorOptions[] {
  const developer: MenuItemConstructorOptions[] = packaged
    ? []
    : [{ type: 'separator' }, { role: 'forceReload' }, { role: 'toggleDevTools' }];
  return [
    ...(platform === 'darwin' ? [{ role: 'appMenu' } as const] : []),
    { role: 'fileMenu' },
    { role: 'editMenu' },
    {
      label: 'View',
      submenu: [
        { role: 'reload' },
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
        ...developer,
      ],
    },
    { role: 'windowMenu' },
  ];
}

/** Replaces Electron's default menu (which offers the developer tools) with ours. */
export function installApplicationMenu(): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(applicationMenuTemplate(app.isPackaged, process.platform)));
}
