import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_BATCH_CASES, MAX_CLOCK_SKEW_MS, PATHS, sha256Hex } from '../../shared/sync/protocol';
import {
  BACKENDS,
  batchOf,
  BRANCH,
  buildCase,
  grow,
  rewritten,
  startHq,
  toBytes,
  withEvents,
  type SendOptions,
  type TestHq,
  SUITE,
} from './fixtures';

/** What a hostile request must get: a refusal with its status and code, or a per-case rejection. */
type Outcome = { status: number; code: string } | { rejected: string };

interface Row {
  name: string;
  request: (ctx: Context) => SendOptions;
  expect: Outcome;
}

interface Context {
  hq: TestHq;
  /** A case HQ holds for BJ01 at version 5 (five events). */
  held: ReturnType<typeof buildCase>;
  /** A case HQ holds for SH02. */
  theirs: ReturnType<typeof buildCase>;
  /** The request id of a batch HQ accepted. */
  usedId: string;
}

const asBatch = (batch: object, o: Partial<SendOptions> = {}): SendOptions => ({
  path: PATHS.batches,
  body: batch,
  requestId: (batch as { batchId?: string }).batchId,
  ...o,
});
/** A valid batch of one new case, with `patch` applied to the batch (or its only case). */
const batchWith = (patch: Record<string, unknown> = {}, casePatch: Record<string, unknown> = {}) => {
  const b = batchOf([{ ...buildCase(), ...casePatch } as ReturnType<typeof buildCase>]);
  return { ...b, ...patch };
};
/** A valid batch as JSON text, with a raw replacement in its text (for what JSON.stringify cannot write). */
const textWith = (from: string, to: string) => {
  const b = batchOf([buildCase()]);
  return { text: JSON.stringify(b).replace(from, to), id: b.batchId };
};

