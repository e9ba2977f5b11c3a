/**
 * The hidden window a document is printed from: never shown, no preload, and no JavaScript at all
 * (the documents are HTML and CSS with an SVG QR code). It only ever loads app://print/.
 */
import { app, BrowserWindow } from 'electron';
import type { PrintWindow } from './printing';
import { windowPreferences } from './security';

export function createPrintWindow(): PrintWindow {
  const win = new BrowserWindow({
    show: false,
    width: 794,
    height: 1123,
    webPreferences: windowPreferences(app.isPackaged, { javascript: false }),
  });
  return {
    loadURL: (url) => win.loadURL(url),
    destroy: () => win.destroy(),
    webContents: {
      printToPDF: (options) => win.webContents.printToPDF(options),
      print: (options, callback) => win.webContents.print(options, callback),
    },
  };
}
