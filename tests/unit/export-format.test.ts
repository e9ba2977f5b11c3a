import ExcelJS from 'exceljs';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { ExportBuildError, type ExportProgress } from '../../shared/export/build';
import { canonicalManifest, manifestSchema, MAX_EXPORT_ENTRIES, PARTS } from '../../shared/export/format';
import { ExportFileError, manifestSignedWith, openExportFile, readEntries } from '../../shared/export/read';
import type { CaseEntry } from '../../shared/sync/protocol';
import { attachmentOf, bytesOf, exportOf, repack, SECRET, text, zipBomb } from './export/fixtures';
import { makeCase } from './sync/fakes';

function hostile(n: number): CaseEntry {
  const entry = makeCase(n);
  return {
    ...entry,
    record: {
      ...entry.record,
      content: '=HYPERLINK("http://evil.example","点我")',
      complainant: { name: '+86 王小明', phone: '13800138000' },
      businessRef: '@SUM(A1)',
      category: 'service',
      channel: 'walk_in',
      severity: 'general',
      receivedAt: 1_700_000_000_000,
    },
  };
}

function refusal(run: () => unknown): string {
  try {
    run();
  } catch (e) {
    if (e instanceof ExportFileError) return e.code;
    throw e;
  }
  return 'accepted';
}

describe('the export file', () => {
  it('holds each case as the online sync sends it, with every part hashed in a signed manifest', async () => {
    const photo = attachmentOf('att-1', 'a photo');
    const withPhoto = { ...makeCase(1), attachments: [photo.meta] };
    const entries = [withPhoto, makeCase(2, { events: 5 })];
    const progress: ExportProgress[] = [];
    const { bytes, manifest } = await exportOf(entries, { blobs: new Map([['att-1', photo.bytes]]), progress });

    const opened = openExportFile(bytes);
    expect(opened.manifest).toEqual(manifest);
    expect(manifestSchema.parse(manifest)).toEqual(manifest);
    expect(manifest.counts).toEqual({ cases: 2, events: 8, attachments: 1 });
    expect(manifest.parts.map((p) => p.name).sort()).toEqual(
      [PARTS.cases, PARTS.events, PARTS.xlsx, `${PARTS.attachmentPrefix}${photo.meta.sha256}`].sort(),
    );
    expect(manifestSignedWith(manifest, SECRET)).toBe(true);
    expect(manifestSignedWith(manifest, 'B'.repeat(43))).toBe(false);
    expect(readEntries(opened)).toEqual(entries);
    expect(opened.parts.get(`${PARTS.attachmentPrefix}${photo.meta.sha256}`)).toEqual(photo.bytes);
    // One step a case, then the spreadsheet, then the zip; never backwards.
    expect(progress.map((p) => p.done)).toEqual([0, 1, 2, 3, 4]);
    expect(new Set(progress.map((p) => p.total))).toEqual(new Set([4]));
  });

  it('signs the canonical manifest: any change to it breaks the signature', async () => {
    const { manifest } = await exportOf([makeCase(1)]);
    const { signature: _s, ...unsigned } = manifest;
    expect(canonicalManifest(unsigned)).toBe(canonicalManifest({ ...unsigned, counts: { ...unsigned.counts } }));
    expect(manifestSignedWith({ ...manifest, period: { from: '2026-10-01', to: '2026-11-30' } }, SECRET)).toBe(false);
    expect(manifestSignedWith({ ...manifest, branch: 'SH02' }, SECRET)).toBe(false);
  });

  it('writes cases.xlsx for people, with formula-like text shown as text, never as a formula', async () => {
    const { bytes } = await exportOf([hostile(1)]);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(openExportFile(bytes).parts.get(PARTS.xlsx)! as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    expect(sheet.name).toBe('投诉');
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header).toContain('投诉单号');
    const row = (sheet.getRow(2).values as unknown[]).slice(1);
    expect(row).toContain(`'=HYPERLINK("http://evil.example","点我")`);
    expect(row).toContain(`'+86 王小明`);
    expect(row).toContain(`'@SUM(A1)`);
    expect(row).toContain('BJ01-20260302-001');
    sheet.eachRow((r) => r.eachCell((c) => expect(c.type).not.toBe(ExcelJS.ValueType.Formula)));
  });

  it('refuses to write a file whose attachment is missing or damaged', async () => {
    const photo = attachmentOf('att-1', 'a photo');
    const entry = { ...makeCase(1), attachments: [photo.meta] };
    await expect(exportOf([entry])).rejects.toBeInstanceOf(ExportBuildError);
    await expect(exportOf([entry], { blobs: new Map([['att-1', bytesOf('another photo')]]) })).rejects.toMatchObject({
      code: 'attachment_missing',
    });
  });

  describe('a bad file is refused whole, with the reason', async () => {
    const { bytes } = await exportOf([makeCase(1), makeCase(2)]);
    it.each([
      [
        'a changed part',
        () => repack(bytes, (f) => (f[PARTS.cases] = bytesOf(text(f[PARTS.cases]!).replace('BJ01-', 'BJ09-')))),
        'part_mismatch',
      ],
      ['a part added', () => repack(bytes, (f) => (f['evil.exe'] = bytesOf('MZ'))), 'unexpected_part'],
      ['a part removed', () => repack(bytes, (f) => delete f[PARTS.events]), 'missing_part'],
      ['no manifest', () => repack(bytes, (f) => delete f[PARTS.manifest]), 'missing_part'],
      ['a manifest not JSON', () => repack(bytes, (f) => (f[PARTS.manifest] = bytesOf('{'))), 'bad_manifest'],
      ['truncated', () => bytes.subarray(0, Math.floor(bytes.length / 2)), 'not_zip'],
      ['not a zip', () => bytesOf('hello'), 'not_zip'],
      [
        'too many parts',
        () => zipSync(Object.fromEntries(Array.from({ length: MAX_EXPORT_ENTRIES + 2 }, (_, i) => [`p${i}`, strToU8('x')]))),
        'zip_bomb',
      ],
    ])('%s', (_what, make, code) => {
      expect(refusal(() => openExportFile(make()))).toBe(code);
    });
  });

  it('stops a zip bomb before inflating it: the declared size is checked, a lie only truncates', () => {
    expect(refusal(() => openExportFile(zipBomb()))).toBe('zip_bomb');
  });

  it('refuses lines that are not entries, and counts that do not match', async () => {
    const entry = makeCase(1);
    const bad = { ...entry, record: { ...entry.record, branchCode: 'lower' } };
    const opened = openExportFile((await exportOf([bad as CaseEntry])).bytes);
    expect(refusal(() => readEntries(opened))).toBe('bad_content');
  });
});
