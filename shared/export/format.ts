import { z } from 'zod';
import { branchCodeSchema } from '../domain/caseNumber';
import { canonicalJson } from '../ledger/eventHash';
import { MAX_BLOB_BYTES } from '../sync/protocol';

/**
 * The export file (docs/export-file.md): what an offline branch sends head office instead of the
 * online sync. A zip holding manifest.json, cases.ndjson, events.ndjson, attachments/<sha256> and
 * cases.xlsx. The manifest names every other part with its SHA-256 and is signed (HMAC-SHA256)
 * with the branch's enrolment secret, so head office can tell a file of that branch, untouched.
 */
export const EXPORT_FORMAT = 'countersign-export';
/**
 * Version 1: cases only. Version 2 adds the monthly reports (reports.ndjson, counts.reports). A
 * branch writes 2 only when the file carries reports, so a file without any still opens at a head
 * office that knows only 1; head office reads both.
 */
export const EXPORT_VERSION = 1;
export const EXPORT_VERSION_WITH_REPORTS = 2;

export const PARTS = {
  manifest: 'manifest.json',
  cases: 'cases.ndjson',
  events: 'events.ndjson',
  xlsx: 'cases.xlsx',
  /** Version 2: one monthly report a line, as the online sync sends it (reportEntrySchema). */
  reports: 'reports.ndjson',
  attachmentPrefix: 'attachments/',
} as const;

/** Largest file head office reads (and the branch writes): 512 MiB. */
export const MAX_EXPORT_BYTES = 512 * 1024 * 1024;
/** Most parts in one file: the four fixed ones and the attachments. */
export const MAX_EXPORT_ENTRIES = 20_004;
/** Most bytes all parts may unzip to: a zip bomb is stopped while it unzips, not after. */
export const MAX_UNZIPPED_BYTES = 1024 * 1024 * 1024;
/** Most bytes the cases, events or the spreadsheet may unzip to, each. */
export const MAX_TEXT_PART_BYTES = 256 * 1024 * 1024;
/** Most cases in one file (a branch's month is a few hundred). */
export const MAX_EXPORT_CASES = 20_000;

const hex64 = z.string().regex(/^[0-9a-f]{64}$/);
const isoDate = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/);
const count = z.number().int().min(0).max(100_000_000);

export const partSchema = z
  .object({
    name: z
      .string()
      .max(80)
      .regex(/^(cases\.ndjson|events\.ndjson|cases\.xlsx|reports\.ndjson|attachments\/[0-9a-f]{64})$/),
    sha256: hex64,
    size: z.number().int().min(0).max(MAX_EXPORT_BYTES),
  })
  .strict();
export type Part = z.output<typeof partSchema>;

/** The manifest without its signature: what the signature covers, as canonicalManifest() writes it. */
export const unsignedManifestSchema = z
  .object({
    format: z.literal(EXPORT_FORMAT),
    version: z.union([z.literal(EXPORT_VERSION), z.literal(EXPORT_VERSION_WITH_REPORTS)]),
    /** A fresh UUID per file: head office remembers it, so the same file imported twice says "already imported". */
    fileId: z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/),
    branch: branchCodeSchema,
    /** Calendar days in China time, both included. */
    period: z.object({ from: isoDate, to: isoDate }).strict(),
    createdAt: z.number().int().min(0).max(8.64e15),
    appVersion: z.string().min(1).max(40),
    counts: z.object({ cases: count, events: count, attachments: count, reports: count.optional() }).strict(),
    parts: z.array(partSchema).min(3).max(MAX_EXPORT_ENTRIES),
  })
  .strict();
export type UnsignedManifest = z.output<typeof unsignedManifestSchema>;

export const manifestSchema = unsignedManifestSchema.extend({ signature: z.string().regex(/^v1=[0-9a-f]{64}$/) }).strict();
export type Manifest = z.output<typeof manifestSchema>;

/** The exact text the signature covers: the unsigned manifest as canonical JSON (keys sorted). */
export function canonicalManifest(manifest: UnsignedManifest): string {
  return canonicalJson(manifest) ?? '';
}

/** Most monthly reports in one file. */
export const MAX_EXPORT_REPORTS = 500;

/** The largest attachment a file may carry: the same as online. */
export const MAX_EXPORT_ATTACHMENT_BYTES = MAX_BLOB_BYTES;

export const attachmentPart = (sha256: string) => `${PARTS.attachmentPrefix}${sha256}`;

/** The file name a branch gives its export: `countersign-BJ01-2026-11-01_2026-11-30.zip`. */
export function exportFileName(branch: string, from: string, to: string): string {
  return `countersign-${branch}-${from}_${to}.zip`;
}
