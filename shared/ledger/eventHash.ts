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

const canonicalJson = configure({ deterministic: true, bigint: false, circularValue: Error });

export function hashEvent(event: Omit<CaseEvent, 'hash'>): string {
  const { caseId, seq, type, at, actor, changes, prevHash } = event;
  const text = canonicalJson({ caseId, seq, type, at, actor, changes, prevHash }) ?? '';
  return bytesToHex(sha256(utf8ToBytes(text)));
}

export interface ChainBreak {
  caseId: string;
  seq: number;
  reason: 'hash_mismatch' | 'link_broken' | 'sequence_gap';
}

/** Checks one case's events (sorted by seq); returns the first broken link, or null. */
export function verifyChain(events: readonly CaseEvent[]): ChainBreak | null {
  let prev = GENESIS_HASH;
  let expectedSeq = 1;
  for (const e of events) {
    if (e.seq !== expectedSeq) return { caseId: e.caseId, seq: e.seq, reason: 'sequence_gap' };
    if (e.prevHash !== prev) return { caseId: e.caseId, seq: e.seq, reason: 'link_broken' };
    if (hashEvent(e) !== e.hash) return { caseId: e.caseId, seq: e.seq, reason: 'hash_mismatch' };
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
    if (BOOKKEEPING.has(key)) continue;
    if (canonicalJson(a[key]) !== canonicalJson(b[key])) changes[key] = [a[key] ?? null, b[key] ?? null];
  }
  return changes;
}
