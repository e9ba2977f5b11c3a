import { describe, expect, it, vi } from 'vitest';
import { nodeFontSource } from '../../electron/main/fonts';
import { createPrinter, listPrinters, type PrintWindow } from '../../electron/main/printing';
import { createAppHandler } from '../../electron/main/protocol';
import type { DesktopPrintRequest } from '../../shared/api/desktopBridge';
import { BRANCH, detailOf, register } from '../forms/fixtures';

const PDF = new TextEncoder().encode('%PDF-1.7 fake');

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

function request(overrides: Partial<DesktopPrintRequest> = {}): DesktopPrintRequest {
  return {
    document: 'registration',
    detail: detailOf(register()),
    branch: BRANCH,
    language: 'zh-CN',
    copies: 2,
    silent: true,
    ...overrides,
  };
}

function setup(printer = 'Counter-Laser', outcome?: { success: boolean; failureReason: string }) {
  const pages = new Map<string, string>();
  const { win, calls } = fakeWindow(pages, outcome);
  const openWindow = vi.fn(() => win);
  const service = createPrinter({
    openWindow,
    pages,
    fonts: nodeFontSource(),
    printerName: () => printer,
    now: () => Date.parse('2026-03-02T10:05:00+08:00'),
  });
  return { service, pages, calls, openWindow };
}

describe('printing in main', () => {
  it('renders the document, loads it from app://print/, keeps its PDF and prints it silently to the chosen printer', async () => {
    const { service, pages, calls } = setup();
    const r = await service.print(request());
    expect(r).toEqual({ ok: true, printed: true, pdf: PDF });
    expect(calls.loaded).toMatch(/^app:\/\/print\/[0-9a-f-]{36}\.html$/);
    expect(calls.html).toContain('客户投诉登记表');
    expect(calls.html).toContain('BJ01-20260302-');
    expect(calls.printOptions).toEqual({ silent: true, copies: 2, printBackground: true, deviceName: 'Counter-Laser' });
    expect(calls.destroyed).toBe(true);
    expect(pages.size).toBe(0); // the page is served only while it prints
  }, 30_000);

  it('uses the system dialog (no printer forced) when not silent, and the default printer when none is chosen', async () => {
    const dialog = setup();
    await dialog.service.print(request({ silent: false, copies: 1 }));
    expect(dialog.calls.printOptions).toEqual({ silent: false, copies: 1, printBackground: true });
    const fallback = setup('');
    await fallback.service.print(request());
    expect(fallback.calls.printOptions).toEqual({ silent: true, copies: 2, printBackground: true });
  }, 30_000);

  it('answers a cancelled dialog as not printed, with the PDF still made', async () => {
    const { service, calls } = setup('', { success: false, failureReason: 'cancelled' });
    expect(await service.print(request({ silent: false }))).toEqual({ ok: true, printed: false, pdf: PDF, failureReason: 'cancelled' });
    expect(calls.destroyed).toBe(true);
  }, 30_000);

  it('refuses a malformed request in the asked language without opening a window', async () => {
    const { service, openWindow } = setup();
    expect(await service.print({ ...request(), copies: 99, language: 'en' })).toEqual({
      ok: false,
      message: 'The print request was not understood; nothing was printed',
    });
    expect(await service.print({ ...request(), document: 'invoice' })).toMatchObject({ ok: false, message: '打印请求无法识别，未打印' });
    expect(await service.print('<script>')).toMatchObject({ ok: false });
    expect(openWindow).not.toHaveBeenCalled();
  });

  it('reports a failure to load or print, and still closes the window and forgets the page', async () => {
    const pages = new Map<string, string>();
    const { win, calls } = fakeWindow(pages);
    win.webContents.printToPDF = async () => {
      throw new Error('printing backend gone');
    };
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const service = createPrinter({ openWindow: () => win, pages, fonts: nodeFontSource(), printerName: () => '', now: Date.now });
    expect(await service.print(request({ language: 'en' }))).toEqual({
      ok: false,
      message: 'Printing failed; nothing was saved. Check the printer and try again',
    });
    expect(calls.destroyed).toBe(true);
    expect(pages.size).toBe(0);
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
