import { createHash } from 'node:crypto';
import { hashedText, verifyChain, type CaseEvent } from '../shared/ledger/eventHash';
import type { CaseEntry, CaseRejection } from '../shared/sync/protocol';

/** What head office holds of a case: its version, head and the hashes of its events (seq 1…n). */
export interface HeldCase {
  version: number;
  headSeq: number;
  headHash: string;
  hashes: readonly string[];
}

export type Verdict =
  | { status: 'accept' }
  | { status: 'duplicate' }
  | { status: 'rejected'; reason: CaseRejection; detail: string; /** Chain problems are flagged for head office. */ flag: boolean };

const reject = (reason: CaseRejection, detail: string): Extract<Verdict, { status: 'rejected' }> => ({
  status: 'rejected',
  reason,
  detail,
  flag: reason === 'chain_broken' || reason === 'history_rewritten' || reason === 'version_rollback',
});

/**
 * Judges one incoming case against what head office holds (docs/sync-protocol.md): the entry must
 * be consistent, its events must hash-chain from the first link to the record's head, and a new
 * version may only append to the history head office holds — never edit, drop or reorder it.
 * Attachments are checked by the caller (they need the database).
 */
function nativeHash(event: CaseEvent): string {
  return createHash('sha256').update(hashedText(event)).digest('hex');
}

/**
 * What can be judged of a case without head office's copy: the entry is consistent and its events
 * hash-chain to the record's head. The rejection, or null. Run before the batch's transaction: it
 * is most of a batch's checking, and need not hold the database meanwhile.
 */
export function checkOwnChain(entry: CaseEntry): Extract<Verdict, { status: 'rejected' }> | null {
  const { caseId, version, record, events } = entry;
  if (record.id !== caseId) return reject('record_mismatch', `the record's id is ${record.id}, the entry's ${caseId}`);
  if (record.version !== version) return reject('record_mismatch', `the record's version is ${record.version}, the entry's ${version}`);
  const stray = events.find((e) => e.caseId !== caseId);
  if (stray) return reject('record_mismatch', `event ${stray.seq} belongs to case ${stray.caseId}`);
  const ids = entry.attachments.map((a) => a.id);
  if (new Set(ids).size !== ids.length) return reject('record_mismatch', 'an attachment id appears twice');

  // The same hash as the branch's (hashedText is the one definition), with Node's native SHA-256.
  const broken = verifyChain(events, events.map(nativeHash));
  if (broken) return reject('chain_broken', `${broken.reason} at event ${broken.seq}`);
  const last = events[events.length - 1]!;
  if (record.ledgerHead.seq !== last.seq || record.ledgerHead.hash !== last.hash)
    return reject('chain_broken', `the record's head (event ${record.ledgerHead.seq}) is not the chain's last event (${last.seq})`);
  return null;
}

/** A case whose own chain holds (checkOwnChain), against what head office holds of it: only appending is accepted. */
export function judgeAgainstHeld(entry: CaseEntry, held: HeldCase | null): Verdict {
  if (!held) return { status: 'accept' };
  const { version, events } = entry;
  const last = events[events.length - 1]!;
  const differs = events.findIndex((e, i) => i < held.hashes.length && e.hash !== held.hashes[i]);

  if (version < held.version) {
    // An older version resent (a retry overtaken by a newer one) is harmless if its history is ours.
    if (differs === -1 && events.length <= held.hashes.length) return { status: 'duplicate' };
    return reject('version_rollback', `version ${version} is older than version ${held.version} held, with another history`);
  }
  if (version === held.version) {
    if (last.seq === held.headSeq && last.hash === held.headHash) return { status: 'duplicate' };
    return reject('version_rollback', `version ${version} is held with another head (event ${held.headSeq})`);
  }
  if (differs !== -1) return reject('history_rewritten', `event ${differs + 1} differs from the one held`);
  if (events.length < held.hashes.length)
    return reject('history_rewritten', `events ${events.length + 1}–${held.hashes.length} held are missing`);
  return { status: 'accept' };
}
