import { describe, expect, it } from 'vitest';
import { CLERK, configuredHost, EN, mustCommand, register, SUPERVISOR } from './fixtures';

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4]);

describe('attachments', () => {
  it('store evidence and the signed form with the case, in one event each, and give the bytes back', async () => {
    const { host } = await configuredHost();
    const c = await register(host);
    const r = await host.call(
      'cases.addAttachment',
      { caseId: c.id, expectedVersion: 1, kind: 'signed_form', name: '登记表签字.png', type: 'image/png', bytes: PNG },
      CLERK,
    );
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.evidence).toMatchObject([
      { name: '登记表签字.png', type: 'image/png', size: PNG.byteLength, kind: 'signed_form', by: 'c01' },
    ]);
    const file = await host.call('attachments.get', { attachmentId: r.value.evidence[0]!.attachmentId }, CLERK);
    expect(file.ok && Array.from(file.value.bytes)).toEqual(Array.from(PNG));
    const detail = await host.call('cases.get', { caseId: c.id }, CLERK);
    expect(detail.ok && detail.value.events.map((e) => e.type)).toEqual(['registered', 'evidence_added']);
    expect(await host.call('ledger.verify', {}, SUPERVISOR)).toMatchObject({ ok: true, value: { firstBreak: null } });
    host.close();
  });

  it('refuse other file types, empty and oversized files, evidence without a file, and archived cases; nothing is stored', async () => {
    const { host } = await configuredHost('courier');
    const c = await register(host, { category: 'pickup' });
    const base = { caseId: c.id, expectedVersion: 1, kind: 'evidence' as const, name: 'x' };
    expect(await host.call('cases.addAttachment', { ...base, type: 'text/html' as never, bytes: PNG }, EN(CLERK))).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: 'Only photos (JPEG, PNG, WebP) or PDFs can be attached' },
    });
    expect(await host.call('cases.addAttachment', { ...base, type: 'application/pdf', bytes: new Uint8Array(0) }, CLERK)).toMatchObject({
      ok: false,
      error: { message: '文件是空的' },
    });
    expect(
      await host.call('cases.addAttachment', { ...base, type: 'application/pdf', bytes: new Uint8Array(20 * 1024 * 1024 + 1) }, CLERK),
    ).toMatchObject({ ok: false, error: { message: '文件太大（上限 20 MB）' } });
    const bare = await host.call(
      'cases.command',
      {
        caseId: c.id,
        expectedVersion: 1,
        command: {
          name: 'addEvidence',
          payload: { attachmentId: '0190f3a2-0000-7000-8000-00000000000a', name: 'x', type: 'image/png', size: 1, kind: 'evidence' },
        },
      },
      CLERK,
    );
    expect(bare).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    await mustCommand(host, c.id, 'closeAtCounter', { explanation: '当场解决' }, CLERK); // settled and archived (R1.7)
    const late = await host.call('cases.addAttachment', { ...base, expectedVersion: 2, type: 'image/png', bytes: PNG }, CLERK);
    expect(late).toMatchObject({ ok: false, error: { code: 'invalid_state' } });
    expect(await host.db.attachments.count()).toBe(0);
    host.close();
  });
});