const ROWS: Row[] = [
  // ---- Not JSON, not a batch ----
  { name: 'malformed JSON', request: () => ({ path: PATHS.batches, body: '{"protocol":1,' }), expect: { status: 400, code: 'malformed' } },
  {
    name: 'not UTF-8',
    request: () => ({ path: PATHS.batches, body: new Uint8Array([0xff, 0xfe, 0x7b]) }),
    expect: { status: 400, code: 'malformed' },
  },
  {
    name: 'empty body',
    request: () => ({ path: PATHS.batches, body: '', contentType: 'application/json' }),
    expect: { status: 400, code: 'malformed' },
  },
  { name: 'a JSON array', request: () => ({ path: PATHS.batches, body: '[]' }), expect: { status: 400, code: 'invalid_batch' } },
  { name: 'JSON null', request: () => ({ path: PATHS.batches, body: 'null' }), expect: { status: 400, code: 'invalid_batch' } },
  { name: 'protocol as a string', request: () => asBatch(batchWith({ protocol: '1' })), expect: { status: 400, code: 'invalid_batch' } },
  { name: 'protocol 2', request: () => asBatch(batchWith({ protocol: 2 })), expect: { status: 400, code: 'invalid_batch' } },
  {
    name: 'cases not an array',
    request: () => asBatch(batchWith({ cases: 'all of them' })),
    expect: { status: 400, code: 'invalid_batch' },
  },
  { name: 'no cases', request: () => asBatch(batchWith({ cases: [] })), expect: { status: 400, code: 'invalid_batch' } },
  {
    name: `${MAX_BATCH_CASES + 1} cases`,
    request: () => asBatch(batchOf(Array.from({ length: MAX_BATCH_CASES + 1 }, () => buildCase({ events: 1 })))),
    expect: { status: 400, code: 'invalid_batch' },
  },
  { name: 'an extra top-level key', request: () => asBatch(batchWith({ admin: true })), expect: { status: 400, code: 'invalid_batch' } },
  { name: 'waiting negative', request: () => asBatch(batchWith({ waiting: -1 })), expect: { status: 400, code: 'invalid_batch' } },
  { name: 'a version as text', request: () => asBatch(batchWith({}, { version: '3' })), expect: { status: 400, code: 'invalid_batch' } },
  {
    name: 'an event of an unknown type',
    request: () => {
      const c = buildCase();
      return asBatch(batchOf([{ ...c, events: c.events.map((e) => ({ ...e, type: 'deleted' as never })) }]));
    },
    expect: { status: 400, code: 'invalid_batch' },
  },
  {
    name: 'an event at seq 0',
    request: () => {
      const c = buildCase({ events: 1 });
      return asBatch(batchOf([{ ...c, events: [{ ...c.events[0]!, seq: 0 }] }]));
    },
    expect: { status: 400, code: 'invalid_batch' },
  },

  // ---- Size ----
  {
    name: '50 MB body',
    request: () => ({ path: PATHS.batches, body: new Uint8Array(50 * 1024 * 1024).fill(0x20) }),
    expect: { status: 413, code: 'too_large' },
  },
  {
    name: 'gzip bomb (64 MB of blanks in 64 KB)',
    request: () => ({ path: PATHS.batches, body: new Uint8Array(64 * 1024 * 1024).fill(0x20), gzip: true }),
    expect: { status: 413, code: 'too_large' },
  },
  {
    name: 'says gzip, is not',
    request: () => ({ path: PATHS.batches, body: batchWith(), headers: { 'content-encoding': 'gzip' } }),
    expect: { status: 400, code: 'malformed' },
  },

  // ---- Media types, paths, methods ----
  {
    name: 'Content-Encoding br',
    request: () => asBatch(batchWith(), { headers: { 'content-encoding': 'br' } }),
    expect: { status: 415, code: 'unsupported_media_type' },
  },
  {
    name: 'text/plain',
    request: () => asBatch(batchWith(), { contentType: 'text/plain' }),
    expect: { status: 415, code: 'unsupported_media_type' },
  },
  {
    name: 'a batch as octet-stream',
    request: () => asBatch(batchWith(), { contentType: 'application/octet-stream' }),
    expect: { status: 415, code: 'unsupported_media_type' },
  },
  {
    name: 'no content type',
    request: () => asBatch(batchWith(), { contentType: null }),
    expect: { status: 415, code: 'unsupported_media_type' },
  },
  {
    name: 'a piece as JSON',
    request: () => ({ method: 'PUT', path: `${PATHS.blob('a'.repeat(64))}?offset=0&total=2`, body: '{}' }),
    expect: { status: 415, code: 'unsupported_media_type' },
  },
  { name: 'unknown path', request: () => ({ method: 'GET', path: '/v1/nothing' }), expect: { status: 404, code: 'not_found' } },
  { name: 'DELETE a batch', request: () => ({ method: 'DELETE', path: PATHS.batches }), expect: { status: 404, code: 'not_found' } },
  { name: 'POST to health', request: () => ({ path: PATHS.health, body: '{}' }), expect: { status: 404, code: 'not_found' } },
  {
    name: 'a blob path climbing out',
    request: () => ({ method: 'GET', path: '/v1/blobs/..%2F..%2Fetc%2Fpasswd' }),
    expect: { status: 400, code: 'malformed' },
  },

  // ---- Signatures ----
  {
    name: 'no signing headers',
    request: () => asBatch(batchWith(), { branch: null }),
    expect: { status: 401, code: 'unsigned' },
  },
  {
    name: 'no signature header',
    request: () => asBatch(batchWith(), { headers: { 'x-countersign-signature': undefined } }),
    expect: { status: 401, code: 'unsigned' },
  },
  {
    name: 'a signature not of its form',
    request: () => asBatch(batchWith(), { headers: { 'x-countersign-signature': 'v1=zz' } }),
    expect: { status: 401, code: 'unsigned' },
  },
  {
    name: 'a timestamp not of its form',
    request: () => asBatch(batchWith(), { headers: { 'x-countersign-timestamp': '1e12' } }),
    expect: { status: 401, code: 'unsigned' },
  },
  {
    name: 'SQL in the branch header',
    request: () => asBatch(batchWith(), { headers: { 'x-countersign-branch': "BJ01'; DROP TABLE cases;--" } }),
    expect: { status: 401, code: 'unsigned' },
  },
  {
    name: 'forged (another secret)',
    request: () => asBatch(batchWith(), { secret: 'x'.repeat(43) }),
    expect: { status: 401, code: 'bad_signature' },
  },
  {
    name: 'signed for another path',
    request: () => asBatch(batchWith(), { sign: { path: PATHS.health } }),
    expect: { status: 401, code: 'bad_signature' },
  },
  {
    name: 'a body other than the one hashed',
    request: () => asBatch(batchWith(), { sign: { bodySha256: sha256Hex(toBytes(batchWith())) } }),
    expect: { status: 401, code: 'bad_signature' },
  },
  {
    name: 'stale (6 minutes old)',
    request: ({ hq }) => asBatch(batchWith(), { timestamp: hq.clock.at - MAX_CLOCK_SKEW_MS - 60_000 }),
    expect: { status: 401, code: 'clock_skew' },
  },
  {
    name: 'from the future (6 minutes ahead)',
    request: ({ hq }) => asBatch(batchWith(), { timestamp: hq.clock.at + MAX_CLOCK_SKEW_MS + 60_000 }),
    expect: { status: 401, code: 'clock_skew' },
  },
  {
    name: 'replayed request id',
    request: ({ usedId }) => asBatch(batchWith({ batchId: usedId })),
    expect: { status: 409, code: 'replayed' },
  },
  {
    name: 'unknown branch',
    request: () => asBatch(batchWith({ branch: 'ZZ99' }), { branch: 'ZZ99' }),
    expect: { status: 401, code: 'unknown_branch' },
  },

  // ---- Headers and body disagree; other branches' cases ----
  {
    name: 'request id is not the batch id',
    request: () => asBatch(batchWith(), { requestId: crypto.randomUUID() }),
    expect: { status: 400, code: 'invalid_batch' },
  },
  {
    name: 'signed by SH02, body says BJ01',
    request: () => asBatch(batchWith(), { branch: 'SH02' }),
    expect: { status: 400, code: 'invalid_batch' },
  },
  {
    name: "a case whose record is SH02's",
    request: () => asBatch(batchOf([buildCase(), buildCase({ branch: 'SH02' })])),
    expect: { status: 409, code: 'foreign_case' },
  },
  {
    name: 'a case HQ holds for SH02, claimed as BJ01',
    request: ({ theirs }) => asBatch(batchOf([buildCase(), { ...theirs, record: { ...theirs.record, branchCode: BRANCH } }])),
    expect: { status: 409, code: 'foreign_case' },
  },

  // ---- Chains (the batch is answered; the case is turned away) ----
  {
    name: 'an event with a forged hash',
    request: () => {
      const c = buildCase();
      return asBatch(
        batchOf([
          withEvents(
            c,
            c.events.map((e) => (e.seq === 2 ? { ...e, hash: 'f'.repeat(64) } : e)),
          ),
        ]),
      );
    },
    expect: { rejected: 'chain_broken' },
  },
  {
    name: 'a broken link',
    request: () => {
      const c = buildCase();
      return asBatch(
        batchOf([
          withEvents(
            c,
            c.events.map((e) => (e.seq === 3 ? { ...e, prevHash: 'a'.repeat(64) } : e)),
          ),
        ]),
      );
    },
    expect: { rejected: 'chain_broken' },
  },
  {
    name: 'version rollback',
    request: ({ held }) => asBatch(batchOf([withEvents(held, rewritten(held, 5, { notes: [null, 'x'] }), 4)])),
    expect: { rejected: 'version_rollback' },
  },
  {
    name: 'history rewritten',
    request: ({ held }) => asBatch(batchOf([withEvents(grow(held), rewritten(grow(held), 1, { state: [null, 'closed'] }))])),
    expect: { rejected: 'history_rewritten' },
  },
  {
    name: "another case's event in the chain",
    request: () => {
      const c = buildCase();
      return asBatch(batchOf([{ ...c, events: c.events.map((e) => ({ ...e, caseId: 'case-someone-else' })) }]));
    },
    expect: { rejected: 'record_mismatch' },
  },

  // ---- Hostile text ----
  {
    name: 'U+0000 in the record',
    request: () => {
      const t = textWith('当物鉴定', '当物\\u0000鉴定');
      return { path: PATHS.batches, body: t.text, requestId: t.id };
    },
    expect: { status: 400, code: 'invalid_batch' },
  },
  {
    name: 'an unpaired surrogate in the record',
    request: () => {
      const t = textWith('当物鉴定', '\\ud800');
      return { path: PATHS.batches, body: t.text, requestId: t.id };
    },
    expect: { status: 400, code: 'invalid_batch' },
  },
  {
    name: 'a __proto__ key',
    request: () => {
      const t = textWith('"content":', '"__proto__":{"isAdmin":true},"content":');
      return { path: PATHS.batches, body: t.text, requestId: t.id };
    },
    expect: { status: 400, code: 'malformed' },
  },
  {
    name: 'a constructor.prototype key',
    request: () => {
      const t = textWith('"content":', '"constructor":{"prototype":{"isAdmin":true}},"content":');
      return { path: PATHS.batches, body: t.text, requestId: t.id };
    },
    expect: { status: 400, code: 'malformed' },
  },
  {
    name: 'nesting 100,000 deep',
    request: () => {
      const t = textWith('"content":', `"deep":${'['.repeat(100_000)}${']'.repeat(100_000)},"content":`);
      return { path: PATHS.batches, body: t.text, requestId: t.id };
    },
    expect: { status: 400, code: 'invalid_batch' }, // parsed, then refused for its depth (nothing recurses over it)
  },
  {
    name: 'nesting 40 deep in an event',
    request: () => {
      const c = buildCase({ events: 1 });
      let deep: unknown = 'x';
      for (let i = 0; i < 40; i++) deep = { d: deep };
      return asBatch(batchOf([{ ...c, events: [{ ...c.events[0]!, changes: { notes: [null, deep] } }] }]));
    },
    expect: { status: 400, code: 'invalid_batch' },
  },
  {
    name: 'a 7 MB case number',
    request: () => {
      const c = buildCase();
      return asBatch(batchOf([{ ...c, record: { ...c.record, caseNo: '号'.repeat(2_400_000) } }]));
    },
    expect: { status: 400, code: 'invalid_batch' },
  },
  {
    name: 'a bell in a case id',
    request: () => asBatch(batchWith({}, { caseId: 'case\u0007' })),
    expect: { status: 400, code: 'invalid_batch' },
  },
  {
    name: 'a 200-character change key',
    request: () => {
      const c = buildCase({ events: 1 });
      return asBatch(batchOf([{ ...c, events: [{ ...c.events[0]!, changes: { ['k'.repeat(200)]: [null, 1] } }] }]));
    },
    expect: { status: 400, code: 'invalid_batch' },
  },
];
const STORED = ['cases', 'events', 'case_attachments', 'blobs', 'blob_chunks'];

