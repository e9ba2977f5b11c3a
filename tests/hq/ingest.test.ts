import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { verifyChain } from '../../shared/ledger/eventHash';
import { REQUEST_ID_RETENTION_MS } from '../../shared/sync/protocol';
import {
  BACKENDS,
  batchOf,
  BRANCH,
  buildCase,
  grow,
  heldCase,
  rechained,
  rewritten,
  startHq,
  withEvents,
  type TestHq,
  SUITE,
} from './fixtures';

const STORED = ['cases', 'events', 'case_attachments', 'blobs', 'blob_chunks'];

for (const { backend, skip } of BACKENDS)
  describe.skipIf(skip)(`HQ ingest on ${backend}`, SUITE, () => {
    let hq: TestHq;
    beforeAll(async () => {
      hq = await startHq(backend);
    }, 60_000);
    beforeEach(() => hq.reset());
    afterAll(() => hq?.close());

    const stored = async () => Object.fromEntries(await Promise.all(STORED.map(async (t) => [t, await hq.count(t)] as const)));
    const flags = async () =>
      (
        await hq.db.query<{ case_id: string; reason: string; branch_code: string }>(
          'SELECT case_id, reason, branch_code FROM flags ORDER BY id',
        )
      ).rows;

    it('accepts new cases with their whole chain, then answers the same cases again as duplicates and changes nothing', async () => {
      const a = buildCase({ events: 3 });
      const b = buildCase({ events: 1 });
      const first = await hq.post(batchOf([a, b]));
      expect(first.status).toBe(200);
      expect(first.json).toEqual({
        batchId: expect.any(String),
        serverTime: hq.clock.at,
        results: [
          { caseId: a.caseId, version: 3, status: 'accepted' },
          { caseId: b.caseId, version: 1, status: 'accepted' },
        ],
      });
      const held = await heldCase(hq.db, a.caseId);
      expect(held.row).toMatchObject({ version: 3, head_seq: 3, head_hash: a.events[2]!.hash, state: 'archived', record: a.record });
      // The events read back are the branch's, hash for hash: the chain verifies at head office too.
      expect(held.events).toEqual(a.events);
      expect(verifyChain(held.events)).toBeNull();
      const before = await stored();
      expect(before).toMatchObject({ cases: 2, events: 4 });

      const again = await hq.post(batchOf([a, b])); // the same content under a new batch id
      expect(again.status).toBe(200);
      expect(again.json.results.map((r: { status: string }) => r.status)).toEqual(['duplicate', 'duplicate']);
      expect(await stored()).toEqual(before);
      expect(await flags()).toEqual([]);
    });

    it('refuses the very same request twice (replayed), applying it once', async () => {
      const batch = batchOf([buildCase()]);
      expect((await hq.post(batch)).status).toBe(200);
      const replay = await hq.post(batch);
      expect(replay).toMatchObject({ status: 409, json: { error: { code: 'replayed', serverTime: hq.clock.at } } });
      expect(await hq.count('cases')).toBe(1);
    });

    it('converges on the newest version: a later version appends its events; an older one resent is a duplicate', async () => {
      const v3 = buildCase({ events: 3 });
      await hq.post(batchOf([v3]));
      const v5 = grow(v3, 2);
      const upgrade = await hq.post(batchOf([v5]));
      expect(upgrade.json.results).toEqual([{ caseId: v3.caseId, version: 5, status: 'accepted' }]);
      const held = await heldCase(hq.db, v3.caseId);
      expect(held.row).toMatchObject({ version: 5, head_seq: 5, record: v5.record });
      expect(held.events).toEqual(v5.events);

      const late = await hq.post(batchOf([v3])); // a retry overtaken by the newer version
      expect(late.json.results).toEqual([{ caseId: v3.caseId, version: 3, status: 'duplicate' }]);
      expect((await heldCase(hq.db, v3.caseId)).row).toMatchObject({ version: 5, head_seq: 5 });
      expect(await flags()).toEqual([]);
    });

    it('rejects and flags a new version that edits an earlier event; what HQ holds stays as it was', async () => {
      const v3 = buildCase({ events: 3 });
      await hq.post(batchOf([v3]));
      const before = await heldCase(hq.db, v3.caseId);
      const edited = withEvents(grow(v3, 1), rewritten(grow(v3, 1), 2, { notes: [null, '改过的记录'] }));
      const r = await hq.post(batchOf([edited]));
      expect(r.status).toBe(200);
      expect(r.json.results).toEqual([
        { caseId: v3.caseId, version: 4, status: 'rejected', reason: 'history_rewritten', detail: 'event 2 differs from the one held' },
      ]);
      expect(await heldCase(hq.db, v3.caseId)).toEqual(before);
      expect(await flags()).toEqual([{ case_id: v3.caseId, reason: 'history_rewritten', branch_code: BRANCH }]);
    });

    it('rejects and flags a new version that drops an event, or holds fewer events than HQ', async () => {
      const v4 = buildCase({ events: 4 });
      await hq.post(batchOf([v4]));
      const dropped = withEvents(v4, rechained([v4.events[0]!, v4.events[2]!, v4.events[3]!]), 5);
      const shorter = withEvents(v4, v4.events.slice(0, 2), 6);
      const r = await hq.post(batchOf([dropped, shorter]));
      expect(r.json.results).toMatchObject([
        { status: 'rejected', reason: 'history_rewritten', detail: 'event 2 differs from the one held' },
        { status: 'rejected', reason: 'history_rewritten', detail: 'events 3–4 held are missing' },
      ]);
      expect((await heldCase(hq.db, v4.caseId)).row).toMatchObject({ version: 4, head_seq: 4 });
      expect(await hq.count('events')).toBe(4);
      expect((await flags()).map((f) => f.reason)).toEqual(['history_rewritten', 'history_rewritten']);
    });

    it('rejects and flags a version going backwards with another history, and the same version with another head', async () => {
      const v5 = buildCase({ events: 5 });
      await hq.post(batchOf([v5]));
      const older = withEvents(v5, rewritten(withEvents(v5, v5.events.slice(0, 3), 3), 3, { notes: [null, '另一段历史'] }), 3);
      const sameVersion = withEvents(v5, rewritten(v5, 5, { notes: [null, '另一个结尾'] }), 5);
      const r = await hq.post(batchOf([older, sameVersion]));
      expect(r.json.results).toMatchObject([
        { version: 3, status: 'rejected', reason: 'version_rollback' },
        { version: 5, status: 'rejected', reason: 'version_rollback', detail: 'version 5 is held with another head (event 5)' },
      ]);
      expect((await heldCase(hq.db, v5.caseId)).events).toEqual(v5.events);
      expect((await flags()).map((f) => f.reason)).toEqual(['version_rollback', 'version_rollback']);
    });

    it('rejects and flags a chain that does not verify or whose record names another head; stores none of it', async () => {
      const c = buildCase({ events: 3 });
      const tampered = withEvents(
        c,
        c.events.map((e) => (e.seq === 2 ? { ...e, at: e.at + 1 } : e)),
      );
      const gap = withEvents(c, [c.events[0]!, c.events[2]!]);
      const wrongHead = { ...c, record: { ...c.record, ledgerHead: { seq: 2, hash: c.events[1]!.hash } } };
      const r = await hq.post(batchOf([tampered, gap, wrongHead]));
      expect(r.json.results).toEqual([
        { caseId: c.caseId, version: 3, status: 'rejected', reason: 'chain_broken', detail: 'hash_mismatch at event 2' },
        { caseId: c.caseId, version: 3, status: 'rejected', reason: 'chain_broken', detail: 'sequence_gap at event 3' },
        {
          caseId: c.caseId,
          version: 3,
          status: 'rejected',
          reason: 'chain_broken',
          detail: "the record's head (event 2) is not the chain's last event (3)",
        },
      ]);
      expect(await hq.count('cases')).toBe(0);
      expect(await hq.count('events')).toBe(0);
      expect((await flags()).map((f) => f.reason)).toEqual(['chain_broken', 'chain_broken', 'chain_broken']);
    });

    it('rejects an entry that disagrees with its record (not flagged), next to a case it accepts', async () => {
      const good = buildCase();
      const c = buildCase();
      const wrongVersion = { ...c, version: c.version + 1 };
      const wrongId = { ...c, record: { ...c.record, id: 'case-other' } };
      const r = await hq.post(batchOf([wrongVersion, wrongId, good]));
      expect(r.json.results).toMatchObject([
        { status: 'rejected', reason: 'record_mismatch', detail: "the record's version is 3, the entry's 4" },
        { status: 'rejected', reason: 'record_mismatch', detail: "the record's id is case-other, the entry's " + c.caseId },
        { caseId: good.caseId, status: 'accepted' },
      ]);
      expect(await hq.count('cases')).toBe(1);
      expect(await flags()).toEqual([]);
    });

    it('refuses a whole batch holding a case HQ keeps for another branch (409 foreign_case)', async () => {
      await hq.enrol('SH02', '上海二店');
      const theirs = buildCase({ branch: 'SH02' });
      expect((await hq.post(batchOf([theirs], undefined, 'SH02'))).json.results[0].status).toBe('accepted');
      const before = await stored();
      // BJ01 sends the same case id as its own, next to a case of its own.
      const claimed = { ...theirs, record: { ...theirs.record, branchCode: BRANCH } };
      const r = await hq.post(batchOf([buildCase(), claimed]));
      expect(r).toMatchObject({ status: 409, json: { error: { code: 'foreign_case', detail: theirs.caseId } } });
      expect(await stored()).toEqual(before);
    });

    it("keeps the branch's last contact, app version and backlog from every authenticated batch", async () => {
      hq.clock.advance(1000);
      await hq.post({ ...batchOf([buildCase()]), appVersion: '0.2.0', waiting: 7 });
      const { rows } = await hq.db.query<{ last_contact_at: string; app_version: string; waiting: number }>(
        'SELECT last_contact_at::float8 AS last_contact_at, app_version, waiting FROM branches WHERE code = $1',
        [BRANCH],
      );
      expect(rows[0]).toEqual({ last_contact_at: hq.clock.at, app_version: '0.2.0', waiting: 7 });
    });

    it('refuses the old secret once the branch is enrolled again, and takes the new one', async () => {
      const old = hq.secrets.get(BRANCH)!;
      await hq.enrol(BRANCH, '北京一店（新电脑）');
      const withOld = await hq.post(batchOf([buildCase()]), { secret: old });
      expect(withOld).toMatchObject({ status: 401, json: { error: { code: 'unknown_branch' } } });
      expect(withOld.json.error.message).toMatch(/enrolled again/);
      const forged = await hq.post(batchOf([buildCase()]), { secret: 'B'.repeat(43) });
      expect(forged).toMatchObject({ status: 401, json: { error: { code: 'bad_signature' } } });
      expect(await hq.count('cases')).toBe(0);
      const withNew = await hq.post(batchOf([buildCase()]));
      expect(withNew.json.results[0].status).toBe('accepted');
    });

    it('forgets request ids once their timestamps could no longer pass the clock check', async () => {
      await hq.post(batchOf([buildCase()]));
      expect(await hq.count('request_ids')).toBe(1);
      hq.clock.advance(REQUEST_ID_RETENTION_MS + 1);
      await hq.post(batchOf([buildCase()]));
      const { rows } = await hq.db.query<{ at: number }>('SELECT at::float8 AS at FROM request_ids');
      expect(rows.map((r) => Number(r.at))).toEqual([hq.clock.at]);
    });
  });
