import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MAX_EXPORT_BYTES, PARTS } from '../../shared/export/format';
import type { CaseEntry } from '../../shared/sync/protocol';
import { importExportFile, type ImportOutcome } from '../../hq/import';
import { attachmentOf, bytesOf, exportOf, repack, text, zipBomb } from '../unit/export/fixtures';
import { BACKENDS, batchOf, BRANCH, buildCase, grow, heldCase, startHq, SUITE, type TestHq } from './fixtures';

const STORED = ['cases', 'events', 'case_attachments', 'blobs', 'blob_chunks', 'flags', 'import_files'];

for (const { backend, skip } of BACKENDS)
  describe.skipIf(skip)(`HQ import of export files on ${backend}`, SUITE, () => {
    let hq: TestHq;
    let secret: string;
    beforeAll(async () => {
      hq = await startHq(backend);
    }, 60_000);
    beforeEach(async () => {
      await hq.reset();
      secret = hq.secrets.get(BRANCH)!;
    });
    afterAll(() => hq?.close());

    const stored = async () => Object.fromEntries(await Promise.all(STORED.map(async (t) => [t, await hq.count(t)] as const)));
    const fileOf = (entries: CaseEntry[], o: Parameters<typeof exportOf>[1] = {}) => exportOf(entries, { secret, ...o });
    const importing = (bytes: Uint8Array) => importExportFile(hq.db, bytes, hq.clock.now());
    const statuses = (o: ImportOutcome) => (o.status === 'imported' ? o.results.map((r) => r.status) : o.status);

    it('verifies a file and applies it through the same ingest: cases, chains and attachments held, verified', async () => {
      const photo = attachmentOf('att-1', '一张照片');
      const a = { ...buildCase({ events: 3 }), attachments: [photo.meta] };
      const b = buildCase({ events: 2 });
      const { bytes, manifest } = await fileOf([a, b], { blobs: new Map([['att-1', photo.bytes]]) });
      const outcome = await importing(bytes);
      expect(outcome).toMatchObject({ status: 'imported', fileId: manifest.fileId, branch: BRANCH });
      expect(statuses(outcome)).toEqual(['accepted', 'accepted']);
      const held = await heldCase(hq.db, a.caseId);
      expect(held.row).toMatchObject({ version: 3, state: 'archived' });
      expect(held.events).toEqual(a.events);
      const chain = await hq.db.query<{ chain_status: string }>('SELECT chain_status FROM cases WHERE id = $1', [a.caseId]);
      expect(chain.rows[0]!.chain_status).toBe('verified');
      const blob = await hq.db.query<{ complete: boolean; total: number }>('SELECT complete, total FROM blobs WHERE sha256 = $1', [
        photo.meta.sha256,
      ]);
      expect(blob.rows[0]).toMatchObject({ complete: true });
      expect(await stored()).toMatchObject({ cases: 2, events: 5, case_attachments: 1, blobs: 1, import_files: 1 });
    });

    it('imports the same file twice: the second time changes nothing and says "already imported"', async () => {
      const { bytes } = await fileOf([buildCase(), buildCase()]);
      expect((await importing(bytes)).status).toBe('imported');
      const before = await stored();
      hq.clock.advance(60_000);
      expect(await importing(bytes)).toMatchObject({ status: 'already_imported', importedAt: hq.clock.now() - 60_000 });
      expect(await stored()).toEqual(before);
    });

    describe('refuses a bad file whole, applying nothing', () => {
      const a = buildCase({ events: 3 });
      const cases: [string, () => Promise<Uint8Array>, string][] = [
        [
          'a tampered part',
          async () =>
            repack((await fileOf([a])).bytes, (f) => (f[PARTS.events] = bytesOf(text(f[PARTS.events]!).replace('第 2 条', '第 9 条')))),
          'part_mismatch',
        ],
        [
          'a tampered manifest',
          async () =>
            repack((await fileOf([a])).bytes, (f) => {
              const m = JSON.parse(text(f[PARTS.manifest]!));
              m.period.from = '2020-01-01';
              f[PARTS.manifest] = bytesOf(JSON.stringify(m));
            }),
          'bad_signature',
        ],
        ['a truncated zip', async () => (await fileOf([a])).bytes.subarray(0, 200), 'not_zip'],
        ['an oversized file', async () => new Uint8Array(MAX_EXPORT_BYTES + 1), 'too_large'],
        [
          'a branch head office does not know',
          async () => (await fileOf([buildCase({ branch: 'SH02' })], { branch: 'SH02' })).bytes,
          'unknown_branch',
        ],
        ['a file signed with another secret', async () => (await fileOf([a], { secret: 'Z'.repeat(43) })).bytes, 'bad_signature'],
        ['a case of another branch in the file', async () => (await fileOf([a, buildCase({ branch: 'SH02' })])).bytes, 'foreign_case'],
        ['a zip bomb', async () => zipBomb(), 'zip_bomb'],
        [
          'hostile text head office cannot store (U+0000)',
          async () => (await fileOf([{ ...a, record: { ...a.record, content: 'bad\u0000text' } }])).bytes,
          'bad_content',
        ],
      ];
      it.each(cases)('%s', async (_what, make, problem) => {
        const outcome = await importing(await make());
        expect(outcome).toMatchObject({ status: 'refused', problem });
        expect(await stored()).toMatchObject({ cases: 0, events: 0, blobs: 0, import_files: 0, flags: 0 });
      });
    });

    it('refuses a file signed with the secret a re-enrolment replaced, and a case held for another branch', async () => {
      const a = buildCase();
      const old = await fileOf([a]);
      await hq.enrol(BRANCH); // rotates the secret
      expect(await importing(old.bytes)).toMatchObject({
        status: 'refused',
        problem: 'bad_signature',
        message: expect.stringMatching(/old secret/),
      });

      const shSecret = await hq.enrol('SH02', '上海二店');
      const theirs = buildCase({ branch: 'SH02' });
      expect(statuses(await importing((await exportOf([theirs], { secret: shSecret, branch: 'SH02' })).bytes))).toEqual(['accepted']);
      // The same case id, claimed by this branch: head office holds it for SH02.
      const ours = { ...theirs, record: { ...theirs.record, branchCode: BRANCH } };
      const mine = await exportOf([ours], { secret: hq.secrets.get(BRANCH)! });
      expect(await importing(mine.bytes)).toMatchObject({ status: 'refused', problem: 'foreign_case' });
    });

    it('keeps hostile text as sent (the page escapes it), formula-like text included', async () => {
      const a = buildCase();
      const hostile = { ...a, record: { ...a.record, content: '<script>alert(1)</script>=HYPERLINK("x")', complainant: { name: '=1+1' } } };
      expect(statuses(await importing((await fileOf([hostile])).bytes))).toEqual(['accepted']);
      expect((await heldCase(hq.db, a.caseId)).row!.record).toMatchObject({
        content: hostile.record.content,
        complainant: { name: '=1+1' },
      });
    });

    it('a file and the online sync overlap in any order and end the same', async () => {
      const a = buildCase({ events: 2 });
      const b = buildCase({ events: 3 });
      const newer = grow(a, 2);

      // File first, then the same cases online, then a newer version online.
      expect(statuses(await importing((await fileOf([a, b])).bytes))).toEqual(['accepted', 'accepted']);
      expect((await hq.post(batchOf([a, b]))).json).toMatchObject({ results: [{ status: 'duplicate' }, { status: 'duplicate' }] });
      expect((await hq.post(batchOf([newer]))).json).toMatchObject({ results: [{ status: 'accepted' }] });
      const fileFirst = { a: await heldCase(hq.db, a.caseId), b: await heldCase(hq.db, b.caseId), n: await stored() };

      await hq.reset();
      secret = hq.secrets.get(BRANCH)!;
      // Online first (the newer version of a), then a file holding the older one and b.
      expect((await hq.post(batchOf([newer]))).json).toMatchObject({ results: [{ status: 'accepted' }] });
      expect((await hq.post(batchOf([b]))).json).toMatchObject({ results: [{ status: 'accepted' }] });
      expect(statuses(await importing((await fileOf([a, b])).bytes))).toEqual(['duplicate', 'duplicate']);
      const onlineFirst = { a: await heldCase(hq.db, a.caseId), b: await heldCase(hq.db, b.caseId), n: await stored() };

      expect(onlineFirst.a).toEqual(fileFirst.a);
      expect(onlineFirst.b).toEqual(fileFirst.b);
      expect(onlineFirst.n).toEqual(fileFirst.n);
    });
  });

