/**
 * Security guards and IPC (electron/main/security.ts, ipc.ts) with Electron replaced:
 * window.open, navigation away and <webview> are refused, every permission is refused, and
 * IPC from anything but a UI window's top frame on app://ui/ is ignored or refused.
 */
import { describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => ({}));

const {
  CSP,
  SECURE_WEB_PREFERENCES,
  denyPermissions,
  guardWebContents,
  installSecurityGuards,
  isAllowedNavigation,
  isTrustedSender,
  isStoreWindowSender,
} = await import('../../electron/main/security');
const { registerIpc, UntrustedSenderError } = await import('../../electron/main/ipc');

type Handler = (...args: unknown[]) => unknown;

function fakeContents(url = 'app://ui/index.html') {
  const handlers = new Map<string, Handler>();
  let openHandler: Handler | null = null;
  return {
    handlers,
    open: (details: unknown) => openHandler!(details),
    setWindowOpenHandler: (h: Handler) => void (openHandler = h),
    on: (event: string, h: Handler) => void handlers.set(event, h),
    getURL: () => url,
  };
}

function fire(contents: ReturnType<typeof fakeContents>, event: string, url: string): boolean {
  const preventDefault = vi.fn();
  contents.handlers.get(event)!({ preventDefault }, url);
  return preventDefault.mock.calls.length > 0;
}

