/**
 * Security guards (Electron's security checklist, see docs/security.md): the CSP of each app://
 * host, the web preferences every window gets, no window.open, no navigation away from the loaded
 * origin, no <webview>, every permission request or check refused, and the IPC sender check.
 */
import type { Session, WebContents, WebFrameMain, WebPreferences } from 'electron';

/** Strict CSP a host. MUI/emotion inject <style> elements, hence style-src 'unsafe-inline'; never for scripts. */
export const CSP = Object.freeze({
  ui: [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    // The desktop screens reach the store through main's port only; a worker would fall back to script-src.
    "worker-src 'none'",
    "frame-src 'self'",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; '),
  store: [
    "default-src 'none'",
    "script-src 'self'",
    "worker-src 'none'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; '),
  /** A printed document (app://print/): its own inline CSS, fonts and QR code; no script at all. */
  print: [
    "default-src 'none'",
    "style-src 'unsafe-inline'",
    'font-src data:',
    'img-src data:',
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; '),
});

/** The web preferences of every window (checklist 2, 3, 4, 6, 8, 9, 10, 11); windows add their preload. */
export const SECURE_WEB_PREFERENCES: Readonly<WebPreferences> = Object.freeze({
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  experimentalFeatures: false,
  webviewTag: false,
  navigateOnDragDrop: false,
  spellcheck: false,
});

/**
 * A window's web preferences: the secure ones, its own additions, and DevTools only in a
 * development run; a packaged build has none, so no one at the counter can open a console on the
 * store or the screens.
 */
export function windowPreferences(packaged: boolean, extra: WebPreferences = {}): WebPreferences {
  return { ...SECURE_WEB_PREFERENCES, ...extra, devTools: !packaged };
}

type Preventable = { preventDefault(): void };

/**
 * Whether a navigation may proceed: only within the page's own app:// origin (a reload of the
 * screens, say). Everything else (http(s), file:, another app:// host, javascript:) is refused.
 */
export function isAllowedNavigation(target: string, current: string): boolean {
  try {
    const to = new URL(target);
    const from = new URL(current);
    return to.protocol === 'app:' && from.protocol === 'app:' && to.host === from.host;
  } catch {
    return false;
  }
}

/** Refuses window.open, <webview>, and navigation or redirects away from the page's own app:// origin. */
export function guardWebContents(contents: Pick<WebContents, 'setWindowOpenHandler' | 'on' | 'getURL'>): void {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  const limit = (event: Preventable, url: string) => {
    if (!isAllowedNavigation(url, contents.getURL())) event.preventDefault();
  };
  contents.on('will-navigate', limit);
  contents.on('will-redirect', limit);
  contents.on('will-attach-webview', (event: Preventable) => event.preventDefault());
}

/** Refuses every permission request and check (camera, notifications, clipboard-read, …) in `session`. */
export function denyPermissions(
  session: Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler'>,
): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
}

/** Guards every web contents created from now on and the session's permissions. */
export function installSecurityGuards(
  app: { on(event: 'web-contents-created', listener: (event: unknown, contents: WebContents) => void): unknown },
  session: Parameters<typeof denyPermissions>[0],
): void {
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents));
  denyPermissions(session);
}

/**
 * Whether an IPC message comes from a UI window's own top frame (checklist 17): its frame still
 * exists, is the main frame, and shows app://ui/. Anything else (a subframe, the store window,
 * a page that somehow navigated elsewhere) is refused.
 */
export function isTrustedSender(event: { senderFrame: Pick<WebFrameMain, 'url' | 'parent'> | null }): boolean {
  const frame = event.senderFrame;
  if (!frame || frame.parent !== null) return false;
  try {
    const url = new URL(frame.url);
    return url.protocol === 'app:' && url.host === 'ui';
  } catch {
    return false;
  }
}

/** Whether a message comes from the hidden store window's own page: its top frame, on app://store/. */
export function isStoreWindowSender(event: { senderFrame: Pick<WebFrameMain, 'url' | 'parent'> | null }): boolean {
  const frame = event.senderFrame;
  if (!frame || frame.parent !== null) return false;
  try {
    const url = new URL(frame.url);
    return url.protocol === 'app:' && url.host === 'store';
  } catch {
    return false;
  }
}
