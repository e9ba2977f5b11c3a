/**
 * Printing in main with Electron replaced: main reads the case from the store through its own
 * connection (a real store host on fake-indexeddb, served as main's), prints from a hidden window
 * and logs the print with its PDF copy itself.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { nodeFontSource } from '../../electron/main/fonts';
import { createPrinter, listPrinters, type PrintWindow } from '../../electron/main/printing';
import { createAppHandler } from '../../electron/main/protocol';
import { createMainStore, type MainPort } from '../../electron/main/storeClient';
import { servePort } from '../../electron/store/portServer';
import type { StoreHost } from '../../electron/store/host';
import type { DesktopPrintRequest } from '../../shared/api/desktopBridge';
import type { Locale } from '../../shared/i18n/translate';
import { CLERK, configuredHost, register, SUPERVISOR } from '../store/fixtures';

const PDF = new TextEncoder().encode('%PDF-1.7 fake');

/** A MessagePortMain with Electron replaced: a DOM MessagePort behind Node-style on/off. */
function mainPort(port: MessagePort): MainPort {
  return {
    postMessage: (message: unknown) => port.postMessage(message),
    on: ((_event: 'message', listener: (event: MessageEvent) => void) => (port.addEventListener('message', listener), port)) as never,
    off: ((_event: 'message', listener: (event: MessageEvent) => void) => (port.removeEventListener('message', listener), port)) as never,
    start: () => port.start(),
    close: () => port.close(),
  };
}

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

/** Main's store connection to `host`, served the way the store window serves main's port. */
function mainStoreOf(host: StoreHost) {
  const channel = new MessageChannel();
  const stopServing = servePort(host, channel.port1, { caller: 'main' });
  const store = createMainStore();
  store.connected(mainPort(channel.port2));
  cleanups.push(() => {
    stopServing();
    channel.port1.close();
    channel.port2.close();
    host.close();
  });
  return store;
}

/** A print window with Electron replaced: serves the page the way app://print/ does, and records what main asks of it. */
function fakeWindow(
  pages: Map<string, string>,
  outcome: { success: boolean; failureReason: string } = { success: true, failureReason: '' },
) {
  const handler = createAppHandler({}, async () => new Uint8Array(), pages);
  const calls = { loaded: '', html: '', printOptions: null as unknown, destroyed: false };
  const win: PrintWindow = {
    loadURL: async (url) => {
      calls.loaded = url;
      const response = await handler(new Request(url));
      if (response.status !== 200) throw new Error(`load failed: ${response.status}`);
      calls.html = await response.text();
    },
    destroy: () => {
      calls.destroyed = true;
    },
    webContents: {
      printToPDF: async () => PDF,
      print: (options, callback) => {
        calls.printOptions = options;
        callback(outcome.success, outcome.failureReason);
      },
    },
  };
  return { win, calls };
}

function request(caseId: string, overrides: Partial<DesktopPrintRequest> = {}): DesktopPrintRequest {
  return { caseId, document: 'registration', language: 'zh-CN', copies: 2, mode: 'silent', token: CLERK.token!, ...overrides };
}

async function setup(printer = 'Counter-Laser', outcome?: { success: boolean; failureReason: string }, locale: Locale = 'zh-CN') {
  const { host } = await configuredHost('pawnshop');
  const c = await register(host);
  const pages = new Map<string, string>();
  const { win, calls } = fakeWindow(pages, outcome);
  const openWindow = vi.fn(() => win);
  const service = createPrinter({
    openWindow,
    pages,
    fonts: nodeFontSource(),
    printerName: () => printer,
    locale: () => locale,
    store: mainStoreOf(host),
    now: () => Date.parse('2026-03-02T10:05:00+08:00'),
  });
  return { service, pages, calls, openWindow, host, c, win };
}

const printLog = async (host: StoreHost, caseId: string) => {
  const r = await host.call('prints.list', { caseId }, CLERK);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};

