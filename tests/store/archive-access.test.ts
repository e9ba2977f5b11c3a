/**
 * The restricted archive (R7.3, docs/privacy.md): archived cases are read by supervisors and
 * administrators, by others only under a supervisor's grant that runs out on the host's clock;
 * every read is logged; ID numbers leave the host in full only to supervisors and administrators.
 */
import { describe, expect, it } from 'vitest';
import type { Envelope } from '../../shared/api/contract';
import type { StoreHost } from '../../electron/store/host';
import { idCheckChar } from '../../shared/domain/idNumber';
import { openDb } from '../../electron/store/db';
import {
  ADMIN,
  asStaff,
  CLERK,
  configuredHost,
  createTestHost,
  EN,
  HANDLER,
  mustCommand,
  register,
  SUPERVISOR,
  TestClock,
  uniqueDbName,
} from './fixtures';

const HOUR = 3_600_000;
const PDF = new TextEncoder().encode('%PDF-1.7\n% archive summary\n%%EOF\n');
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4]);
const ID = '11010519491231002X';

/** A courier complaint with a signed form, settled at the counter by c01 (archived at once), an hour and more ago. */
async function archivedCase() {
  const opened = await configuredHost('courier');
  const { host, clock } = opened;
  const c = await register(host, {
    category: 'pickup',
    complainant: { name: '王小明', phone: '138 1234 8000', address: '朝阳区建国路 88 号', idType: 'resident_id', idNumber: ID },
  });
  const withForm = await host.call(
    'cases.addAttachment',
    { caseId: c.id, expectedVersion: 1, kind: 'signed_form', name: '登记表.png', type: 'image/png', bytes: PNG },
    CLERK,
  );
  if (!withForm.ok) throw new Error(withForm.error.message);
  await mustCommand(host, c.id, 'closeAtCounter', { explanation: '当场补发取件码' }, CLERK);
  const printed = await host.call(
    'prints.record',
    { caseId: c.id, document: 'archiveSummary', language: 'zh-CN', mode: 'dialog', copies: 1, pdf: PDF },
    SUPERVISOR,
    'main',
  );
  if (!printed.ok) throw new Error(printed.error.message);
  clock.advance(HOUR + 1);
  return { ...opened, c, attachmentId: withForm.value.evidence[0]!.attachmentId, printId: printed.value.id };
}

async function refusedEverywhere(host: StoreHost, ids: { caseId: string; attachmentId: string; printId: string }, who: Envelope) {
  for (const r of [
    await host.call('cases.get', { caseId: ids.caseId }, who),
    await host.call('attachments.get', { attachmentId: ids.attachmentId }, who),
    await host.call('prints.list', { caseId: ids.caseId }, who),
    await host.call('prints.get', { printId: ids.printId }, who),
  ]) {
    expect(r).toMatchObject({ ok: false, error: { code: 'forbidden', key: 'errors.archive.restricted' } });
  }
}

