import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { configure } from 'safe-stable-stringify';
import type { Actor } from '../domain/case';
import type { EventType } from '../domain/enums';

/** One entry of a case's append-only log. `hash` covers every other field, `prevHash` links the chain. */
export interface CaseEvent {
  caseId: string;
  /** Position in the case's chain, from 1. */
  seq: number;
  type: EventType;
  at: number;
  actor: Actor;
  /** Changed fields as [before, after]. */
  changes: Record<string, [unknown, unknown]>;
  prevHash: string;
  hash: string;
}

export const GENESIS_HASH = '0'.repeat(64);

export const canonicalJson = configure({ deterministic: true, bigint: false, circularValue: Error });

/** The text an event's hash is taken of: its fields but the hash, as canonical JSON. */
export function hashedText(event: Omit<CaseEvent, 'hash'>): string {
  const { caseId, seq, type, at, actor, changes, prevHash } = event;
  return canonicalJson({ caseId, seq, type, at, actor, changes, prevHash }) ?? '';
}

/** Synchronous, so it can run inside an IndexedDB transaction without letting it commit early. */
export function hashEvent(event: Omit<CaseEvent, 'hash'>): string {
  return bytesToHex(sha256(utf8ToBytes(hashedText(event))));
}

export interface ChainBreak {
  caseId: string;
  seq: number;
  /** `events_missing`: the case row's head names events that are not in the log (all of them, from `seq` on). */
  reason: 'hash_mismatch' | 'link_broken' | 'sequence_gap' | 'events_missing';
  /** The sealed block the break was found in, if any. */
  block?: number;
}

/**
 * Checks one case's events (sorted by seq); returns the first broken link, or null.
 * `recomputed[i]`, when given, is the already computed hash of `events[i]`.
 */
export function verifyChain(
  events: readonly CaseEvent[],
  recomputed?: readonly (string | undefined)[],
  start: { seq: number; hash: string } = { seq: 0, hash: GENESIS_HASH },
): ChainBreak | null {
  let prev = start.hash;
  let expectedSeq = start.seq + 1;
  for (const [i, e] of events.entries()) {
    if (e.seq !== expectedSeq) return { caseId: e.caseId, seq: e.seq, reason: 'sequence_gap' };
    if (e.prevHash !== prev) return { caseId: e.caseId, seq: e.seq, reason: 'link_broken' };
    if ((recomputed?.[i] ?? hashEvent(e)) !== e.hash) return { caseId: e.caseId, seq: e.seq, reason: 'hash_mismatch' };
    prev = e.hash;
    expectedSeq++;
  }
  return null;
}

/** Fields that change on every write and carry no meaning of their own in the log. */
const BOOKKEEPING = new Set(['version', 'updatedAt', 'nextDueAt', 'ledgerHead']);

/** Top-level fields that differ between two records, as [before, after]. */
export function diffRecords(before: object | null, after: object): Record<string, [unknown, unknown]> {
  const changes: Record<string, [unknown, unknown]> = {};
  const a = (before ?? {}) as Record<string, unknown>;
  const b = after as Record<string, unknown>;
  for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
    // Records are copied with spread, so an unchanged field is usually the very same value.
    if (BOOKKEEPING.has(key) || a[key] === b[key]) continue;
    if (canonicalJson(a[key]) !== canonicalJson(b[key])) changes[key] = [a[key] ?? null, b[key] ?? null];
  }
  return changes;
}
