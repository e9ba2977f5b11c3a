import { unzipSync, zipSync } from 'fflate';
import { buildExportFile, type ExportProgress } from '../../../shared/export/build';
import { hmacSignature, sha256Hex, type CaseEntry } from '../../../shared/sync/protocol';
import { translate } from '../../../shared/i18n/translate';

export const SECRET = 'A'.repeat(43);
export const CREATED_AT = Date.parse('2026-12-01T09:00:00+08:00');

/** An attachment of `text` for a case, with its bytes (keyed by its id) for the builder. */
export function attachmentOf(id: string, text: string) {
  const bytes = new TextEncoder().encode(text);
  return { meta: { id, sha256: sha256Hex(bytes), name: `${id}.txt`, type: 'text/plain', size: bytes.byteLength }, bytes };
}

/** An export file of `entries`, signed with `secret`, as the branch writes it. */
export async function exportOf(
  entries: readonly CaseEntry[],
  options: { secret?: string; branch?: string; blobs?: Map<string, Uint8Array>; fileId?: string; progress?: ExportProgress[] } = {},
) {
  const secret = options.secret ?? SECRET;
  return buildExportFile({
    fileId: options.fileId ?? crypto.randomUUID(),
    branch: options.branch ?? 'BJ01',
    period: { from: '2026-11-01', to: '2026-11-30' },
    createdAt: CREATED_AT,
    appVersion: '0.1.0',
    entries,
    attachment: async (id) => options.blobs?.get(id) ?? null,
    sign: async (text) => hmacSignature(secret, text),
    translate: (key) => translate('zh-CN', key),
    categories: { customCategories: [], retiredCategories: [] },
    onProgress: (p) => void options.progress?.push(p),
  });
}

/** The file unzipped, changed by `edit`, and zipped again (a tampered file). */
export function repack(bytes: Uint8Array, edit: (files: Record<string, Uint8Array>) => void): Uint8Array {
  const files = unzipSync(bytes);
  edit(files);
  return zipSync(files);
}

export const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
export const bytesOf = (s: string) => new TextEncoder().encode(s);

/** A zip whose part claims to unzip to 2 GiB (its headers patched): a zip bomb, caught before inflating. */
export function zipBomb(): Uint8Array {
  const zip = zipSync({ 'cases.ndjson': new Uint8Array(1_000_000) });
  const view = new DataView(zip.buffer);
  const central = zip.findLastIndex((_, i) => i + 4 <= zip.length && view.getUint32(i, true) === 0x02014b50);
  view.setUint32(central + 24, 0x7fff_ffff, true); // the central directory's size once unzipped
  view.setUint32(22, 0x7fff_ffff, true); // the local header's
  return zip;
}
