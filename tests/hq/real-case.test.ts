import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseEvent } from '../../shared/ledger/eventHash';
import { PATHS, sha256Hex, type CaseEntry } from '../../shared/sync/protocol';
import { CLERK, configuredHost, mustCommand, register, SUPERVISOR } from '../store/fixtures';
import { BACKENDS, batchOf, heldCase, startHq, type TestHq, SUITE } from './fixtures';

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4]);

/** A courier complaint with a photo, settled at the counter and so archived, by the real store host (fake-indexeddb). */
async function archivedAtBranch(): Promise<{ entry: CaseEntry; bytes: Uint8Array }> {
  const { host } = await configuredHost('courier');
  try {
    const c = await register(host, { category: 'pickup', businessRef: 'SF1234567890' });
    const added = await host.call(
      'cases.addAttachment',
      { caseId: c.id, expectedVersion: c.version, kind: 'evidence', name: '包裹照片.png', type: 'image/png', bytes: PNG },
      CLERK,
    );
    if (!added.ok) throw new Error(added.error.message);
    await mustCommand(host, c.id, 'closeAtCounter', { explanation: '已当场找到包裹交给客户。' }, CLERK);
    const detail = await host.call('cases.get', { caseId: c.id }, SUPERVISOR);
    if (!detail.ok) throw new Error(detail.error.message);
    const record = detail.value.case;
    expect(record.state).toBe('archived');
    const file = await host.call('attachments.get', { attachmentId: record.evidence[0]!.attachmentId }, SUPERVISOR);
    if (!file.ok) throw new Error(file.error.message);
    // As it travels: JSON (an open deadline's Infinity becomes null on the way, as JSON has no Infinity).
    const entry: CaseEntry = JSON.parse(
      JSON.stringify({
        caseId: record.id,
        version: record.version,
        record,
        events: detail.value.events,
        attachments: record.evidence.map((e) => ({
          id: e.attachmentId,
          sha256: sha256Hex(file.value.bytes),
          name: e.name,
          type: e.type,
          size: e.size,
        })),
      }),
    );
    return { entry, bytes: file.value.bytes };
  } finally {
    host.close();
  }
}

for (const { backend, skip } of BACKENDS)
  describe.skipIf(skip)(`a case archived by the real store host, at HQ on ${backend}`, SUITE, () => {
    let hq: TestHq;
    beforeAll(async () => {
      hq = await startHq(backend);
    }, 60_000);
    afterAll(() => hq?.close());

    it('is accepted with its attachment and its whole chain, which HQ verifies and keeps hash for hash', async () => {
      const { entry, bytes } = await archivedAtBranch();
      const sha = entry.attachments[0]!.sha256;
      const put = await hq.send({
        method: 'PUT',
        path: `${PATHS.blob(sha)}?offset=0&total=${bytes.length}`,
        body: bytes,
        contentType: 'application/octet-stream',
      });
      expect(put.json).toMatchObject({ complete: true });
      const r = await hq.post(batchOf([entry]), { gzip: true });
      expect(r).toMatchObject({ status: 200, json: { results: [{ caseId: entry.caseId, version: entry.version, status: 'accepted' }] } });
      const held = await heldCase(hq.db, entry.caseId);
      expect(held.events.map((e) => e.type)).toEqual(['registered', 'evidence_added', 'closed_at_counter', 'archived']);
      expect(held.events).toEqual(entry.events as CaseEvent[]);
      expect(held.row).toMatchObject({
        state: 'archived',
        version: entry.version,
        record: { caseNo: entry.record.caseNo, branchCode: 'BJ01' },
      });
    });
  });