describe('npm run hq -- import FILE', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hq-import-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('prints per-case results, then "already imported"; a tampered file is refused', async () => {
    const { DATABASE_URL: _ignored, ...env } = process.env;
    const run = async (args: string[]) => {
      const child = spawn(process.execPath, ['--import', 'tsx', 'hq/main.ts', ...args], {
        env: { ...env, HQ_DATA_DIR: join(dir, 'data') },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let out = '';
      child.stdout.on('data', (d: Buffer) => (out += d.toString()));
      child.stderr.on('data', (d: Buffer) => (out += d.toString()));
      const [code] = (await once(child, 'exit')) as [number];
      return { code, out };
    };
    const enrolled = await run(['enrol', '--branch', BRANCH, '--name', '北京一店']);
    const secret = /secret=([A-Za-z0-9_-]{43})/.exec(enrolled.out)![1]!;
    const a = buildCase();
    const { bytes } = await exportOf([a], { secret });
    const file = join(dir, 'file.zip');
    writeFileSync(file, bytes);
    const first = await run(['import', file]);
    expect(first).toMatchObject({ code: 0, out: expect.stringContaining(`${a.record.caseNo}  accepted`) });
    expect((await run(['import', file])).out).toContain('Already imported');
    writeFileSync(file, bytes.subarray(0, 100));
    expect(await run(['import', file])).toMatchObject({ code: 1, out: expect.stringContaining('Refused') });
  }, 120_000);
});
