/**
 * 'export.build' (supervisors): the export file of a period's archived cases, signed by whoever
 * holds the secret — the browser edition's host itself, or the capability the desktop's main
 * passes. Node (fake-indexeddb) and Chromium.
 */
import { describe, expect, it } from 'vitest';
import type { ExportProgressState } from '../../shared/api/contract';
import { PARTS } from '../../shared/export/format';
import { manifestSignedWith, openExportFile, readEntries } from '../../shared/export/read';
import { formatEnrolmentCode } from '../../shared/sync/enrolment';
import { hmacSignature } from '../../shared/sync/protocol';
import type { StoreHost } from '../../electron/store/host';
import { ENROLMENT, FakeHq, fetchOf, ManualTimers } from '../unit/sync/fakes';
import { createTestHost, CLERK, EN, mustCommand, register, SUPERVISOR, TestClock, uniqueDbName } from './fixtures';

const MARCH = { from: '2026-03-01', to: '2026-03-31', language: 'zh-CN' as const };

async function configured(host: StoreHost) {
  const r = await host.call(
    'branch.configure',
    { branch: { branchCode: 'BJ01', branchName: '北京一店', profileId: 'pawnshop' } },
    SUPERVISOR,
  );
  if (!r.ok) throw new Error(r.error.message);
}

async function browserHost() {
  const clock = new TestClock();
  const timers = new ManualTimers(clock);
  const host = await createTestHost({
    dbName: uniqueDbName('cs-export'),
    now: clock.now,
    sync: { fetch: fetchOf(new FakeHq(clock)), appVersion: '0.1.0-test', random: () => 0.5, ...timers },
    export: { appVersion: '0.1.0-test' },
  });
  await configured(host);
  return host;
}

async function archive(host: StoreHost, content = '当物鉴定估价明显偏低') {
  const c = await register(host, { content });
  return mustCommand(host, c.id, 'closeAtCounter', { explanation: '当场解决' }, CLERK);
}

describe('export.build', () => {
  it('is a supervisor’s: a clerk is refused, with a translated message', async () => {
    const host = await browserHost();
    await host.call('sync.enrol', { code: formatEnrolmentCode(ENROLMENT) }, SUPERVISOR);
    await archive(host);
    const r = await host.call('export.build', MARCH, EN(CLERK));
    expect(r).toMatchObject({
      ok: false,
      error: { code: 'forbidden', key: 'errors.export.supervisorOnly', message: expect.stringMatching(/supervisor/) },
    });
  });

  it('is refused while the branch is not enrolled (the file is signed with its secret)', async () => {
    const host = await browserHost();
    await archive(host);
    const r = await host.call('export.build', MARCH, EN(SUPERVISOR));
    expect(r).toMatchObject({
      ok: false,
      error: { code: 'invalid_state', key: 'errors.export.notEnrolled', message: expect.stringMatching(/not enrolled/) },
    });
  });

  it('writes the archived cases of the period, as the online sync sends them, signed with the secret the host holds', async () => {
    const host = await browserHost();
    await host.call('sync.enrol', { code: formatEnrolmentCode(ENROLMENT) }, SUPERVISOR);
    const archived = [await archive(host, '=HYPERLINK("http://evil.example","x")'), await archive(host)];
    await register(host); // not archived: not in the file
    const progress: (ExportProgressState | null)[] = [];
    const stop = host.subscribe('export.progress', {}, SUPERVISOR, (r) => r.ok && progress.push(r.value));

    const r = await host.call('export.build', MARCH, SUPERVISOR);
    stop();
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value).toMatchObject({ fileName: 'countersign-BJ01-2026-03-01_2026-03-31.zip', cases: 2, attachments: 0 });
    const opened = openExportFile(r.value.bytes);
    expect(opened.manifest).toMatchObject({ branch: 'BJ01', period: { from: MARCH.from, to: MARCH.to }, appVersion: '0.1.0-test' });
    expect(manifestSignedWith(opened.manifest, ENROLMENT.secret)).toBe(true);
    const entries = readEntries(opened);
    expect(entries.map((e) => e.record.caseNo).sort()).toEqual(archived.map((c) => c.caseNo).sort());
    const online = await host.call('sync.entries', { caseIds: archived.map((c) => c.id) }, SUPERVISOR, 'main');
    if (!online.ok) throw new Error(online.error.message);
    // The online sync sends them as JSON too (a record's +Infinity deadline becomes null on the way).
    const sent = JSON.parse(JSON.stringify(online.value)) as typeof online.value;
    const byId = (a: { caseId: string }, b: { caseId: string }) => a.caseId.localeCompare(b.caseId);
    expect(entries.sort(byId)).toEqual(sent.sort(byId));
    expect(opened.parts.has(PARTS.xlsx)).toBe(true);
    for (const p of progress.filter((p) => p !== null)) expect(p.done).toBeLessThanOrEqual(p.total);
    expect(await host.call('export.progress', {}, SUPERVISOR)).toEqual({ ok: true, value: null }); // cleared when done

    expect(await host.call('export.build', { ...MARCH, from: '2026-04-01', to: '2026-04-30' }, EN(SUPERVISOR))).toMatchObject({
      ok: false,
      error: { key: 'errors.export.noCases' },
    });
    expect(await host.call('export.build', { ...MARCH, from: '2026-03-31', to: '2026-03-01' }, SUPERVISOR)).toMatchObject({
      ok: false,
      error: { key: 'errors.export.period' },
    });
  });

  it('desktop: the host holds no secret; main’s signing capability signs the manifest', async () => {
    const clock = new TestClock();
    const signed: string[] = [];
    const host = await createTestHost({
      dbName: uniqueDbName('cs-export-desk'),
      now: clock.now,
      export: { appVersion: '0.1.0', sign: async (text) => (signed.push(text), hmacSignature(ENROLMENT.secret, text)) },
    });
    await configured(host);
    await host.call('sync.configure', { hqUrl: ENROLMENT.hqUrl, branch: 'BJ01' }, SUPERVISOR, 'main');
    await archive(host);
    const r = await host.call('export.build', MARCH, SUPERVISOR);
    if (!r.ok) throw new Error(r.error.message);
    expect(signed).toHaveLength(1);
    expect(manifestSignedWith(openExportFile(r.value.bytes).manifest, ENROLMENT.secret)).toBe(true);
  });
});