for (const { backend, skip } of BACKENDS)
  describe.skipIf(skip)(`${ROWS.length} hostile requests to HQ on ${backend}`, SUITE, () => {
    let ctx: Context;
    let before: Record<string, number>;
    const counts = async () => Object.fromEntries(await Promise.all(STORED.map(async (t) => [t, await ctx.hq.count(t)] as const)));

    beforeAll(async () => {
      const hq = await startHq(backend);
      await hq.enrol('SH02', '上海二店');
      const held = buildCase({ events: 5 });
      const theirs = buildCase({ branch: 'SH02' });
      const mine = batchOf([held]);
      expect((await hq.post(mine)).json.results[0].status).toBe('accepted');
      expect((await hq.post(batchOf([theirs], undefined, 'SH02'))).json.results[0].status).toBe('accepted');
      ctx = { hq, held, theirs, usedId: mine.batchId };
      before = await counts();
    }, 60_000);
    afterAll(() => ctx?.hq.close());

    it('has at least 40 rows', () => expect(ROWS.length).toBeGreaterThanOrEqual(40));

    it.each(ROWS)('$name → $expect', async (row) => {
      const answer = await ctx.hq.send(row.request(ctx));
      if ('rejected' in row.expect) {
        expect(answer.status).toBe(200);
        expect(answer.json.results).toEqual([expect.objectContaining({ status: 'rejected', reason: row.expect.rejected })]);
      } else {
        expect(answer.status).toBe(row.expect.status);
        expect(answer.json).toEqual({
          error: expect.objectContaining({ code: row.expect.code, message: expect.any(String), serverTime: ctx.hq.clock.at }),
        });
      }
      expect(await counts()).toEqual(before);
      expect((await ctx.hq.send({ method: 'GET', path: PATHS.health, branch: null })).json).toMatchObject({ ok: true });
    });
  });
