import { afterEach, describe, expect, it } from 'vitest';
import type { CountersignBridge, DesktopPrintRequest, DesktopPrintResult } from '../../shared/api/desktopBridge';
import { printDocument, type PrintSource } from '../../renderer/print/printing';
import { CLERK, configuredHost, register } from '../store/fixtures';

const PDF = new TextEncoder().encode('%PDF-1.7 printed by main');

/** The desktop preload's bridge, with main replaced: records what the screens ask main to print. */
function installBridge(answer: DesktopPrintResult) {
  const asked: DesktopPrintRequest[] = [];
  const bridge: CountersignBridge = {
    edition: 'desktop',
    requestStorePort: () => {},
    settings: { get: async () => ({}) as never, set: async () => ({}) as never },
    print: { document: async (request) => (asked.push(request), answer), printers: async () => [] },
  };
  (window as { countersign?: CountersignBridge }).countersign = bridge;
  return asked;
}

async function setup() {
  const { host } = await configuredHost('pawnshop');
  const c = await register(host);
  const detail = await host.call('cases.get', { caseId: c.id }, CLERK);
  if (!detail.ok) throw new Error(detail.error.message);
  const source: PrintSource = {
    detail: detail.value,
    language: 'zh-CN',
    branch: { branchCode: 'BJ01', branchName: '北京一店', profileId: 'pawnshop', phone: '010-6500 1234' },
    organization: { departments: [], staff: [{ id: 'c01', name: '张敏', role: 'clerk' }], customCategories: [], retiredCategories: [] },
  };
  return { host, c, source };
}

afterEach(() => {
  delete (window as { countersign?: CountersignBridge }).countersign;
});

describe('printing from the desktop screens', () => {
  it('asks main to print (silently, with the copies) and keeps the PDF it answers with the case', async () => {
    const asked = installBridge({ ok: true, printed: true, pdf: PDF });
    const { host, c, source } = await setup();
    const outcome = await printDocument({
      document: 'registration',
      source,
      copies: 3,
      silent: true,
      frame: null,
      api: host,
      envelope: CLERK,
    });
    expect(outcome).toMatchObject({
      printed: true,
      record: { document: 'registration', mode: 'silent', copies: 3, pdfBytes: PDF.byteLength },
    });
    expect(asked).toHaveLength(1);
    expect(asked[0]).toMatchObject({
      document: 'registration',
      copies: 3,
      silent: true,
      language: 'zh-CN',
      branch: { branchCode: 'BJ01', phone: '010-6500 1234' },
    });
    expect(asked[0]!.detail.case.caseNo).toBe(c.caseNo);
    const log = await host.call('prints.list', { caseId: c.id }, CLERK);
    const copy = log.ok ? await host.call('prints.get', { printId: log.value[0]!.id }, CLERK) : null;
    expect(copy?.ok && Array.from(copy.value.pdf!)).toEqual(Array.from(PDF));
    host.close();
  });

  it('logs nothing when the system dialog was cancelled, and passes main’s message on when printing failed', async () => {
    installBridge({ ok: true, printed: false, pdf: PDF, failureReason: 'cancelled' });
    const { host, c, source } = await setup();
    expect(await printDocument({ document: 'receipt', source, copies: 1, silent: false, frame: null, api: host, envelope: CLERK })).toEqual(
      { printed: false },
    );
    installBridge({ ok: false, message: '打印失败，未保存。请检查打印机后重试' });
    expect(await printDocument({ document: 'receipt', source, copies: 1, silent: true, frame: null, api: host, envelope: CLERK })).toEqual({
      printed: false,
      message: '打印失败，未保存。请检查打印机后重试',
    });
    expect(await host.call('prints.list', { caseId: c.id }, CLERK)).toEqual({ ok: true, value: [] });
    host.close();
  });
});