describe('printing in main', () => {
  it('reads the case from the store itself, prints it silently to the chosen printer and logs it with its PDF copy', async () => {
    const { service, pages, calls, host, c } = await setup();
    const r = await service.print(request(c.id));
    expect(r).toMatchObject({
      ok: true,
      printed: true,
      record: { caseId: c.id, caseNo: c.caseNo, document: 'registration', mode: 'silent', copies: 2, by: 'c01', pdfBytes: PDF.byteLength },
    });
    expect(calls.loaded).toMatch(/^app:\/\/print\/[0-9a-f-]{36}\.html$/);
    expect(calls.html).toContain('客户投诉登记表');
    expect(calls.html).toContain(c.caseNo);
    expect(calls.html).toContain('北京一店'); // the branch as the store holds it
    expect(calls.printOptions).toEqual({ silent: true, copies: 2, printBackground: true, deviceName: 'Counter-Laser' });
    expect(calls.destroyed).toBe(true);
    expect(pages.size).toBe(0); // the page is served only while it prints
    const [logged] = await printLog(host, c.id);
    const copy = await host.call('prints.get', { printId: logged!.id }, CLERK);
    expect(copy.ok && Array.from(copy.value.pdf!)).toEqual(Array.from(PDF));
  }, 30_000);

  it('uses the system dialog (no printer forced) when asked, and the default printer when none is chosen', async () => {
    const dialog = await setup();
    expect(await dialog.service.print(request(dialog.c.id, { mode: 'dialog', copies: 1 }))).toMatchObject({
      ok: true,
      record: { mode: 'dialog' },
    });
    expect(dialog.calls.printOptions).toEqual({ silent: false, copies: 1, printBackground: true });
    const fallback = await setup('');
    await fallback.service.print(request(fallback.c.id));
    expect(fallback.calls.printOptions).toEqual({ silent: true, copies: 2, printBackground: true });
  }, 30_000);

  it('answers a cancelled dialog as not printed and logs nothing', async () => {
    const { service, calls, host, c } = await setup('', { success: false, failureReason: 'cancelled' });
    expect(await service.print(request(c.id, { mode: 'dialog' }))).toEqual({ ok: true, printed: false, failureReason: 'cancelled' });
    expect(calls.destroyed).toBe(true);
    expect(await printLog(host, c.id)).toEqual([]);
  }, 30_000);

  it('refuses a request for a case the store does not have, in the screens’ language, without opening a window', async () => {
    const { service, openWindow } = await setup('Counter-Laser', undefined, 'en');
    expect(await service.print(request('0190f3a2-0000-7000-8000-0000000000ff'))).toEqual({ ok: false, message: 'Complaint not found' });
    expect(openWindow).not.toHaveBeenCalled();
  });

  it('never takes case data from the UI: a request carrying a case, a branch or a PDF is refused as a whole', async () => {
    const { service, openWindow, host, c } = await setup('Counter-Laser', undefined, 'en');
    const forged = { case: { ...c, caseNo: 'FAKE-20260302-0001' }, events: [], clocks: [] };
    for (const extra of [{ detail: forged }, { branch: { branchCode: 'XX99', branchName: 'Forged' } }, { pdf: PDF }]) {
      expect(await service.print({ ...request(c.id), ...extra })).toEqual({
        ok: false,
        message: 'The print request was not understood; nothing was printed',
      });
    }
    expect(openWindow).not.toHaveBeenCalled();
    expect(await printLog(host, c.id)).toEqual([]);
  });

  it('refuses a malformed request in the screens’ language without opening a window', async () => {
    const { service, openWindow, c } = await setup('Counter-Laser', undefined, 'en');
    expect(await service.print({ ...request(c.id), copies: 99 })).toEqual({
      ok: false,
      message: 'The print request was not understood; nothing was printed',
    });
    expect(await service.print({ ...request(c.id), document: 'invoice' })).toMatchObject({ ok: false });
    expect(await service.print({ ...request(c.id), mode: 'browser' })).toMatchObject({ ok: false });
    expect(await service.print({ ...request(c.id), actor: { staffId: 's01', role: 'supervisor' } })).toMatchObject({ ok: false });
    // A token the store host never issued: the host refuses to read the case, so nothing prints.
    expect(await service.print({ ...request(c.id), token: 'forged-token' })).toMatchObject({
      ok: false,
      message: expect.stringContaining('sign in'),
    });
    expect(await service.print('<script>')).toMatchObject({ ok: false });
    expect(openWindow).not.toHaveBeenCalled();
  });

  it('reports a failure to load or print, logs nothing, and still closes the window and forgets the page', async () => {
    const { service, win, calls, pages, host, c } = await setup('', undefined, 'en');
    win.webContents.printToPDF = async () => {
      throw new Error('printing backend gone');
    };
    vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(await service.print(request(c.id))).toEqual({
      ok: false,
      message: 'Printing failed; nothing was saved. Check the printer and try again',
    });
    expect(calls.destroyed).toBe(true);
    expect(pages.size).toBe(0);
    expect(await printLog(host, c.id)).toEqual([]);
  }, 30_000);

  it('serves a print page only by its token, with a CSP that allows no script', async () => {
    const pages = new Map([['0190a1b2-c3d4-7e5f-8a9b-000000000001', '<p>form</p>']]);
    const handle = createAppHandler({}, async () => new Uint8Array(), pages);
    const ok = await handle(new Request('app://print/0190a1b2-c3d4-7e5f-8a9b-000000000001.html'));
    expect(ok.status).toBe(200);
    expect(ok.headers.get('Content-Security-Policy')).toContain("default-src 'none'");
    expect(ok.headers.get('Content-Security-Policy')).not.toContain('script-src');
    expect((await handle(new Request('app://print/0190a1b2-c3d4-7e5f-8a9b-000000000002.html'))).status).toBe(404);
    expect((await handle(new Request('app://print/../ui/index.html'))).status).toBe(404);
  });

  it('lists the printers with a display name and the default marked', async () => {
    const contents = {
      getPrintersAsync: async () => [
        { name: 'HP_1', displayName: 'HP LaserJet', isDefault: true },
        { name: 'PDF', displayName: '' },
      ],
    };
    expect(await listPrinters(contents)).toEqual([
      { name: 'HP_1', displayName: 'HP LaserJet', isDefault: true },
      { name: 'PDF', displayName: 'PDF', isDefault: false },
    ]);
  });
});

