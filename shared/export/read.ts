import { unzipSync } from 'fflate';
import {
  caseEntrySchema,
  hmacSignature,
  reportEntrySchema,
  sameSignature,
  sha256Hex,
  syncedEventSchema,
  type CaseEntry,
  type ReportEntry,
} from '../sync/protocol';
import {
  canonicalManifest,
  manifestSchema,
  MAX_EXPORT_BYTES,
  MAX_EXPORT_CASES,
  MAX_EXPORT_ENTRIES,
  MAX_EXPORT_REPORTS,
  EXPORT_VERSION,
  MAX_TEXT_PART_BYTES,
  MAX_UNZIPPED_BYTES,
  PARTS,
  type Manifest,
} from './format';

/** Why a file is refused whole (head office applies nothing of it). */
export const EXPORT_FILE_PROBLEMS = [
  'too_large',
  'not_zip',
  'zip_bomb',
  'bad_manifest',
  'missing_part',
  'unexpected_part',
  'part_mismatch',
  'bad_content',
  'unknown_branch',
  'bad_signature',
  'foreign_case',
] as const;
export type ExportFileProblem = (typeof EXPORT_FILE_PROBLEMS)[number];

export class ExportFileError extends Error {
  constructor(
    readonly code: ExportFileProblem,
    message: string,
  ) {
    super(message);
  }
}

export interface OpenedExport {
  manifest: Manifest;
  /** Every part the manifest names, its SHA-256 checked. */
  parts: Map<string, Uint8Array>;
}

const MANIFEST_LIMIT = 8 * 1024 * 1024;

/** The parts' declared sizes are checked while unzipping: nothing past the limits is ever inflated. */
function unzipGuarded(bytes: Uint8Array): Record<string, Uint8Array> {
  let entries = 0;
  let declared = 0;
  const seen = new Set<string>();
  let refusal: ExportFileError | null = null;
  const refuse = (code: ExportFileProblem, message: string) => {
    refusal ??= new ExportFileError(code, message);
    return false;
  };
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, {
      filter: (file) => {
        if (refusal) return false;
        if (++entries > MAX_EXPORT_ENTRIES + 1) return refuse('zip_bomb', `more than ${MAX_EXPORT_ENTRIES + 1} parts`);
        if (seen.has(file.name)) return refuse('unexpected_part', `the part ${file.name.slice(0, 100)} appears twice`);
        seen.add(file.name);
        const limit = file.name === PARTS.manifest ? MANIFEST_LIMIT : MAX_TEXT_PART_BYTES;
        if (file.originalSize > limit) return refuse('zip_bomb', `${file.name.slice(0, 100)} unzips to ${file.originalSize} bytes`);
        declared += file.originalSize;
        if (declared > MAX_UNZIPPED_BYTES) return refuse('zip_bomb', `the parts unzip to more than ${MAX_UNZIPPED_BYTES} bytes`);
        return true;
      },
    });
  } catch (e) {
    throw new ExportFileError('not_zip', `not a readable zip file (${(e as Error).message})`);
  }
  if (refusal) throw refusal;
  return files;
}

/**
 * Opens an export file and checks everything that needs no secret: its size, the zip (with the
 * zip-bomb guard), the manifest's form, that the parts are exactly those it names and that each
 * has its SHA-256 and size. The caller then checks the signature with that branch's secret.
 */
export function openExportFile(bytes: Uint8Array): OpenedExport {
  if (bytes.byteLength > MAX_EXPORT_BYTES) throw new ExportFileError('too_large', `the file exceeds ${MAX_EXPORT_BYTES} bytes`);
  const files = unzipGuarded(bytes);
  const manifestBytes = files[PARTS.manifest];
  if (!manifestBytes) throw new ExportFileError('missing_part', `the file has no ${PARTS.manifest}`);
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(manifestBytes));
  } catch {
    throw new ExportFileError('bad_manifest', `${PARTS.manifest} is not JSON`);
  }
  const parsed = manifestSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ExportFileError('bad_manifest', `${PARTS.manifest}: ${issue.path.join('.') || '(manifest)'}: ${issue.message}`.slice(0, 300));
  }
  const manifest = parsed.data;
  const names = new Set(manifest.parts.map((p) => p.name));
  if (names.size !== manifest.parts.length) throw new ExportFileError('bad_manifest', 'the manifest names a part twice');
  for (const name of [PARTS.cases, PARTS.events, PARTS.xlsx])
    if (!names.has(name)) throw new ExportFileError('bad_manifest', `the manifest does not name ${name}`);
  // Reports came with version 2, and a version 2 manifest counts what reports.ndjson holds.
  if (
    names.has(PARTS.reports) !== (manifest.version !== EXPORT_VERSION) ||
    (manifest.counts.reports !== undefined) !== names.has(PARTS.reports)
  )
    throw new ExportFileError('bad_manifest', `${PARTS.reports} and its count belong to version 2 files, and to them only`);
  const extra = Object.keys(files).find((n) => n !== PARTS.manifest && !names.has(n));
  if (extra) throw new ExportFileError('unexpected_part', `the part ${extra.slice(0, 100)} is not in the manifest`);
  const parts = new Map<string, Uint8Array>();
  for (const part of manifest.parts) {
    const data = files[part.name];
    if (!data) throw new ExportFileError('missing_part', `the part ${part.name} is missing`);
    if (data.byteLength !== part.size || sha256Hex(data) !== part.sha256)
      throw new ExportFileError('part_mismatch', `the part ${part.name} is not the one the manifest names (changed or damaged)`);
    parts.set(part.name, data);
  }
  return { manifest, parts };
}

