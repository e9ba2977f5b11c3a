import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sha256Hex } from '../../shared/sync/protocol';
import type { StoreHost } from '../../electron/store/host';
import { CLERK, intake, mustCommand, SUPERVISOR } from '../store/fixtures';
import { BACKENDS, branchHost, heldCase, startHq, SUITE, synced, type TestHq } from './fixtures';

const SIGNED_FORM = new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x2e, 0x37, 10, 1, 2, 3]);

/** The branch's case and head office's copy, side by side. */
async function bothSides(host: StoreHost, hq: TestHq, caseId: string) {
  const detail = await host.call('cases.get', { caseId }, SUPERVISOR);
  if (!detail.ok) throw new Error(detail.error.message);
  return { branch: detail.value, hq: await heldCase(hq.db, caseId) };
}

for (const { backend, skip } of BACKENDS) {
  describe.skipIf(skip)(`a branch and head office on ${backend}`, SUITE, () => {
    let hq: TestHq;
    let host: StoreHost;
    beforeAll(async () => {
      hq = await startHq(backend);
    }, SUITE.timeout);
    beforeEach(async () => {
      await hq.reset();
      host = await branchHost(hq);
      return () => host.close();
    });
    afterAll(() => hq?.close());

    it('converge: archived, synced; the signed form added to the archived case, synced again; head office holds what the branch holds', async () => {
      const registered = await host.call('cases.register', { intake: intake({ receivedAt: hq.clock.now() - 60_000 }) }, CLERK);
      if (!registered.ok) throw new Error(registered.error.message);
      const caseId = registered.value.id;
      await mustCommand(host, caseId, 'closeAtCounter', { explanation: '当场重新鉴定，客户认可。' }, CLERK);
      await synced(host);

      let sides = await bothSides(host, hq, caseId);
      expect(sides.branch.case.state).toBe('archived');
      expect(sides.hq.row!.version).toBe(sides.branch.case.version);
      expect(sides.hq.events.map((e) => e.hash)).toEqual(sides.branch.events.map((e) => e.hash));

      // The customer's signed sheet is scanned after the counter settled (and so archived) the case.
      const added = await host.call(
        'cases.addAttachment',
        {
          caseId,
          expectedVersion: sides.branch.case.version,
          kind: 'signed_form',
          name: '签字登记表.pdf',
          type: 'application/pdf',
          bytes: SIGNED_FORM,
        },
        CLERK,
      );
      if (!added.ok) throw new Error(added.error.message);
      expect(added.value.state).toBe('archived');
      await synced(host);

      sides = await bothSides(host, hq, caseId);
      expect(sides.hq.row!.version).toBe(added.value.version);
      expect(sides.hq.row!.record).toEqual(JSON.parse(JSON.stringify(sides.branch.case)));
      expect(sides.hq.events.map((e) => e.hash)).toEqual(sides.branch.events.map((e) => e.hash));
      expect(sides.hq.events.at(-1)!.type).toBe('evidence_added');
      const { rows } = await hq.db.query<{ sha256: string; complete: boolean }>(
        'SELECT b.sha256, b.complete FROM case_attachments a JOIN blobs b USING (sha256) WHERE a.case_id = $1',
        [caseId],
      );
      expect(rows).toEqual([{ sha256: sha256Hex(SIGNED_FORM), complete: true }]);
    });

    it('an archived case takes only the signed form: other evidence is refused and nothing goes to head office again', async () => {
      const registered = await host.call('cases.register', { intake: intake({ receivedAt: hq.clock.now() - 60_000 }) }, CLERK);
      if (!registered.ok) throw new Error(registered.error.message);
      const archived = await mustCommand(host, registered.value.id, 'closeAtCounter', { explanation: '当场解决。' }, CLERK);
      await synced(host);
      const refused = await host.call(
        'cases.addAttachment',
        {
          caseId: archived.id,
          expectedVersion: archived.version,
          kind: 'evidence',
          name: '照片.png',
          type: 'image/png',
          bytes: SIGNED_FORM,
        },
        CLERK,
      );
      expect(refused.ok || refused.error.key).toBe('errors.attachment.archivedSignedFormOnly');
      const status = await host.call('sync.status', {}, SUPERVISOR);
      expect(status.ok && status.value.waiting).toBe(0);
      expect((await heldCase(hq.db, archived.id)).row!.version).toBe(archived.version);
    });
  });
}