describe('a monthly report printed to PDF by main', () => {
  it("renders the report's page in its language, prints it to PDF and keeps the PDF with the report", async () => {
    const { host } = await configuredHost();
    await register(host);
    const made = await host.call('reports.monthly.create', { month: '2026-03', language: 'en' }, SUPERVISOR);
    if (!made.ok) throw new Error(made.error.message);
    const store = mainStoreOf(host);
    const pages = new Map<string, string>();
    const { win, calls } = fakeWindow(pages);
    const printer = createPrinter({
      openWindow: () => win,
      pages,
      fonts: nodeFontSource(),
      printerName: () => '',
      locale: () => 'zh-CN',
      store,
      now: () => Date.parse('2026-03-31T18:00:00+08:00'),
    });
    const answer = await printer.report({ reportId: made.value.report.id, token: SUPERVISOR.token });
    expect(answer).toMatchObject({ ok: true, report: { id: made.value.report.id, pdfBytes: PDF.byteLength, deliveredAt: null } });
    expect(calls.html).toContain('Monthly complaint report');
    expect(calls.destroyed).toBe(true);
    expect(pages.size).toBe(0);
    const read = await host.call('reports.get', { reportId: made.value.report.id }, SUPERVISOR);
    expect(read.ok && read.value.pdf).toEqual(PDF);
    // Queued again for head office, now with its PDF.
    const pending = await host.call('sync.reports.pending', {}, SUPERVISOR, 'main');
    expect(pending.ok && pending.value.map((r) => r.pdf)).toEqual([Buffer.from(PDF).toString('base64')]);
  });

  it('refuses a request carrying anything but the report id and who asks, and a report that does not exist', async () => {
    const { host } = await configuredHost();
    const store = mainStoreOf(host);
    const pages = new Map<string, string>();
    const { win } = fakeWindow(pages);
    const printer = createPrinter({
      openWindow: () => win,
      pages,
      fonts: nodeFontSource(),
      printerName: () => '',
      locale: () => 'en',
      store,
      now: Date.now,
    });
    expect(await printer.report({ reportId: 'r1', token: SUPERVISOR.token, html: '<script>' })).toMatchObject({ ok: false });
    expect(await printer.report({ reportId: crypto.randomUUID(), token: SUPERVISOR.token })).toEqual({
      ok: false,
      message: 'This report was not found.',
    });
  });

  it('a UI connection may not attach a PDF itself', async () => {
    const { host } = await configuredHost();
    const r = await host.call('reports.attachPdf', { reportId: 'r1', pdf: PDF }, SUPERVISOR);
    expect(r.ok || r.error.code).toBe('forbidden');
  });
});
