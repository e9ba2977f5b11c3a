/** The main (UI) window. Placeholder content until the renderer is served over app://. */
import { BrowserWindow } from 'electron';
import { fileURLToPath } from 'node:url';

/** The preload is built next to main as CommonJS: sandboxed preloads cannot be ES modules. */
export const PRELOAD_PATH = fileURLToPath(new URL('../preload/index.cjs', import.meta.url));

const PLACEHOLDER_HTML = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>Countersign</title></head>
<body style="font-family: sans-serif; margin: 3em"><h1>Countersign</h1><p>客户投诉登记 — the screens are not built yet.</p></body></html>`;

export function createMainWindow(): BrowserWindow {
  const win = new BrowserWindow({
    width: 1280,
    height: 800,
    show: false,
    title: 'Countersign',
    webPreferences: {
      preload: PRELOAD_PATH,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
    },
  });
  win.once('ready-to-show', () => win.show());
  void win.loadURL(`data:text/html;charset=utf-8,${encodeURIComponent(PLACEHOLDER_HTML)}`);
  return win;
}