describe('the restricted archive', () => {
  it('refuses a clerk and a handler an archived case, its attachments and its prints, with a translated message', async () => {
    const { host, c, attachmentId, printId } = await archivedCase();
    await refusedEverywhere(host, { caseId: c.id, attachmentId, printId }, CLERK);
    await refusedEverywhere(host, { caseId: c.id, attachmentId, printId }, HANDLER);
    expect(await host.call('cases.get', { caseId: c.id }, EN(CLERK))).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining(`Case ${c.caseNo} is archived`) },
    });
    expect(await host.call('cases.get', { caseId: c.id }, CLERK)).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining(`案件 ${c.caseNo} 已归档`) },
    });
    for (const who of [SUPERVISOR, ADMIN]) {
      expect((await host.call('cases.get', { caseId: c.id }, who)).ok).toBe(true);
      expect((await host.call('attachments.get', { attachmentId }, who)).ok).toBe(true);
      expect((await host.call('prints.get', { printId }, who)).ok).toBe(true);
    }
    host.close();
  });

  it('lets whoever archived a case read it for an hour (settling at the counter archives at once), logged as such', async () => {
    const { host, clock } = await configuredHost('courier');
    const c = await register(host, { category: 'pickup' });
    await mustCommand(host, c.id, 'closeAtCounter', { explanation: '当场补发取件码' }, CLERK);
    expect((await host.call('cases.get', { caseId: c.id }, CLERK)).ok).toBe(true);
    const other = await asStaff(host, 'c02', 'clerk');
    expect(await host.call('cases.get', { caseId: c.id }, other)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    clock.advance(HOUR);
    expect(await host.call('cases.get', { caseId: c.id }, CLERK)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const log = await host.call('archive.accessLog', { caseId: c.id }, SUPERVISOR);
    expect(log.ok && log.value.map((e) => [e.staffId, e.basis, e.what])).toEqual([['c01', 'archiver', 'detail']]);
    host.close();
  });

  it('request → grant → the clerk reads it, logged with the grant → the grant runs out → refused again', async () => {
    const { host, clock, c, attachmentId, printId } = await archivedCase();
    const asked = await host.call('archive.requestAccess', { caseId: c.id, reason: '客户来电询问当时的处理结果' }, CLERK);
    if (!asked.ok) throw new Error(asked.error.message);
    expect(asked.value).toMatchObject({ caseNo: c.caseNo, staffId: 'c01', status: 'open' });
    // Asking again while it waits is the same request.
    const again = await host.call('archive.requestAccess', { caseId: c.id, reason: '再问一次' }, CLERK);
    expect(again.ok && again.value.id).toBe(asked.value.id);
    expect(await host.call('archive.myGrants', {}, CLERK)).toMatchObject({
      ok: true,
      value: { grants: [], requests: [{ id: asked.value.id }] },
    });

    const open = await host.call('archive.requests', {}, SUPERVISOR);
    expect(open.ok && open.value.map((r) => [r.caseNo, r.staffId, r.reason])).toEqual([[c.caseNo, 'c01', '客户来电询问当时的处理结果']]);
    expect(await host.call('archive.requests', {}, CLERK)).toMatchObject({ ok: false, error: { code: 'forbidden' } });

    const granted = await host.call('archive.grant', { requestId: asked.value.id, hours: 2 }, SUPERVISOR);
    if (!granted.ok) throw new Error(granted.error.message);
    expect(granted.value).toMatchObject({ staffId: 'c01', caseId: c.id, grantedBy: 's01', expiresAt: clock.at + 2 * HOUR });
    expect(await host.call('archive.requests', {}, SUPERVISOR)).toMatchObject({ ok: true, value: [] });
    expect(await host.call('archive.myGrants', {}, CLERK)).toMatchObject({
      ok: true,
      value: { grants: [{ id: granted.value.id }], requests: [] },
    });

    const detail = await host.call('cases.get', { caseId: c.id }, CLERK);
    expect(detail.ok && detail.value.case.caseNo).toBe(c.caseNo);
    expect((await host.call('attachments.get', { attachmentId }, CLERK)).ok).toBe(true);
    expect((await host.call('prints.get', { printId }, CLERK)).ok).toBe(true);
    // Another clerk's grant opens nothing to this one.
    const other = await asStaff(host, 'c02', 'clerk');
    expect(await host.call('cases.get', { caseId: c.id }, other)).toMatchObject({ ok: false, error: { code: 'forbidden' } });

    clock.advance(2 * HOUR - 1);
    expect((await host.call('cases.get', { caseId: c.id }, CLERK)).ok).toBe(true);
    clock.advance(1);
    await refusedEverywhere(host, { caseId: c.id, attachmentId, printId }, CLERK);
    expect(await host.call('archive.myGrants', {}, CLERK)).toMatchObject({ ok: true, value: { grants: [] } });

    const log = await host.call('archive.accessLog', { caseId: c.id }, SUPERVISOR);
    if (!log.ok) throw new Error(log.error.message);
    // Newest first; the read two hours on is an entry of its own.
    expect(log.value.map((e) => [e.staffId, e.what, e.basis, e.grantId])).toEqual([
      ['c01', 'detail', 'grant', granted.value.id],
      ['c01', 'print', 'grant', granted.value.id],
      ['c01', 'attachment', 'grant', granted.value.id],
      ['c01', 'detail', 'grant', granted.value.id],
    ]);
    host.close();
  });

  it('a refused request opens nothing; a decided request is not decided again', async () => {
    const { host, c } = await archivedCase();
    const asked = await host.call('archive.requestAccess', { caseId: c.id, reason: '核对' }, HANDLER);
    if (!asked.ok) throw new Error(asked.error.message);
    expect(await host.call('archive.refuse', { requestId: asked.value.id }, CLERK)).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    const refused = await host.call('archive.refuse', { requestId: asked.value.id }, SUPERVISOR);
    expect(refused).toMatchObject({ ok: true, value: { status: 'refused', decidedBy: 's01' } });
    expect(await host.call('cases.get', { caseId: c.id }, HANDLER)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await host.call('archive.grant', { requestId: asked.value.id, hours: 1 }, EN(SUPERVISOR))).toMatchObject({
      ok: false,
      error: { code: 'invalid_state', message: 'This access request has already been decided' },
    });
    expect(await host.call('archive.requests', {}, SUPERVISOR)).toMatchObject({ ok: true, value: [] });
    host.close();
  });

  it("logs supervisors' reads, by period and by case; only supervisors read the log", async () => {
    const { host, clock, c } = await archivedCase();
    const from = clock.at;
    await host.call('cases.get', { caseId: c.id }, SUPERVISOR);
    await host.call('cases.get', { caseId: c.id }, SUPERVISOR); // the same minute: one entry
    clock.advance(11 * 60_000);
    await host.call('cases.get', { caseId: c.id }, ADMIN);
    const all = await host.call('archive.accessLog', {}, ADMIN);
    expect(all.ok && all.value.map((e) => [e.staffId, e.role, e.basis, e.grantId, e.at])).toEqual([
      ['a01', 'admin', 'supervisor', null, clock.at],
      ['s01', 'supervisor', 'supervisor', null, from],
    ]);
    const early = await host.call('archive.accessLog', { from, to: from + 60_000 }, SUPERVISOR);
    expect(early.ok && early.value.map((e) => e.staffId)).toEqual(['s01']);
    const elsewhere = await host.call('archive.accessLog', { caseId: '0190f3a2-0000-7000-8000-0000000000ff' }, SUPERVISOR);
    expect(elsewhere).toMatchObject({ ok: true, value: [] });
    expect(await host.call('archive.accessLog', {}, HANDLER)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    host.close();
  });

  it('a live case page of a supervisor keeps one log entry however often it re-reads', async () => {
    const { host, c } = await archivedCase();
    const seen: boolean[] = [];
    const stop = host.subscribe('cases.get', { caseId: c.id }, SUPERVISOR, (r) => seen.push(r.ok));
    await expect.poll(() => seen).toEqual([true]);
    stop();
    const log = await host.call('archive.accessLog', { caseId: c.id }, SUPERVISOR);
    expect(log.ok && log.value.length).toBe(1);
    host.close();
  });

  it('refuses hostile requests: unknown case, a case not archived, hours out of range, a grant to no one, a supervisor asking', async () => {
    const { host, c } = await archivedCase();
    const open = await register(host, { category: 'pickup' });
    const unknown = '0190f3a2-0000-7000-8000-0000000000ff';
    expect(await host.call('archive.requestAccess', { caseId: unknown, reason: 'x' }, CLERK)).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
    expect(await host.call('archive.requestAccess', { caseId: open.id, reason: 'x' }, CLERK)).toMatchObject({
      ok: false,
      error: { code: 'invalid_state', key: 'errors.archive.notArchived' },
    });
    expect(await host.call('archive.requestAccess', { caseId: c.id, reason: '  ' }, CLERK)).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    expect(await host.call('archive.requestAccess', { caseId: c.id, reason: '看看' }, SUPERVISOR)).toMatchObject({
      ok: false,
      error: { key: 'errors.archive.noNeed' },
    });
    expect(await host.call('archive.grant', { caseId: open.id, staffId: 'c01', hours: 1 }, SUPERVISOR)).toMatchObject({
      ok: false,
      error: { code: 'invalid_state', key: 'errors.archive.notArchived' },
    });
    expect(await host.call('archive.grant', { caseId: unknown, staffId: 'c01', hours: 1 }, SUPERVISOR)).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
    expect(await host.call('archive.grant', { requestId: unknown, hours: 1 }, SUPERVISOR)).toMatchObject({
      ok: false,
      error: { code: 'not_found', key: 'errors.archive.requestNotFound' },
    });
    for (const hours of [0, -1, 73, 1e9, 1.5, Number.NaN]) {
      expect(await host.call('archive.grant', { caseId: c.id, staffId: 'c01', hours }, EN(SUPERVISOR))).toMatchObject({
        ok: false,
        error: { code: 'invalid_input', message: 'Access lasts a whole number of hours from 1 to 72' },
      });
    }
    expect(await host.call('archive.grant', { caseId: c.id, hours: 1 }, SUPERVISOR)).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', key: 'errors.archive.grantWhom' },
    });
    // A clerk cannot grant, not even to themselves.
    expect(await host.call('archive.grant', { caseId: c.id, staffId: 'c01', hours: 72 }, CLERK)).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(await host.call('cases.get', { caseId: c.id }, CLERK)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    // A supervisor grants directly, for at most three days.
    const direct = await host.call('archive.grant', { caseId: c.id, staffId: 'h01', hours: 72 }, SUPERVISOR);
    expect(direct).toMatchObject({ ok: true, value: { staffId: 'h01', requestId: null } });
    expect((await host.call('cases.get', { caseId: c.id }, HANDLER)).ok).toBe(true);
    host.close();
  });
});

