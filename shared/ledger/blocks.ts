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
 */
export interface LedgerBlock {
  n: number;
  prevHash: string;
  hash: string;
  count: number;
  bytes: Uint8Array;
}

export const GENESIS_BLOCK_HASH = '0'.repeat(64);

export function encodeBlock(events: readonly CaseEvent[]): Uint8Array {
  return deflateSync(utf8ToBytes(events.map((e) => `${e.caseId}\t${canonicalJson(e)}\n`).join('')), { level: 6 });
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
  const text = new TextDecoder().decode(inflateSync(bytes));
  const events: CaseEvent[] = [];
  for (const line of text.split('\n')) {
    if (line === '') continue;
    const tab = line.indexOf('\t');
    if (caseId !== undefined && line.slice(0, tab) !== caseId) continue;
    events.push(JSON.parse(line.slice(tab + 1)) as CaseEvent);
  }
  return events;
}

/** The ids of the cases with events in a block (each line starts with its case's id), without parsing the events. */
export function caseIdsInBlock(bytes: Uint8Array): Set<string> {
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
  const bad = events.find((e) => hashEvent(e) !== e.hash) ?? events[0];
  return { caseId: bad?.caseId ?? '', seq: bad?.seq ?? 0, reason: 'hash_mismatch', block: block.n };
}
