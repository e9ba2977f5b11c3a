/**
 * Main process entry: lifecycle only. One instance; the app:// scheme and the settings (the data
 * folder) before ready; then the security guards, the settings, the IPC handlers, the hidden store
 * window (with main's own connection to it) and the UI window. The store window is hidden, so closing the UI window is what quits the app.
 */
import { isAbsolute } from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, net, protocol, safeStorage, session } from 'electron';
import Store from 'electron-store';
import { nodeFontSource } from './fonts';
import { writeFile } from 'node:fs/promises';
import { createExportFiles } from './exportFile';
import { registerIpc } from './ipc';
import { createPrinter, listPrinters } from './printing';
import { createPrintWindow } from './printWindow';
import { APP_ROOTS } from './paths';
import { createPortBroker } from './ports';
import { installAppProtocol, registerAppScheme } from './protocol';
import { installSecurityGuards, isStoreWindowSender } from './security';
import { openSettings, problemsMessage, type SettingsService } from './settings';
import { createMainStore } from './storeClient';
import { superviseStoreWindow } from './storeWindow';
import { createMainSync, safeStorageKeeper } from './sync';
import { createMainWindow, installApplicationMenu } from './windows';

let mainWindow: BrowserWindow | null = null;
let settings: SettingsService | null = null;

function showMainWindow(): void {
  if (!settings) return;
  if (!mainWindow || mainWindow.isDestroyed()) {
    const win = createMainWindow(settings);
    mainWindow = win;
    win.on('closed', () => {
      if (mainWindow === win) mainWindow = null;
      if (process.platform !== 'darwin') app.quit();
    });
    return;
  }
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.focus();
}

function tellSettingsProblems(service: SettingsService): void {
  const text = problemsMessage(service.problems, service.get().language, service.path);
  if (!text) return;
  console.warn('settings:', service.problems);
  const show = () => void dialog.showMessageBox({ type: 'warning', title: text.title, message: text.message, detail: text.detail });
  if (mainWindow) mainWindow.once('ready-to-show', show);
  else show();
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  registerAppScheme(protocol);
  // Main's own store connection (printing reads the case and logs the print through it).
  const store = createMainStore();
  const broker = createPortBroker(undefined, store);
  const printPages = new Map<string, string>();
  const storeWindow = superviseStoreWindow({ broker });

  app.on('second-instance', () => showMainWindow());
  app.on('before-quit', () => storeWindow.stop());
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => showMainWindow());

  // Before ready: the data folder setting moves Chromium's session data (where IndexedDB lives).
  settings = openSettings({ cwd: app.getPath('userData') });
  const { dataFolder } = settings.get();
  if (dataFolder && isAbsolute(dataFolder)) app.setPath('sessionData', dataFolder);

  void app.whenReady().then(() => {
    if (!settings) return;
    installSecurityGuards(app, session.defaultSession);
    installApplicationMenu();
    installAppProtocol(protocol, APP_ROOTS, printPages);
    const service = settings;
    const printer = createPrinter({
      openWindow: createPrintWindow,
      pages: printPages,
      fonts: nodeFontSource(),
      printerName: () => service.get().printer,
      locale: () => service.get().language,
      store,
      now: Date.now,
    });
    // The sync secret, encrypted with safeStorage, in a file of its own (never among the settings the UI reads).
    const secretFile = new Store<{ secret?: string }>({ name: 'sync', cwd: app.getPath('userData') });
    const secrets = safeStorageKeeper(safeStorage, { get: (key) => secretFile.get(key), set: (key, value) => secretFile.set(key, value) });
    const sync = createMainSync({
      store,
      fetch: (url, init) => fetch(url, init as RequestInit),
      secrets,
      isOnline: () => net.isOnline(),
      now: Date.now,
      random: Math.random,
      appVersion: app.getVersion(),
      setTimer: (run, ms) => setTimeout(run, ms),
      clearTimer: (handle) => clearTimeout(handle as NodeJS.Timeout),
    });
    app.on('before-quit', () => sync.stop());
    const exportFiles = createExportFiles({
      secrets,
      enrolledBranch: async () => {
        const r = await store.call('sync.status', {}, {});
        return r.ok ? r.value.branch : null;
      },
      chooseSavePath: async (defaultName) => {
        const extension = defaultName.slice(defaultName.lastIndexOf('.') + 1);
        const options = { defaultPath: defaultName, filters: [{ name: extension.toUpperCase(), extensions: [extension] }] };
        const r = mainWindow ? await dialog.showSaveDialog(mainWindow, options) : await dialog.showSaveDialog(options);
        return r.canceled || !r.filePath ? null : r.filePath;
      },
      writeFile: (path, bytes) => writeFile(path, bytes),
    });
    registerIpc(ipcMain, { broker, settings, printer, printers: listPrinters, sync, exportFiles, isStoreWindow: isStoreWindowSender });
    storeWindow.start();
    sync.start();
    showMainWindow();
    tellSettingsProblems(settings);
  });
}