describe('schema v8', () => {
  it('adds the archive tables to a version-6 database, its cases kept', async () => {
    const dbName = uniqueDbName('cs-archive-v8');
    const seed = await configuredHost('courier');
    const c = await register(seed.host, { category: 'pickup' });
    const rows = { cases: await seed.host.db.cases.toArray(), meta: await seed.host.db.meta.toArray() };
    seed.host.close();
    const v6 = openDb(dbName, 6);
    await v6.open();
    await v6.table('cases').bulkAdd(rows.cases);
    await v6.table('meta').bulkAdd(rows.meta);
    v6.close();
    const host = await createTestHost({ dbName, now: new TestClock().now });
    expect(host.db.verno).toBeGreaterThanOrEqual(8);
    expect(await host.db.cases.get(c.id)).toEqual(rows.cases[0]);
    expect(await host.call('archive.requests', {}, SUPERVISOR)).toEqual({ ok: true, value: [] });
    expect(await host.call('archive.accessLog', {}, SUPERVISOR)).toEqual({ ok: true, value: [] });
    host.close();
  });
});

describe('personal data leaving the store host', () => {
  it('masks ID numbers for clerks and handlers in the detail and the timeline, in full for supervisors; phones in full in the detail', async () => {
    const { host } = await configuredHost('pawnshop');
    const c = await register(host, {
      complainant: { name: '王小明', phone: '13812348000', address: '朝阳区', idType: 'resident_id', idNumber: ID },
    });
    expect(c.complainant.idNumber).toBe('110105********002X'); // the register's answer too
    for (const who of [CLERK, HANDLER]) {
      const r = await host.call('cases.get', { caseId: c.id }, who);
      if (!r.ok) throw new Error(r.error.message);
      expect(r.value.case.complainant).toMatchObject({ idNumber: '110105********002X', phone: '13812348000', name: '王小明' });
      expect(JSON.stringify(r.value)).not.toContain(ID);
    }
    for (const who of [SUPERVISOR, ADMIN]) {
      const r = await host.call('cases.get', { caseId: c.id }, who);
      expect(r.ok && r.value.case.complainant.idNumber).toBe(ID);
      expect(r.ok && (r.value.events[0]!.changes.complainant![1] as { idNumber: string }).idNumber).toBe(ID);
    }
    // A correction's answer and its event: masked again.
    const second = `11010519800101001${idCheckChar('11010519800101001')}`;
    const corrected = await mustCommand(host, c.id, 'update', { complainant: { idNumber: second } }, CLERK);
    expect(corrected.complainant.idNumber).toBe(`110105********001${second.at(-1)}`);
    const after = await host.call('cases.get', { caseId: c.id }, CLERK);
    expect(after.ok && after.value.events.map((e) => e.type)).toEqual(['registered', 'updated']);
    expect(after.ok && JSON.stringify(after.value.events)).not.toContain(ID);
    expect(after.ok && JSON.stringify(after.value.events)).not.toContain(second);
    host.close();
  });

  it('refuses a correction that sends back the masked number', async () => {
    const { host } = await configuredHost('pawnshop');
    const c = await register(host, {
      complainant: { name: '王小明', phone: '13812348000', address: '朝阳区', idType: 'other', idNumber: 'ABC12345' },
    });
    const r = await host.call(
      'cases.command',
      { caseId: c.id, expectedVersion: 1, command: { name: 'update', payload: { complainant: { idNumber: c.complainant.idNumber } } } },
      EN(CLERK),
    );
    expect(r).toMatchObject({
      ok: false,
      error: { issues: [{ path: 'command.payload.complainant.idNumber', key: 'errors.idNumber.masked' }] },
    });
    const supervisorSees = await host.call('cases.get', { caseId: c.id }, SUPERVISOR);
    expect(supervisorSees.ok && supervisorSees.value.case.complainant.idNumber).toBe('ABC12345');
    host.close();
  });

  it("shows an archived case in lists and search, with its complainant's name and reference masked except to supervisors", async () => {
    const { host, c } = await archivedCase();
    const live = await register(host, {
      category: 'pickup',
      businessRef: 'SF1234567890',
      complainant: { name: '李四', phone: '13912345678', address: '海淀区' },
    });
    const queue = await host.call('cases.query', { sort: 'received' }, CLERK);
    if (!queue.ok) throw new Error(queue.error.message);
    const rowOf = (id: string) => queue.value.items.find((r) => r.id === id)!;
    expect(rowOf(c.id)).toMatchObject({ caseNo: c.caseNo, state: 'archived', complainantName: '王**', businessRef: '***********0017' });
    expect(rowOf(live.id)).toMatchObject({ complainantName: '李四', businessRef: 'SF1234567890' });
    // Found by the phone number, shown masked.
    const found = await host.call('cases.search', { text: '13812348000' }, HANDLER);
    expect(found.ok && found.value.map((r) => [r.caseNo, r.complainantName])).toEqual([[c.caseNo, '王**']]);
    expect(JSON.stringify(found)).not.toContain('王小明');
    const supervisorFinds = await host.call('cases.search', { text: '王小明' }, SUPERVISOR);
    expect(supervisorFinds.ok && supervisorFinds.value.map((r) => r.complainantName)).toEqual(['王小明']);
    host.close();
  });
});

describe('the staff member a responsibility is recorded against', () => {
  it('reads that archived case (to appeal), logged as such; another handler still may not', async () => {
    const { host } = await configuredHost('pawnshop');
    const c = await register(host);
    const archived = await mustCommand(host, c.id, 'closeAtCounter', { explanation: '当场解决' }, CLERK);
    expect(archived.state).toBe('archived');
    expect(await host.call('cases.get', { caseId: c.id }, HANDLER)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    await mustCommand(
      host,
      c.id,
      'recordAccountability',
      { kind: 'direct', staffId: 'h01', measure: 'criticism', deduction: 1, reason: '未按规程复核' },
      SUPERVISOR,
    );
    expect((await host.call('cases.get', { caseId: c.id }, HANDLER)).ok).toBe(true);
    const other = await asStaff(host, 'h02', 'handler');
    expect(await host.call('cases.get', { caseId: c.id }, other)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const log = await host.call('archive.accessLog', { caseId: c.id }, SUPERVISOR);
    expect(log.ok && log.value.some((e) => e.staffId === 'h01' && e.basis === 'accountable')).toBe(true);
    host.close();
  });
});
