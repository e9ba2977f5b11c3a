import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { changeLines } from '../../shared/i18n/changes';
import type { StoreHost } from '../../electron/store/host';
import { catalogWord, enumWord } from '../../hq/web/i18n';
import { CLERK, HANDLER, intake, mustCommand, SUPERVISOR, ORG_STAFF } from '../store/fixtures';
import { BACKENDS, branchHost, heldCase, startHq, SUITE, synced, type TestHq } from './fixtures';

for (const { backend, skip } of BACKENDS) {
  describe.skipIf(skip)(`accountability on an archived case reaches head office (${backend})`, SUITE, () => {
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

    it('archived and synced; then responsibility recorded, appealed and decided: each sent again, head office takes the longer chain', async () => {
      const org = { departments: ['鉴定部'], staff: ORG_STAFF.map((m) => (m.id === 'h01' ? { ...m, name: '李娜' } : m)) };
      const saved = await host.call('org.save', { organization: org }, SUPERVISOR);
      if (!saved.ok) throw new Error(saved.error.message);
      const registered = await host.call('cases.register', { intake: intake({ receivedAt: hq.clock.now() - 60_000 }) }, CLERK);
      if (!registered.ok) throw new Error(registered.error.message);
      const caseId = registered.value.id;
      await mustCommand(host, caseId, 'closeAtCounter', { explanation: '当场重新鉴定，客户认可。' }, CLERK);
      await synced(host);
      const archivedHeld = await heldCase(hq.db, caseId);
      expect(archivedHeld.events.at(-1)!.type).toBe('archived');

      const recorded = await mustCommand(
        host,
        caseId,
        'recordAccountability',
        { kind: 'direct', staffId: 'h01', measure: 'criticism', deduction: 1, reason: '未按规程复核' },
        SUPERVISOR,
      );
      expect(recorded.state).toBe('archived');
      await synced(host);
      let held = await heldCase(hq.db, caseId);
      expect(held.row!.version).toBe(recorded.version);
      expect(held.events.length).toBe(archivedHeld.events.length + 1);
      expect(held.events.at(-1)!.type).toBe('accountability_recorded');

      await mustCommand(host, caseId, 'appealAccountability', { entry: 1, reason: '客户当场认可，无需复核' }, HANDLER);
      const decided = await mustCommand(
        host,
        caseId,
        'decideAccountabilityAppeal',
        { entry: 1, outcome: 'overturned', note: '情况属实' },
        SUPERVISOR,
      );
      await synced(host);
      held = await heldCase(hq.db, caseId);
      const branch = await host.call('cases.get', { caseId }, SUPERVISOR);
      if (!branch.ok) throw new Error(branch.error.message);
      expect(held.row!.version).toBe(decided.version);
      expect(held.events.map((e) => e.hash)).toEqual(branch.value.events.map((e) => e.hash));
      expect(held.events.slice(-3).map((e) => e.type)).toEqual([
        'accountability_recorded',
        'accountability_appealed',
        'accountability_appeal_decided',
      ]);
      expect((held.row!.record as { accountability: unknown[] }).accountability).toEqual([
        expect.objectContaining({ staffId: 'h01', points: 0, decision: expect.objectContaining({ outcome: 'overturned' }) }),
      ]);

      // Head office's timeline names the events and the changed field in the reader's language.
      expect(held.events.slice(-3).map((e) => enumWord('zh-CN', 'event', e.type))).toEqual(['责任追究', '责任追究申诉', '申诉裁定']);
      expect(enumWord('en', 'event', 'accountability_appeal_decided')).toBe('Appeal decided');
      const format = { t: (k: string) => catalogWord('en', k), time: String, category: String, unlabelled: (f: string) => f };
      expect(changeLines(held.events.at(-1)!.changes as never, format, 'accountability_appeal_decided')).toEqual(['Accountability']);
    });
  });
}
