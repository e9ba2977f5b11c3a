import { describe, expect, it } from 'vitest';
import { CLERK, configuredHost, EN, mustCommand, register, SUPERVISOR } from './fixtures';

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
    );
    expect(first).toMatchObject({
      ok: true,
      value: { caseNo: c.caseNo, document: 'registration', copies: 2, by: 'c01', pdfBytes: PDF.byteLength, mode: 'silent' },
    });
    clock.advance(60_000);
    await host.call('prints.record', { caseId: c.id, document: 'receipt', language: 'en', mode: 'browser', copies: 1 }, CLERK);
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
    await mustCommand(host, c.id, 'closeAtCounter', { explanation: '当场补发取件码' }, CLERK);
    const archived = await mustCommand(host, c.id, 'archive', {}, CLERK);
    const r = await host.call(
      'prints.record',
      { caseId: c.id, document: 'archiveSummary', language: 'zh-CN', mode: 'dialog', copies: 1, pdf: PDF },
      SUPERVISOR,
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
    expect(await host.call('prints.record', { ...base, caseId: '0190f3a2-0000-7000-8000-0000000000ff' }, CLERK)).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
    expect(await host.call('prints.record', { ...base, document: 'invoice' as never }, EN(CLERK))).toMatchObject({
      ok: false,
      error: { issues: [{ path: 'document', message: 'Unknown document' }] },
    });
    expect(await host.call('prints.record', { ...base, copies: 0 }, EN(CLERK))).toMatchObject({
      ok: false,
      error: { issues: [{ path: 'copies', message: 'Copies: a whole number from 1 to 20' }] },
    });
    expect(await host.call('prints.record', { ...base, copies: 2.5 }, CLERK)).toMatchObject({
      ok: false,
      error: { issues: [{ path: 'copies', key: 'errors.print.copies' }] },
    });
    expect(await host.call('prints.record', { ...base, pdf: new TextEncoder().encode('<html>') }, CLERK)).toMatchObject({
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
});
