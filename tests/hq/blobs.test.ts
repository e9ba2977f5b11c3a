import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { BLOB_CHUNK_BYTES, MAX_BLOB_BYTES, PATHS, sha256Hex } from '../../shared/sync/protocol';
import { BACKENDS, batchOf, buildCase, startHq, type TestHq, SUITE } from './fixtures';

/** Deterministic bytes: 2.5 pieces' worth, so an upload takes three. */
function bytesOf(size: number, seed = 7): Uint8Array {
  return Uint8Array.from({ length: size }, (_, i) => (i * 31 + seed) & 0xff);
}

for (const { backend, skip } of BACKENDS)
  describe.skipIf(skip)(`HQ attachments on ${backend}`, SUITE, () => {
    let hq: TestHq;
    beforeAll(async () => {
      hq = await startHq(backend);
    }, 60_000);
    beforeEach(() => hq.reset());
    afterAll(() => hq?.close());

    const status = (sha: string) => hq.send({ method: 'GET', path: PATHS.blob(sha) });
    const put = (sha: string, offset: number, total: number, piece: Uint8Array) =>
      hq.send({
        method: 'PUT',
        path: `${PATHS.blob(sha)}?offset=${offset}&total=${total}`,
        body: piece,
        contentType: 'application/octet-stream',
      });

    it('turns a case away until its attachment is in, takes the upload in pieces, resumes an interrupted one, then accepts the case', async () => {
      const file = bytesOf(2 * BLOB_CHUNK_BYTES + BLOB_CHUNK_BYTES / 2);
      const sha = sha256Hex(file);
      const total = file.length;
      const c = { ...buildCase(), attachments: [{ id: 'att-1', sha256: sha, name: '收据.jpg', type: 'image/jpeg', size: total }] };

      const early = await hq.post(batchOf([c]));
      expect(early.json.results).toEqual([
        { caseId: c.caseId, version: c.version, status: 'rejected', reason: 'attachment_missing', detail: `not uploaded in full: ${sha}` },
      ]);
      expect(await hq.count('flags')).toBe(0);

      expect(await status(sha)).toEqual({ status: 200, json: { sha256: sha, received: 0, total: null, complete: false } });
      const first = await put(sha, 0, total, file.subarray(0, BLOB_CHUNK_BYTES));
      expect(first).toEqual({ status: 200, json: { sha256: sha, received: BLOB_CHUNK_BYTES, total, complete: false } });

      // The connection dropped; the branch tries the third piece: refused, told where HQ stands.
      const skipped = await put(sha, 2 * BLOB_CHUNK_BYTES, total, file.subarray(2 * BLOB_CHUNK_BYTES));
      expect(skipped).toMatchObject({ status: 409, json: { error: { code: 'blob_offset', received: BLOB_CHUNK_BYTES } } });
      expect((await status(sha)).json).toMatchObject({ received: BLOB_CHUNK_BYTES, complete: false });
      expect((await hq.post(batchOf([c]))).json.results[0].reason).toBe('attachment_missing'); // half an upload is not enough

      // It resumes where HQ stopped.
      expect((await put(sha, BLOB_CHUNK_BYTES, total, file.subarray(BLOB_CHUNK_BYTES, 2 * BLOB_CHUNK_BYTES))).status).toBe(200);
      const last = await put(sha, 2 * BLOB_CHUNK_BYTES, total, file.subarray(2 * BLOB_CHUNK_BYTES));
      expect(last).toEqual({ status: 200, json: { sha256: sha, received: total, total, complete: true } });
      expect(await hq.count('blob_chunks')).toBe(3);

      const accepted = await hq.post(batchOf([c]));
      expect(accepted.json.results[0].status).toBe('accepted');
      const { rows } = await hq.db.query('SELECT attachment_id, sha256, name, size FROM case_attachments WHERE case_id = $1', [c.caseId]);
      expect(rows).toEqual([{ attachment_id: 'att-1', sha256: sha, name: '收据.jpg', size: total }]);

      // Stored once: a second case with the same file needs no upload, and a piece resent changes nothing.
      const other = { ...buildCase(), attachments: [{ ...c.attachments[0]!, id: 'att-2' }] };
      expect((await hq.post(batchOf([other]))).json.results[0].status).toBe('accepted');
      expect((await put(sha, 0, total, file.subarray(0, BLOB_CHUNK_BYTES))).json).toMatchObject({ complete: true });
      expect(await hq.count('blob_chunks')).toBe(3);
      expect(await hq.count('blobs')).toBe(1);
    });

    it('discards an upload whose bytes do not have the SHA-256 it was sent under (400 blob_hash_mismatch)', async () => {
      const file = bytesOf(1000);
      const claimed = sha256Hex(bytesOf(1000, 8));
      const r = await put(claimed, 0, 1000, file);
      expect(r).toMatchObject({ status: 400, json: { error: { code: 'blob_hash_mismatch' } } });
      expect((await status(claimed)).json).toEqual({ sha256: claimed, received: 0, total: null, complete: false });
      expect(await hq.count('blobs')).toBe(0);
      expect(await hq.count('blob_chunks')).toBe(0);
    });

    it('refuses a case whose attachment is held with another size than the case says', async () => {
      const file = bytesOf(10);
      const sha = sha256Hex(file);
      expect((await put(sha, 0, 10, file)).json.complete).toBe(true);
      const c = { ...buildCase(), attachments: [{ id: 'att-1', sha256: sha, name: 'a.pdf', type: 'application/pdf', size: 11 }] };
      expect((await hq.post(batchOf([c]))).json.results[0]).toMatchObject({
        status: 'rejected',
        reason: 'attachment_missing',
        detail: `${sha} is 10 bytes at head office, the case says 11`,
      });
    });

    it('refuses pieces that are not of their form: too large, past the total, another total, no offset, a bad name', async () => {
      const file = bytesOf(100);
      const sha = sha256Hex(file);
      expect(await put(sha, 0, MAX_BLOB_BYTES + 1, file)).toMatchObject({ status: 413, json: { error: { code: 'too_large' } } });
      expect(await put(sha, 0, 50, file)).toMatchObject({ status: 400, json: { error: { code: 'malformed' } } });
      expect((await put(sha, 0, 100, file.subarray(0, 40))).status).toBe(200);
      expect(await put(sha, 40, 120, file.subarray(40))).toMatchObject({ status: 400, json: { error: { code: 'malformed' } } });
      const noOffset = await hq.send({
        method: 'PUT',
        path: `${PATHS.blob(sha)}?total=100`,
        body: file,
        contentType: 'application/octet-stream',
      });
      expect(noOffset).toMatchObject({ status: 400, json: { error: { code: 'malformed' } } });
      expect(await status('NOT-A-SHA')).toMatchObject({ status: 400, json: { error: { code: 'malformed' } } });
      const big = await put(sha, 40, MAX_BLOB_BYTES, new Uint8Array(BLOB_CHUNK_BYTES + 1));
      expect(big).toMatchObject({ status: 413, json: { error: { code: 'too_large' } } });
      expect((await status(sha)).json).toMatchObject({ received: 40, total: 100 });
    });
  });
