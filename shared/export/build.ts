import { zipSync, type Zippable } from 'fflate';
import type { CategorySettings } from '../domain/categories';
import { sha256Hex, type CaseEntry, type ReportEntry } from '../sync/protocol';
import {
  attachmentPart,
  canonicalManifest,
  EXPORT_FORMAT,
  EXPORT_VERSION,
  EXPORT_VERSION_WITH_REPORTS,
  MAX_EXPORT_CASES,
  PARTS,
  type Manifest,
  type Part,
  type UnsignedManifest,
} from './format';
import { casesWorkbook, type Translate } from './xlsx';

/** How far the file is: `done` of `total` steps (one a case, then the spreadsheet, then the zip). */
export interface ExportProgress {
  done: number;
  total: number;
}

export interface ExportInput {
  fileId: string;
  branch: string;
  period: { from: string; to: string };
  createdAt: number;
  appVersion: string;
  /** The cases, each as the online sync sends it (record, whole chain, attachments' metadata). */
  entries: readonly CaseEntry[];
  /** Monthly reports to carry (version 2 of the format; none: a version 1 file). */
  reports?: readonly ReportEntry[];
  /** An attachment's bytes by its id. */
  attachment(id: string): Promise<Uint8Array | null>;
  /** The HMAC of the canonical manifest under the branch secret (`v1=…`); whoever holds the secret signs. */
  sign(canonical: string): Promise<string>;
  /** Screen texts in the file's language and the branch's categories, for cases.xlsx. */
  translate: Translate;
  categories: CategorySettings;
  onProgress?(progress: ExportProgress): void | Promise<void>;
}

/** Why a file could not be written; the store translates `code` for the supervisor. */
export class ExportBuildError extends Error {
  constructor(
    readonly code: 'too_many_cases' | 'attachment_missing' | 'no_cases',
    readonly detail = '',
  ) {
    super(`${code}${detail ? `: ${detail}` : ''}`);
  }
}

const encoder = new TextEncoder();

/** NDJSON: one JSON value a line, each line ending in \n. */
export function ndjson(values: readonly unknown[]): Uint8Array {
  return encoder.encode(values.map((v) => JSON.stringify(v) + '\n').join(''));
}

/**
 * Writes the export file (docs/export-file.md). Pure: what it reads and who signs are passed in.
 * Cases go to cases.ndjson without their events, which go to events.ndjson in chain order, so
 * head office rebuilds each entry exactly as the online sync would have sent it.
 */
export async function buildExportFile(input: ExportInput): Promise<{ bytes: Uint8Array; manifest: Manifest }> {
  const { entries } = input;
  if (entries.length > MAX_EXPORT_CASES) throw new ExportBuildError('too_many_cases', String(entries.length));
  const total = entries.length + 2;
  let done = 0;
  const step = async () => input.onProgress?.({ done: ++done, total });
  await input.onProgress?.({ done, total });

  const attachments = new Map<string, Uint8Array>();
  for (const entry of entries) {
    for (const a of entry.attachments) {
      if (attachments.has(a.sha256)) continue;
      const bytes = await input.attachment(a.id);
      if (!bytes || sha256Hex(bytes) !== a.sha256) throw new ExportBuildError('attachment_missing', `${entry.record.caseNo} ${a.name}`);
      attachments.set(a.sha256, bytes);
    }
    await step();
  }
  const cases = ndjson(entries.map(({ events: _events, ...rest }) => rest));
  const events = ndjson(entries.flatMap((e) => e.events));
  const xlsx = await casesWorkbook(entries, input.translate, input.categories);
  await step();

  const reports = input.reports ?? [];
  const files: Record<string, Uint8Array> = { [PARTS.cases]: cases, [PARTS.events]: events, [PARTS.xlsx]: xlsx };
  if (reports.length) files[PARTS.reports] = ndjson(reports);
  for (const [sha, bytes] of attachments) files[attachmentPart(sha)] = bytes;
  const parts: Part[] = Object.entries(files).map(([name, bytes]) => ({ name, sha256: sha256Hex(bytes), size: bytes.byteLength }));
  const unsigned: UnsignedManifest = {
    format: EXPORT_FORMAT,
    version: reports.length ? EXPORT_VERSION_WITH_REPORTS : EXPORT_VERSION,
    fileId: input.fileId,
    branch: input.branch,
    period: input.period,
    createdAt: input.createdAt,
    appVersion: input.appVersion,
    counts: {
      cases: entries.length,
      events: entries.reduce((n, e) => n + e.events.length, 0),
      attachments: attachments.size,
      ...(reports.length ? { reports: reports.length } : {}),
    },
    parts,
  };
  const manifest: Manifest = { ...unsigned, signature: await input.sign(canonicalManifest(unsigned)) };

  const mtime = new Date(input.createdAt);
  const zippable: Zippable = { [PARTS.manifest]: [encoder.encode(JSON.stringify(manifest, null, 2)), { mtime }] };
  // Attachments (photos, PDFs) are compressed already: stored as they are.
  for (const [name, bytes] of Object.entries(files))
    zippable[name] = [bytes, { mtime, level: name.startsWith(PARTS.attachmentPrefix) ? 0 : 6 }];
  const bytes = zipSync(zippable);
  await step();
  return { bytes, manifest };
}
