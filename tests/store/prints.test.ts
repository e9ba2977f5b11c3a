import { describe, expect, it } from 'vitest';
import { servePort } from '../../electron/store/portServer';
import { createPortClient } from '../../shared/api/portClient';
import { createTestHost, CLERK, configuredHost, EN, mustCommand, register, SUPERVISOR, TestClock, uniqueDbName } from './fixtures';

const PDF = new TextEncoder().encode('%PDF-1.7\n% a printed registration form\n%%EOF\n');

describe('the print log', () => {
  it('records each printing with who, when, copies and the PDF copy; lists them newest first; live', async () => {
    const { host, clock } = await configuredHost('pawnshop');
    const c = await register(host);
    const seen: number[] = [];
    const stop = host.subscribe('prints.list', { caseId: c.id }, CLERK, (r) => r.ok && seen.push(r.value.length));
    const first = await host.call(
      'prints.record',
      { caseId: c.id, document: 'registration', language: 'zh-CN', mode: 'silent', copies: 2, pdf: PDF },
      CLERK,
      'main',
    );
    expect(first).toMatchObject({
      ok: true,
      value: { caseNo: c.caseNo, document: 'registration', copies: 2, by: 'c01', pdfBytes: PDF.byteLength, mode: 'silent' },
    });
    clock.advance(60_000);
    await host.call('prints.record', { caseId: c.id, document: 'receipt', language: 'en', mode: 'browser', copies: 1 }, CLERK, 'main');
    const list = await host.call('prints.list', { caseId: c.id }, CLERK);
    expect(list.ok && list.value.map((p) => [p.document, p.pdfBytes])).toEqual([
      ['receipt', 0],
      ['registration', PDF.byteLength],
    ]);
    expect(list.ok && 'pdf' in list.value[0]!).toBe(false); // the log never carries the files
    const copy = first.ok ? await host.call('prints.get', { printId: first.value.id }, CLERK) : null;
    expect(copy?.ok && Array.from(copy.value.pdf!)).toEqual(Array.from(PDF));
    await expect.poll(() => seen.at(-1)).toBe(2);
    stop();
    host.close();
  });

  it('prints an archived case too, and leaves the case and its ledger untouched', async () => {
    const { host } = await configuredHost('courier');
    const c = await register(host, { category: 'pickup' });
    // Settled at the counter, so archived at once (R1.7).
    const archived = await mustCommand(host, c.id, 'closeAtCounter', { explanation: '当场补发取件码' }, CLERK);
    const r = await host.call(
      'prints.record',
      { caseId: c.id, document: 'archiveSummary', language: 'zh-CN', mode: 'dialog', copies: 1, pdf: PDF },
      SUPERVISOR,
      'main',
    );
    expect(r.ok).toBe(true);
    const after = await host.call('cases.get', { caseId: c.id }, CLERK);
    expect(after.ok && after.value.case.version).toBe(archived.version);
    expect(await host.call('ledger.verify', {}, SUPERVISOR)).toMatchObject({ ok: true, value: { firstBreak: null } });
    host.close();
  });

  it('refuses an unknown case, document, copies out of range and a copy that is not a PDF, with translated messages', async () => {
    const { host } = await configuredHost('pawnshop');
    const c = await register(host);
    const base = { caseId: c.id, document: 'registration' as const, language: 'zh-CN' as const, mode: 'silent' as const, copies: 1 };
    expect(await host.call('prints.record', { ...base, caseId: '0190f3a2-0000-7000-8000-0000000000ff' }, CLERK, 'main')).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
    expect(await host.call('prints.record', { ...base, document: 'invoice' as never }, EN(CLERK), 'main')).toMatchObject({
      ok: false,
      error: { issues: [{ path: 'document', message: 'Unknown document' }] },
    });
    expect(await host.call('prints.record', { ...base, copies: 0 }, EN(CLERK), 'main')).toMatchObject({
      ok: false,
      error: { issues: [{ path: 'copies', message: 'Copies: a whole number from 1 to 20' }] },
    });
    expect(await host.call('prints.record', { ...base, copies: 2.5 }, CLERK, 'main')).toMatchObject({
      ok: false,
      error: { issues: [{ path: 'copies', key: 'errors.print.copies' }] },
    });
    expect(await host.call('prints.record', { ...base, pdf: new TextEncoder().encode('<html>') }, CLERK, 'main')).toMatchObject({
      ok: false,
      error: { issues: [{ path: 'pdf', message: '留存副本不是 PDF 文件' }] },
    });
    expect(await host.call('prints.get', { printId: '0190f3a2-0000-7000-8000-0000000000ff' }, CLERK)).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
    const list = await host.call('prints.list', { caseId: c.id }, CLERK);
    expect(list.ok && list.value).toEqual([]);
    host.close();
  });

  it('refuses prints.record from a UI connection of a desktop host, with or without a PDF; main’s connection may', async () => {
    const { host } = await configuredHost('pawnshop');
    const c = await register(host);
    const base = { caseId: c.id, document: 'registration' as const, language: 'zh-CN' as const, copies: 1 };
    const forbidden = {
      ok: false,
      error: {
        code: 'forbidden',
        key: 'errors.request.mainOnly',
        message: 'Only the desktop application itself may do this (prints.record); a screen cannot ask for it',
      },
    };
    for (const params of [
      { ...base, mode: 'silent' as const, pdf: PDF },
      { ...base, mode: 'dialog' as const },
      { ...base, mode: 'browser' as const },
      { ...base, mode: 'browser' as const, pdf: PDF },
    ]) {
      expect(await host.call('prints.record', params, EN(CLERK))).toEqual(forbidden); // a caller left out is a UI
      expect(await host.call('prints.record', params, EN(CLERK), 'ui')).toEqual(forbidden);
    }
    // Refused before the parameters are looked at.
    expect(await host.call('prints.record', { junk: true } as never, EN(CLERK), 'ui')).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(await host.call('prints.list', { caseId: c.id }, CLERK)).toEqual({ ok: true, value: [] });
    expect(await host.call('prints.record', { ...base, mode: 'silent', pdf: PDF }, CLERK, 'main')).toMatchObject({ ok: true });
    host.close();
  });

  it('serves a port as the connection it was handed out as, whatever the messages say', async () => {
    const { host } = await configuredHost('pawnshop');
    const c = await register(host);
    const params = { caseId: c.id, document: 'receipt' as const, language: 'zh-CN' as const, mode: 'silent' as const, copies: 1, pdf: PDF };
    const ui = new MessageChannel();
    const main = new MessageChannel();
    const stopUi = servePort(host, ui.port1, { caller: 'ui' });
    const stopMain = servePort(host, main.port1, { caller: 'main' });
    const uiClient = createPortClient(ui.port2);
    const mainClient = createPortClient(main.port2);
    expect(await uiClient.call('prints.record', params, CLERK)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    // A message saying it comes from main is refused outright (an envelope has a token and a language, nothing else).
    expect(await uiClient.call('prints.record', params, { token: CLERK.token, caller: 'main' } as never)).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    expect(await mainClient.call('prints.record', params, CLERK)).toMatchObject({ ok: true, value: { pdfBytes: PDF.byteLength } });
    stopUi();
    stopMain();
    for (const port of [ui.port1, ui.port2, main.port1, main.port2]) port.close();
    host.close();
  });

  it('the browser edition’s host lets its screens log a dialog print without a PDF, and nothing else', async () => {
    const host = await createTestHost({ dbName: uniqueDbName(), now: new TestClock().now, uiMayLogBrowserPrints: true });
    const configured = await host.call(
      'branch.configure',
      { branch: { branchCode: 'BJ01', branchName: '北京一店', profileId: 'pawnshop' } },
      SUPERVISOR,
    );
    expect(configured.ok).toBe(true);
    const c = await register(host);
    const base = { caseId: c.id, document: 'receipt' as const, language: 'zh-CN' as const, copies: 1 };
    expect(await host.call('prints.record', { ...base, mode: 'browser' }, CLERK, 'ui')).toMatchObject({
      ok: true,
      value: { mode: 'browser', pdfBytes: 0 },
    });
    for (const params of [
      { ...base, mode: 'browser' as const, pdf: PDF },
      { ...base, mode: 'silent' as const },
      { ...base, mode: 'dialog' as const, pdf: PDF },
    ]) {
      expect(await host.call('prints.record', params, CLERK, 'ui')).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    const list = await host.call('prints.list', { caseId: c.id }, CLERK);
    expect(list.ok && list.value.map((p) => [p.mode, p.pdfBytes])).toEqual([['browser', 0]]);
    host.close();
  });
});
