import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PARTS } from '../../shared/export/format';
import { registerWebPages } from '../../hq/web/register';
import { bytesOf, exportOf, repack, text } from '../unit/export/fixtures';
import { BACKENDS, BRANCH, buildCase, startHq, SUITE, type TestHq } from './fixtures';
import { addAdmin, Browser, csrfOf, type Page } from './web-fixtures';

const STORED = ['cases', 'case_attachments', 'blobs', 'import_files'];

/** Sends the import form as a browser does: its fields in order (the CSRF token first), then the file. */
async function upload(browser: Browser, fields: [string, string][], file: Uint8Array, base = browser.base): Promise<Page> {
  const form = new FormData();
  for (const [k, v] of fields) form.append(k, v);
  form.append('file', new Blob([file as BlobPart], { type: 'application/zip' }), 'BJ01-2026-12.zip');
  const cookie = [...browser.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  const res = await fetch(`${base}/import?lang=en`, { method: 'POST', body: form, redirect: 'manual', headers: { cookie } });
  const bytes = new Uint8Array(await res.arrayBuffer());
  return { status: res.status, headers: res.headers, text: new TextDecoder().decode(bytes), bytes, location: res.headers.get('location') };
}

for (const { backend, skip } of BACKENDS)
  describe.skipIf(skip)(`HQ import page on ${backend}`, SUITE, () => {
    let hq: TestHq;
    let browser: Browser;
    let token: string;
    beforeAll(async () => {
      hq = await startHq(backend);
    }, 60_000);
    beforeEach(async () => {
      await hq.reset();
      await hq.db.exec('TRUNCATE users CASCADE');
      await addAdmin(hq.db);
      browser = new Browser(hq.url);
      expect((await browser.signIn()).status).toBe(303);
      const form = await browser.get('/import?lang=en');
      expect(form.text).toContain('enctype="multipart/form-data"');
      token = csrfOf(form);
    });
    afterAll(() => hq?.close());

    const stored = async () => Object.fromEntries(await Promise.all(STORED.map(async (t) => [t, await hq.count(t)] as const)));
    const fileOf = async (n = 2) =>
      (
        await exportOf(
          Array.from({ length: n }, () => buildCase()),
          { secret: hq.secrets.get(BRANCH)! },
        )
      ).bytes;

    it('imports a good file, shows each case; the same file again is "already imported" and changes nothing', async () => {
      const bytes = await fileOf();
      const first = await upload(browser, [['_csrf', token]], bytes);
      expect(first.status).toBe(200);
      expect(first.text).toMatch(/Imported the file of branch BJ01, [\d-]+ to [\d-]+: 2 cases, 2 new, 0 already held, 0 rejected\./);
      expect(first.text.match(/<td>Accepted<\/td>/g)).toHaveLength(2);
      expect(await stored()).toMatchObject({ cases: 2, import_files: 1 });
      const before = await stored();
      const again = await upload(browser, [['_csrf', token]], bytes);
      expect(again.status).toBe(200);
      expect(again.text).toMatch(/This file \(branch BJ01, [\d-]+ to [\d-]+\) was imported on Dec 1, 2026, 10:00; nothing changed\./);
      expect(await stored()).toEqual(before);
      const zh = await browser.get('/import?lang=zh-CN');
      expect(zh.text).toContain('<a href="/import" aria-current="page">导入</a>');
    });

    it('refuses a tampered file with the reason, translated, and applies nothing', async () => {
      const bytes = repack(await fileOf(), (f) => (f[PARTS.events] = bytesOf(text(f[PARTS.events]!).replace('第 2 条', '第 9 条'))));
      const before = await stored();
      const page = await upload(browser, [['_csrf', token]], bytes);
      expect(page.status).toBe(422);
      expect(page.text).toContain(
        'Refused: a part does not match the manifest’s checksum (changed or incomplete). Nothing of this file was applied.',
      );
      expect(await stored()).toEqual(before);
      const zh = await upload(browser, [['_csrf', token]], bytesOf('not a zip'), hq.url);
      expect(zh.status).toBe(422);
      expect(await stored()).toEqual(before);
    });

    it('refuses a POST without or with a wrong CSRF token (403), applying nothing', async () => {
      const bytes = await fileOf();
      const before = await stored();
      expect((await upload(browser, [], bytes)).status).toBe(403);
      expect((await upload(browser, [['_csrf', 'forged']], bytes)).status).toBe(403);
      const other = new Browser(hq.url);
      await other.signIn();
      const otherToken = csrfOf(await other.get('/import'));
      expect((await upload(browser, [['_csrf', otherToken.slice(0, -2) + 'xx']], bytes)).status).toBe(403);
      // A form without a file, or no form at all, is checked as well.
      expect((await browser.post('/import', { _csrf: 'forged' })).status).toBe(403);
      expect((await browser.post('/import', { _csrf: token })).status).toBe(400);
      expect(await stored()).toEqual(before);
    });

    it('sends anyone not signed in to sign in, reading nothing', async () => {
      const page = await upload(new Browser(hq.url), [['_csrf', token]], await fileOf());
      expect(page.status).toBe(303);
      expect(page.location).toMatch(/^\/sign-in\?next=/);
      expect((await new Browser(hq.url).get('/import')).status).toBe(303);
      expect(await stored()).toMatchObject({ cases: 0, import_files: 0 });
    });

    describe('with an upload limit of 2,000 bytes', () => {
      let small: FastifyInstance;
      let base: string;
      beforeAll(async () => {
        small = Fastify();
        registerWebPages(small, { db: hq.db, now: hq.clock.now, importMaxBytes: 2000 });
        await small.listen({ port: 0, host: '127.0.0.1' });
        base = `http://127.0.0.1:${(small.server.address() as { port: number }).port}`;
      });
      afterAll(() => small?.close());

      it('refuses a bigger file cleanly (413, the reason shown), applying nothing', async () => {
        const b = new Browser(base);
        await b.signIn();
        const csrf = csrfOf(await b.get('/import'));
        const page = await upload(b, [['_csrf', csrf]], new Uint8Array(50_000).fill(7));
        expect(page.status).toBe(413);
        expect(page.text).toContain('Refused: the file is too large. Nothing of this file was applied.');
        expect(await stored()).toMatchObject({ cases: 0, import_files: 0 });
      });
    });
  });
