/**
 * The export file for head office, desktop edition (docs/export-file.md): the store host writes
 * it, but only main holds the branch secret (safeStorage, sync.ts), so main signs the manifest
 * for the store window, and saves the finished file where the supervisor chooses.
 */
import { z } from 'zod';
import { canonicalManifest, MAX_EXPORT_BYTES, unsignedManifestSchema } from '../../shared/export/format';
import { hmacSignature } from '../../shared/sync/protocol';
import type { SecretKeeper } from './sync';

export interface ExportFileDeps {
  secrets: Pick<SecretKeeper, 'load'>;
  /** The branch the store host is enrolled as ('sync.status'), or null. */
  enrolledBranch(): Promise<string | null>;
  /** The system's save dialog: the chosen path, or null when cancelled. */
  chooseSavePath(defaultName: string): Promise<string | null>;
  writeFile(path: string, bytes: Uint8Array): Promise<void>;
}

export interface ExportFiles {
  /** The store window's request (untrusted text): the `v1=` signature of a manifest of this branch. */
  sign(canonical: unknown): Promise<string>;
  /** The UI's request (untrusted): true when saved, false when the supervisor cancelled. */
  save(request: unknown): Promise<boolean>;
}

/**
 * The only files the UI may ask main to save, by name: the export for head office, and the
 * accountability score sheet (docs/accountability.md), a monthly report (docs/monthly-report.md). Never a path, never another kind of file.
 */
const SAVABLE_NAMES = [
  /^countersign-[A-Z0-9]{2,12}-\d{4}-\d{2}-\d{2}_\d{4}-\d{2}-\d{2}\.zip$/,
  /^score-sheet-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.xlsx$/,
  // A monthly report's spreadsheet or PDF (shared/reports/data.ts, reportFileName).
  /^complaints-[A-Z0-9]{2,12}-\d{4}-\d{2}-v\d{1,5}\.(xlsx|pdf)$/,
];

const saveRequestSchema = z
  .object({
    fileName: z.string().refine((name) => SAVABLE_NAMES.some((r) => r.test(name))),
    bytes: z.instanceof(Uint8Array).refine((b) => b.byteLength > 0 && b.byteLength <= MAX_EXPORT_BYTES),
  })
  .strict();

export function createExportFiles(deps: ExportFileDeps): ExportFiles {
  return {
    async sign(canonical) {
      if (typeof canonical !== 'string' || canonical.length > 16 * 1024 * 1024) throw new Error('export: not a manifest to sign');
      // Main signs only what is a manifest of this branch, written canonically: never arbitrary text.
      const manifest = unsignedManifestSchema.parse(JSON.parse(canonical));
      if (canonicalManifest(manifest) !== canonical) throw new Error('export: the manifest is not in its canonical form');
      const branch = await deps.enrolledBranch();
      if (!branch || manifest.branch !== branch) throw new Error('export: the manifest is not of the enrolled branch');
      const secret = deps.secrets.load();
      if (!secret) throw new Error('export: no branch secret to sign with');
      return hmacSignature(secret, canonical);
    },
    async save(request) {
      const { fileName, bytes } = saveRequestSchema.parse(request);
      const path = await deps.chooseSavePath(fileName);
      if (!path) return false;
      await deps.writeFile(path, bytes);
      return true;
    },
  };
}