describe('web contents guards', () => {
  it('denies window.open', () => {
    const contents = fakeContents();
    guardWebContents(contents as never);
    expect(contents.open({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
    expect(contents.open({ url: 'app://ui/index.html' })).toEqual({ action: 'deny' });
  });

  it('refuses navigation and redirects away from the page’s own app:// origin', () => {
    const contents = fakeContents();
    guardWebContents(contents as never);
    for (const event of ['will-navigate', 'will-redirect']) {
      expect(fire(contents, event, 'https://example.com/')).toBe(true);
      expect(fire(contents, event, 'file:///etc/passwd')).toBe(true);
      expect(fire(contents, event, 'app://store/window.html')).toBe(true);
      expect(fire(contents, event, 'javascript:alert(1)')).toBe(true);
      expect(fire(contents, event, 'not a url')).toBe(true);
      expect(fire(contents, event, 'app://ui/index.html')).toBe(false); // a reload
    }
    expect(isAllowedNavigation('app://ui/x', 'https://ui/')).toBe(false);
  });

  it('refuses every <webview>', () => {
    const contents = fakeContents();
    guardWebContents(contents as never);
    const preventDefault = vi.fn();
    contents.handlers.get('will-attach-webview')!({ preventDefault }, {}, {});
    expect(preventDefault).toHaveBeenCalled();
  });

  it('guards every web contents created and refuses every permission request and check', async () => {
    let created: Handler | null = null;
    const app = { on: (event: string, h: Handler) => event === 'web-contents-created' && (created = h) };
    const session = { setPermissionRequestHandler: vi.fn(), setPermissionCheckHandler: vi.fn(), setDevicePermissionHandler: vi.fn() };
    installSecurityGuards(app as never, session as never);
    const contents = fakeContents();
    created!({}, contents);
    expect(contents.handlers.has('will-navigate')).toBe(true);

    for (const permission of ['media', 'notifications', 'geolocation', 'clipboard-read', 'openExternal']) {
      const callback = vi.fn();
      session.setPermissionRequestHandler.mock.calls[0]![0]({}, permission, callback, {});
      expect(callback).toHaveBeenCalledWith(false);
      expect(session.setPermissionCheckHandler.mock.calls[0]![0]({}, permission, 'app://ui', {})).toBe(false);
    }
    expect(session.setDevicePermissionHandler.mock.calls[0]![0]({})).toBe(false);
    expect(denyPermissions).toBeTypeOf('function');
  });

  it('every window is isolated and sandboxed, and the CSP allows no inline or remote script', () => {
    expect(SECURE_WEB_PREFERENCES).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
    for (const policy of Object.values(CSP)) {
      // A script source is the page's own files, or none at all (default-src 'none' covers it).
      const script = policy.split('; ').find((d) => d.startsWith('script-src'));
      expect(script ?? "default-src 'none'").toMatch(/^(script-src 'self'|default-src 'none')$/);
      expect(policy).toContain("default-src 'none'");
      expect(policy).toContain("object-src 'none'");
      expect(policy).not.toMatch(/unsafe-eval|https?:|\*/);
    }
  });

  it('no window may start a worker: the desktop screens reach the store only through main’s port', () => {
    const directives = (policy: string) => new Map(policy.split('; ').map((d) => [d.split(' ')[0]!, d.split(' ').slice(1)]));
    for (const [host, policy] of Object.entries(CSP)) {
      const d = directives(policy);
      // worker-src falls back to child-src, then script-src: 'self' there would allow a worker again.
      const workers = d.get('worker-src') ?? d.get('child-src') ?? d.get('script-src') ?? d.get('default-src');
      expect(workers, host).toEqual(["'none'"]);
    }
    expect(directives(CSP.ui).get('script-src')).toEqual(["'self'"]);
  });
});

describe('IPC sender check', () => {
  const frame = (url: string, parent: unknown = null) => ({ senderFrame: { url, parent } });

  it('trusts only a UI window’s top frame on app://ui/', () => {
    expect(isTrustedSender(frame('app://ui/index.html') as never)).toBe(true);
    expect(isTrustedSender(frame('app://ui/index.html', {}) as never)).toBe(false); // a subframe
    expect(isTrustedSender(frame('app://store/window.html') as never)).toBe(false);
    expect(isTrustedSender(frame('https://ui/') as never)).toBe(false);
    expect(isTrustedSender(frame('file:///work/out/web/index.html') as never)).toBe(false);
    expect(isTrustedSender(frame('') as never)).toBe(false);
    expect(isTrustedSender({ senderFrame: null })).toBe(false); // navigated away or destroyed
  });

  function setup() {
    const on = new Map<string, Handler>();
    const handle = new Map<string, Handler>();
    const ipcMain = { on: (c: string, h: Handler) => on.set(c, h), handle: (c: string, h: Handler) => handle.set(c, h) };
    const broker = { connect: vi.fn() };
    const settings = { get: vi.fn(() => ({ language: 'en' })), set: vi.fn((patch: unknown) => ({ patched: patch })) };
    const printer = {
      print: vi.fn(async () => ({ ok: true as const, printed: false as const })),
      report: vi.fn(async () => ({ ok: false as const, message: 'no' })),
    };
    const printers = vi.fn(async () => []);
    const sync = { enrol: vi.fn(async (request: unknown) => ({ ok: true as const, value: { asked: request } as never })) };
    const exportFiles = { sign: vi.fn(async () => 'v1=signed'), save: vi.fn(async () => true) };
    registerIpc(ipcMain as never, {
      broker,
      settings: settings as never,
      printer,
      printers,
      sync,
      exportFiles,
      isStoreWindow: isStoreWindowSender,
    });
    return { on, handle, broker, settings, printer, printers, sync, exportFiles };
  }

  it('hands a store port only to a trusted sender', () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { on, broker } = setup();
    const sender = { id: 7 };
    on.get('store:request-port')!({ ...frame('https://evil.example/'), sender });
    expect(broker.connect).not.toHaveBeenCalled();
    on.get('store:request-port')!({ ...frame('app://ui/index.html'), sender });
    expect(broker.connect).toHaveBeenCalledWith(sender);
  });

  it('takes an enrolment code only from a trusted sender', async () => {
    const { handle, sync } = setup();
    const request = { code: 'countersign://enrol?…', actor: { staffId: 's01', role: 'supervisor' } };
    expect(() => handle.get('sync:enrol')!(frame('https://evil.example/'), request)).toThrow(UntrustedSenderError);
    expect(sync.enrol).not.toHaveBeenCalled();
    expect(await handle.get('sync:enrol')!(frame('app://ui/index.html'), request)).toEqual({ ok: true, value: { asked: request } });
  });

  it('answers settings only to a trusted sender', () => {
    const { handle, settings } = setup();
    expect(() => handle.get('settings:get')!(frame('app://store/window.html'))).toThrow(UntrustedSenderError);
    expect(() => handle.get('settings:set')!(frame('app://ui/', {}), { language: 'en' })).toThrow(UntrustedSenderError);
    expect(settings.get).not.toHaveBeenCalled();
    expect(settings.set).not.toHaveBeenCalled();
    expect(handle.get('settings:get')!(frame('app://ui/index.html'))).toEqual({ language: 'en' });
    expect(handle.get('settings:set')!(frame('app://ui/index.html'), { language: 'en' })).toEqual({ patched: { language: 'en' } });
  });

  it('signs export manifests only for the store window, and saves export files only for a UI window', async () => {
    const { handle, exportFiles } = setup();
    expect(() => handle.get('export:sign')!(frame('app://ui/index.html'), '{}')).toThrow(UntrustedSenderError);
    expect(() => handle.get('export:sign')!(frame('app://store/window.html', {}), '{}')).toThrow(UntrustedSenderError);
    expect(() => handle.get('export:save')!(frame('app://store/window.html'), {})).toThrow(UntrustedSenderError);
    expect(exportFiles.sign).not.toHaveBeenCalled();
    expect(exportFiles.save).not.toHaveBeenCalled();
    expect(await handle.get('export:sign')!(frame('app://store/window.html'), '{}')).toBe('v1=signed');
    expect(await handle.get('export:save')!(frame('app://ui/index.html'), { fileName: 'x' })).toBe(true);
  });

  it('prints and lists printers only for a trusted sender', async () => {
    const { handle, printer, printers } = setup();
    expect(() => handle.get('print:document')!(frame('app://store/window.html'), { document: 'receipt' })).toThrow(UntrustedSenderError);
    expect(() => handle.get('print:printers')!(frame('https://evil.example/'))).toThrow(UntrustedSenderError);
    expect(printer.print).not.toHaveBeenCalled();
    expect(printers).not.toHaveBeenCalled();
    await handle.get('print:document')!(frame('app://ui/index.html'), { document: 'receipt' });
    expect(printer.print).toHaveBeenCalledWith({ document: 'receipt' });
  });
});
