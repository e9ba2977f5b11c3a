/**
 * The desktop screens' side of printing, in real Chromium with main replaced: the screens send
 * main the case id and how to print, never the case, and never write the print log themselves
 * (main does, through its own connection); the browser edition logs its own dialog prints.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { PrintRecord } from '../../shared/api/contract';
import type { CountersignBridge, DesktopPrintRequest, DesktopPrintResult } from '../../shared/api/desktopBridge';
import { printDocument } from '../../renderer/print/printing';
import { createTestHost, CLERK, configuredHost, register, SUPERVISOR, uniqueDbName } from '../store/fixtures';

/** The desktop preload's bridge, with main replaced: records what the screens ask main to print. */
function installBridge(answer: DesktopPrintResult) {
  const asked: DesktopPrintRequest[] = [];
  const bridge: CountersignBridge = {
    edition: 'desktop',
    requestStorePort: () => {},
    settings: { get: async () => ({}) as never, set: async () => ({}) as never },
    print: { document: async (request) => (asked.push(request), answer), printers: async () => [], report: async () => ({}) as never },
    sync: { enrol: async () => ({}) as never },
    files: { saveExport: async () => true },
  };
  (window as { countersign?: CountersignBridge }).countersign = bridge;
  return asked;
}

afterEach(() => {
  delete (window as { countersign?: CountersignBridge }).countersign;
});

const RECORD: PrintRecord = {
  id: '0190f3a2-0000-7000-8000-000000000001',
  caseId: '0190f3a2-0000-7000-8000-000000000002',
  caseNo: 'BJ01-20260302-0001',
  document: 'registration',
  language: 'zh-CN',
  mode: 'silent',
  copies: 3,
  at: 0,
  by: 'c01',
  pdfBytes: 10,
};

describe('printing from the desktop screens', () => {
  it('asks main to print the case by its id (silently, with the copies) and answers main’s print log entry', async () => {
    const asked = installBridge({ ok: true, printed: true, record: RECORD });
    const { host } = await configuredHost('pawnshop');
    const c = await register(host);
    const outcome = await printDocument({
      document: 'registration',
      caseId: c.id,
      language: 'en',
      copies: 3,
      mode: 'silent',
      frame: null,
      api: host,
      envelope: CLERK,
    });
    expect(outcome).toEqual({ printed: true, record: RECORD });
    expect(asked).toEqual([{ caseId: c.id, document: 'registration', language: 'en', copies: 3, mode: 'silent', token: CLERK.token }]);
    // The screens wrote nothing to the log themselves (main does, through its own connection).
    expect(await host.call('prints.list', { caseId: c.id }, CLERK)).toEqual({ ok: true, value: [] });
    host.close();
  });

  it('answers not printed when the system dialog was cancelled, and passes main’s message on when printing failed', async () => {
    installBridge({ ok: true, printed: false, failureReason: 'cancelled' });
    const { host } = await configuredHost('pawnshop');
    const c = await register(host);
    const args = {
      document: 'receipt' as const,
      caseId: c.id,
      language: 'zh-CN' as const,
      copies: 1,
      frame: null,
      api: host,
      envelope: CLERK,
    };
    expect(await printDocument({ ...args, mode: 'dialog' })).toEqual({ printed: false });
    installBridge({ ok: false, message: '打印失败，未保存。请检查打印机后重试' });
    expect(await printDocument({ ...args, mode: 'silent' })).toEqual({ printed: false, message: '打印失败，未保存。请检查打印机后重试' });
    host.close();
  });
});

describe('printing from the browser edition', () => {
  /** The preview frame: its print dialog is replaced (a real one would block the test). */
  function previewFrame() {
    const frame = document.createElement('iframe');
    document.body.append(frame);
    let dialogs = 0;
    frame.contentWindow!.print = () => void dialogs++;
    return { frame, dialogs: () => dialogs };
  }

  it('opens the frame’s print dialog and logs a browser print without a PDF on the web edition’s host', async () => {
    const host = await createTestHost({ dbName: uniqueDbName(), uiMayLogBrowserPrints: true });
    await host.call('branch.configure', { branch: { branchCode: 'BJ01', branchName: '北京一店', profileId: 'pawnshop' } }, SUPERVISOR);
    const c = await register(host);
    const { frame, dialogs } = previewFrame();
    const outcome = await printDocument({
      document: 'receipt',
      caseId: c.id,
      language: 'zh-CN',
      copies: 1,
      mode: 'silent',
      frame,
      api: host,
      envelope: CLERK,
    });
    expect(dialogs()).toBe(1);
    expect(outcome).toMatchObject({ printed: true, record: { mode: 'browser', pdfBytes: 0, caseNo: c.caseNo } });
    frame.remove();
    host.close();
  });

  it('a desktop host refuses the screens’ own print log entry', async () => {
    const { host } = await configuredHost('pawnshop');
    const c = await register(host);
    const { frame } = previewFrame();
    const outcome = await printDocument({
      document: 'receipt',
      caseId: c.id,
      language: 'en',
      copies: 1,
      mode: 'dialog',
      frame,
      api: host,
      envelope: { ...CLERK, locale: 'en' },
    });
    expect(outcome).toEqual({
      printed: false,
      message: 'Only the desktop application itself may do this (prints.record); a screen cannot ask for it',
    });
    frame.remove();
    host.close();
  });
});
