import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { deflateSync, inflateSync } from 'fflate';
import { canonicalJson, hashEvent, type CaseEvent, type ChainBreak } from './eventHash';

/**
 * Sealed ledger blocks. Events are written one row each (in the same transaction as their case);
 * the host later seals them, oldest first, into blocks of about a thousand: one line per event,
 * `<caseId>\t<canonical JSON>`, UTF-8, deflated (Chinese JSON shrinks about fourfold, and verifying
 * is mostly reading bytes). A block's hash is SHA-256(previous block's hash ‖ SHA-256(bytes)), so
 * the whole log is verified by hashing a few hundred byte arrays, with no copying and no
 * inflating, instead of re-reading and re-hashing half a million rows (IndexedDB costs ~30 µs a
 * row on our machines).
 *
 * Blocks sealed since schema v10 start with their heads: each case the block holds events of, with
 * the seq of its last event in the block, in plain text ahead of the deflated lines, so the block
 * hash covers them and verifying reads where each case's sealed log ends without inflating
 * anything. Layout: HEADS_MARK, a format byte, the heads' length (u32, little-endian), the heads
 * (`<caseId>\t<seq>\n` lines, UTF-8), then the deflated lines. Older blocks are the deflated lines
 * alone; a raw deflate stream never starts with HEADS_MARK (its block type bits would be the
 * reserved 11), so the two cannot be mistaken for each other.
 */
export interface LedgerBlock {
  n: number;
  prevHash: string;
  hash: string;
  count: number;
  bytes: Uint8Array;
}

export const GENESIS_BLOCK_HASH = '0'.repeat(64);

const HEADS_MARK = 0xff;
const HEADS_FORMAT = 1;
const HEADER_BYTES = 6;

/** The deflated event lines: the whole of a block sealed before v10, the tail of one sealed since. */
export function encodeEvents(events: readonly CaseEvent[]): Uint8Array {
  return deflateSync(utf8ToBytes(events.map((e) => `${e.caseId}\t${canonicalJson(e)}\n`).join('')), { level: 6 });
}

/** Each case's last seq among the events, in the order the cases first appear. */
export function headsOf(events: readonly CaseEvent[]): Map<string, number> {
  const heads = new Map<string, number>();
  for (const e of events) heads.set(e.caseId, Math.max(heads.get(e.caseId) ?? 0, e.seq));
  return heads;
}

export function formatHeads(heads: Iterable<[caseId: string, seq: number]>): string {
  let text = '';
  for (const [caseId, seq] of heads) text += `${caseId}\t${seq}\n`;
  return text;
}

/** Reads `<caseId>\t<seq>` lines into `into`, a later line for a case replacing an earlier one. */
export function parseHeads(text: string, into: Map<string, number>): void {
  let start = 0;
  while (start < text.length) {
    const tab = text.indexOf('\t', start);
    const end = text.indexOf('\n', tab);
    if (tab < 0 || end < 0) break;
    into.set(text.slice(start, tab), Number(text.slice(tab + 1, end)));
    start = end + 1;
  }
}

export function encodeBlock(events: readonly CaseEvent[]): Uint8Array {
  const heads = utf8ToBytes(formatHeads(headsOf(events)));
  const lines = encodeEvents(events);
  const bytes = new Uint8Array(HEADER_BYTES + heads.length + lines.length);
  const view = new DataView(bytes.buffer);
  view.setUint8(0, HEADS_MARK);
  view.setUint8(1, HEADS_FORMAT);
  view.setUint32(2, heads.length, true);
  bytes.set(heads, HEADER_BYTES);
  bytes.set(lines, HEADER_BYTES + heads.length);
  return bytes;
}

/** A block's heads section and its deflated lines; `heads` is null for a block sealed before v10. */
function sectionsOf(bytes: Uint8Array): { heads: Uint8Array | null; lines: Uint8Array } {
  if (bytes[0] !== HEADS_MARK) return { heads: null, lines: bytes };
  if (bytes.length < HEADER_BYTES || bytes[1] !== HEADS_FORMAT) throw new Error('ledger block: unknown format');
  const length = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(2, true);
  if (HEADER_BYTES + length > bytes.length) throw new Error('ledger block: heads run past its end');
  return { heads: bytes.subarray(HEADER_BYTES, HEADER_BYTES + length), lines: bytes.subarray(HEADER_BYTES + length) };
}

/** The heads a block carries (`<caseId>\t<seq>` lines), or null for a block sealed before v10. */
export function blockHeads(bytes: Uint8Array): string | null {
  const { heads } = sectionsOf(bytes);
  return heads && new TextDecoder().decode(heads);
}

function chainedHash(prevHash: string, bytesHash: string): string {
  return bytesToHex(sha256(utf8ToBytes(prevHash + bytesHash)));
}

/** Synchronous (pure JS), for sealing inside a transaction. */
export function hashBlock(prevHash: string, bytes: Uint8Array): string {
  return chainedHash(prevHash, bytesToHex(sha256(bytes)));
}

/** The same value with the platform's SHA-256 (Web Crypto) over the bytes: much faster, async. */
export async function hashBlockNative(prevHash: string, bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return chainedHash(prevHash, bytesToHex(new Uint8Array(digest)));
}

export function decodeBlock(bytes: Uint8Array, caseId?: string): CaseEvent[] {
  const text = new TextDecoder().decode(inflateSync(sectionsOf(bytes).lines));
  const events: CaseEvent[] = [];
  for (const line of text.split('\n')) {
    if (line === '') continue;
    const tab = line.indexOf('\t');
    if (caseId !== undefined && line.slice(0, tab) !== caseId) continue;
    events.push(JSON.parse(line.slice(tab + 1)) as CaseEvent);
  }
  return events;
}

/** The ids of the cases with events in a block (from its heads, or in an older block each line's prefix), without parsing the events. */
export function caseIdsInBlock(bytes: Uint8Array): Set<string> {
  const heads = blockHeads(bytes);
  if (heads !== null) {
    const parsed = new Map<string, number>();
    parseHeads(heads, parsed);
    return new Set(parsed.keys());
  }
  const ids = new Set<string>();
  for (const line of new TextDecoder().decode(inflateSync(bytes)).split('\n')) if (line !== '') ids.add(line.slice(0, line.indexOf('\t')));
  return ids;
}

/** For a block whose hash does not match: the first event inside it that does not hash to itself. */
export function firstBadEventIn(block: LedgerBlock): ChainBreak {
  let events: CaseEvent[];
  try {
    events = decodeBlock(block.bytes);
  } catch {
    return { caseId: '', seq: 0, reason: 'hash_mismatch', block: block.n };
  }
  const bad = events.find((e) => hashEvent(e) !== e.hash) ?? headsDisagreeing(block.bytes, events) ?? events[0];
  return { caseId: bad?.caseId ?? '', seq: bad?.seq ?? 0, reason: 'hash_mismatch', block: block.n };
}

/** The first case whose head in the block's heads is not its last event in the block, as that event (or seq 0). */
function headsDisagreeing(bytes: Uint8Array, events: readonly CaseEvent[]): { caseId: string; seq: number } | undefined {
  const text = blockHeads(bytes);
  if (text === null) return undefined;
  const claimed = new Map<string, number>();
  parseHeads(text, claimed);
  const actual = headsOf(events);
  for (const [caseId, seq] of actual) if (claimed.get(caseId) !== seq) return { caseId, seq };
  for (const caseId of claimed.keys()) if (!actual.has(caseId)) return { caseId, seq: 0 };
  return undefined;
}