/** Whether the manifest was signed with this secret (constant-time). */
export function manifestSignedWith(manifest: Manifest, secret: string): boolean {
  const { signature, ...unsigned } = manifest;
  return sameSignature(hmacSignature(secret, canonicalManifest(unsigned)), signature);
}

const caseLineSchema = caseEntrySchema.omit({ events: true });

function lines(bytes: Uint8Array, part: string): string[] {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new ExportFileError('bad_content', `${part} is not UTF-8 text`);
  }
  return text.split('\n').filter((line) => line.length > 0);
}

function parseLine<T>(
  line: string,
  part: string,
  n: number,
  parse: (text: string) => unknown,
  schema: {
    safeParse(v: unknown): { success: true; data: T } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } };
  },
): T {
  let json: unknown;
  try {
    json = parse(line);
  } catch (e) {
    throw new ExportFileError('bad_content', `${part} line ${n}: ${(e as Error).message}`.slice(0, 300));
  }
  const r = schema.safeParse(json);
  if (!r.success) {
    const issue = r.error.issues[0]!;
    throw new ExportFileError('bad_content', `${part} line ${n}: ${issue.path.join('.') || '(line)'}: ${issue.message}`.slice(0, 300));
  }
  return r.data;
}

/**
 * The file's cases as the online sync would have sent them. `parse` reads one line of JSON
 * (head office passes its own, which refuses prototype keys). Counts must match the manifest.
 */
export function readEntries(opened: OpenedExport, parse: (text: string) => unknown = JSON.parse): CaseEntry[] {
  const { manifest, parts } = opened;
  const caseLines = lines(parts.get(PARTS.cases)!, PARTS.cases);
  if (caseLines.length > MAX_EXPORT_CASES) throw new ExportFileError('bad_content', `more than ${MAX_EXPORT_CASES} cases`);
  const byCase = new Map<string, CaseEntry>();
  caseLines.forEach((line, i) => {
    const c = parseLine(line, PARTS.cases, i + 1, parse, caseLineSchema);
    if (byCase.has(c.caseId)) throw new ExportFileError('bad_content', `${PARTS.cases} line ${i + 1}: case ${c.caseId} appears twice`);
    byCase.set(c.caseId, { ...c, events: [] });
  });
  const eventLines = lines(parts.get(PARTS.events)!, PARTS.events);
  eventLines.forEach((line, i) => {
    const e = parseLine(line, PARTS.events, i + 1, parse, syncedEventSchema);
    const entry = byCase.get(e.caseId);
    if (!entry) throw new ExportFileError('bad_content', `${PARTS.events} line ${i + 1}: no case ${e.caseId} in ${PARTS.cases}`);
    entry.events.push(e);
  });
  const entries = [...byCase.values()];
  const empty = entries.find((e) => e.events.length === 0);
  if (empty) throw new ExportFileError('bad_content', `case ${empty.caseId} has no events`);
  const attachments = [...parts.keys()].filter((n) => n.startsWith(PARTS.attachmentPrefix)).length;
  const { counts } = manifest;
  if (counts.cases !== entries.length || counts.events !== eventLines.length || counts.attachments !== attachments)
    throw new ExportFileError('bad_content', 'the counts in the manifest do not match the parts');
  for (const entry of entries)
    for (const a of entry.attachments)
      if (!parts.has(`${PARTS.attachmentPrefix}${a.sha256}`))
        throw new ExportFileError('missing_part', `case ${entry.caseId} refers to attachment ${a.sha256}, not in the file`);
  return entries;
}

/** The file's monthly reports (none in a version 1 file), each checked as the online sync checks one and of the file's branch. */
export function readReports(opened: OpenedExport, parse: (text: string) => unknown = JSON.parse): ReportEntry[] {
  const bytes = opened.parts.get(PARTS.reports);
  if (!bytes) return [];
  const reportLines = lines(bytes, PARTS.reports);
  if (reportLines.length > MAX_EXPORT_REPORTS) throw new ExportFileError('bad_content', `more than ${MAX_EXPORT_REPORTS} reports`);
  const reports = reportLines.map((line, i) => parseLine(line, PARTS.reports, i + 1, parse, reportEntrySchema));
  if (reports.length !== opened.manifest.counts.reports)
    throw new ExportFileError('bad_content', 'the counts in the manifest do not match the parts');
  const foreign = reports.find((r) => r.data.branch.code !== opened.manifest.branch || r.data.month !== r.month);
  if (foreign) throw new ExportFileError('bad_content', `report ${foreign.reportId} is of another branch or month than it says`);
  return reports;
}
