/**
 * Main's part of the export file (electron/main/exportFile.ts), with Electron's modules replaced:
 * it signs only a canonical manifest of the enrolled branch, with the secret it keeps, and saves
 * only an export file the save dialog was given a place for. The store preload's bridge too.
 */
import { describe, expect, it, vi } from 'vitest';
import { createExportFiles } from '../../electron/main/exportFile';
import { canonicalManifest, type UnsignedManifest } from '../../shared/export/format';
import { manifestSignedWith } from '../../shared/export/read';
import { SECRET } from './export/fixtures';

const exposed: Record<string, unknown> = {};
const invoke = vi.fn(async (channel: string, ...args: unknown[]) => ({ channel, args }));
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, value: unknown) => void (exposed[key] = value) },
  ipcRenderer: { on: () => {}, invoke },
}));

const manifest: UnsignedManifest = {
  format: 'countersign-export',
  version: 1,
  fileId: '0193a5c2-0000-4000-8000-000000000001',
  branch: 'BJ01',
  period: { from: '2026-11-01', to: '2026-11-30' },
  createdAt: 1_764_000_000_000,
  appVersion: '0.1.0',
  counts: { cases: 0, events: 0, attachments: 0 },
  parts: ['cases.ndjson', 'events.ndjson', 'cases.xlsx'].map((name) => ({ name, sha256: '0'.repeat(64), size: 0 })),
};

function files(options: { secret?: string | null; branch?: string | null; path?: string | null } = {}) {
  const written: [string, Uint8Array][] = [];
  const exportFiles = createExportFiles({
    secrets: { load: () => (options.secret === undefined ? SECRET : options.secret) },
    enrolledBranch: async () => (options.branch === undefined ? 'BJ01' : options.branch),
    chooseSavePath: async (name) => (options.path === undefined ? `/home/s01/${name}` : options.path),
    writeFile: async (path, bytes) => void written.push([path, bytes]),
  });
  return { exportFiles, written };
}

describe('main signs export manifests for the store window', () => {
  it('signs a canonical manifest of the enrolled branch with the secret it keeps', async () => {
    const signature = await files().exportFiles.sign(canonicalManifest(manifest));
    expect(manifestSignedWith({ ...manifest, signature }, SECRET)).toBe(true);
  });

  it.each([
    ['arbitrary text', 'COUNTERSIGN-HMAC-SHA256\nPOST\n/v1/batches', {}],
    ['a manifest not in canonical form', JSON.stringify(manifest, null, 2), {}],
    ['a manifest of another branch', canonicalManifest({ ...manifest, branch: 'SH02' }), {}],
    ['a branch not enrolled', canonicalManifest(manifest), { branch: null }],
    ['no secret kept', canonicalManifest(manifest), { secret: null }],
    ['not text', 42, {}],
  ])('refuses %s', async (_what, request, options) => {
    await expect(files(options).exportFiles.sign(request)).rejects.toThrow();
  });
});

describe('main saves export files for the UI', () => {
  const request = { fileName: 'countersign-BJ01-2026-11-01_2026-11-30.zip', bytes: new Uint8Array([80, 75, 3, 4]) };

  it('writes the bytes where the save dialog says, or nothing when cancelled', async () => {
    const saving = files();
    expect(await saving.exportFiles.save(request)).toBe(true);
    expect(saving.written).toEqual([[`/home/s01/${request.fileName}`, request.bytes]]);
    const cancelled = files({ path: null });
    expect(await cancelled.exportFiles.save(request)).toBe(false);
    expect(cancelled.written).toEqual([]);
  });

  it('saves the accountability score sheet too, by its own name', async () => {
    const saving = files();
    const sheet = { fileName: 'score-sheet-2026-11-01-2026-11-30.xlsx', bytes: new Uint8Array([80, 75, 3, 4]) };
    expect(await saving.exportFiles.save(sheet)).toBe(true);
    expect(saving.written).toEqual([[`/home/s01/${sheet.fileName}`, sheet.bytes]]);
  });

  it("saves a monthly report's spreadsheet and PDF under their own names (docs/monthly-report.md)", async () => {
    const saving = files();
    for (const fileName of ['complaints-BJ01-2026-11-v2.xlsx', 'complaints-BJ01-2026-11-v2.pdf'])
      expect(await saving.exportFiles.save({ ...request, fileName })).toBe(true);
    expect(saving.written.map(([path]) => path)).toEqual([
      '/home/s01/complaints-BJ01-2026-11-v2.xlsx',
      '/home/s01/complaints-BJ01-2026-11-v2.pdf',
    ]);
  });

  it.each([
    ['a name with a path in it', { ...request, fileName: '../../.bashrc' }],
    ['another spreadsheet', { ...request, fileName: 'payroll.xlsx' }],
    ['a score sheet name with a path', { ...request, fileName: '../score-sheet-2026-11-01-2026-11-30.xlsx' }],
    ['a report name of another kind', { ...request, fileName: 'complaints-BJ01-2026-11-v2.exe' }],
    ['a report name with a path', { ...request, fileName: 'complaints-../2026-11-v2.xlsx' }],
    ['no bytes', { ...request, bytes: new Uint8Array(0) }],
    ['bytes that are not bytes', { ...request, bytes: 'PK' }],
  ])('refuses %s', async (_what, bad) => {
    const saving = files();
    await expect(saving.exportFiles.save(bad)).rejects.toThrow();
    expect(saving.written).toEqual([]);
  });
});

describe('the store window preload', () => {
  it('exposes only signExport, which asks main on its channel', async () => {
    await import('../../electron/preload/store');
    const bridge = exposed.countersignStore as { signExport(text: string): Promise<unknown> };
    expect(Object.keys(bridge)).toEqual(['signExport']);
    expect(await bridge.signExport('{}')).toEqual({ channel: 'export:sign', args: ['{}'] });
  });
});
