/**
 * Fakes for the sync engine's unit tests: a branch (SyncSource in memory), a head office speaking
 * the protocol in memory (it checks signatures, unzips batches, remembers (case, version) and
 * attachment pieces), a clock and timers run by hand.
 */
import { gunzipSync } from 'fflate';
import type { PublishedCalendar, PublishedPolicy } from '../../../shared/deadlines';
import type { Enrolment } from '../../../shared/sync/enrolment';
import { INITIAL_SYNC_STATE, type PendingCase, type SyncSource, type SyncState } from '../../../shared/sync/engine';
import {
  HEADERS,
  sha256Hex,
  signatureMatches,
  type Batch,
  type CaseEntry,
  type CaseResult,
  type RequestErrorCode,
  REQUEST_ERRORS,
  batchSchema,
} from '../../../shared/sync/protocol';
import type { SyncRequest } from '../../../shared/sync/request';
import type { FetchLike, HttpAnswer, Transport } from '../../../shared/sync/transport';
import { hashEvent, GENESIS_HASH } from '../../../shared/ledger/eventHash';

export const ENROLMENT: Enrolment = { hqUrl: 'http://127.0.0.1:8787', branch: 'BJ01', secret: 'A'.repeat(43) };

export class Clock {
  constructor(public at = Date.parse('2026-03-02T10:00:00+08:00')) {}
  now = () => this.at;
}

/** Timers that fire only when the test says so, moving the clock to their time. */
export class ManualTimers {
  private timers: { id: number; at: number; run: () => void }[] = [];
  private nextId = 1;
  constructor(private readonly clock: Clock) {}
  private waiters: { delay: number; resolve: () => void }[] = [];
  setTimer = (run: () => void, ms: number): unknown => {
    const id = this.nextId++;
    this.timers.push({ id, at: this.clock.at + ms, run });
    const due = this.waiters.filter((w) => w.delay === Math.max(0, ms));
    this.waiters = this.waiters.filter((w) => !due.includes(w));
    for (const w of due) w.resolve();
    return id;
  };
  /** Resolves once a timer `delay` ms from now is planned (at once if one already is). */
  planned(delay: number): Promise<void> {
    if (this.timers.some((t) => t.at - this.clock.at === delay)) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ delay, resolve }));
  }
  clearTimer = (handle: unknown): void => {
    this.timers = this.timers.filter((t) => t.id !== handle);
  };
  /** When the next timer is due, in ms from now (null: none). */
  nextDelay(): number | null {
    const next = this.earliest();
    return next ? next.at - this.clock.at : null;
  }
  get pending(): number {
    return this.timers.length;
  }
  /** Moves the clock to the earliest timer and runs it. */
  fireNext(): void {
    const next = this.earliest();
    if (!next) throw new Error('no timer planned');
    this.timers = this.timers.filter((t) => t !== next);
    this.clock.at = Math.max(this.clock.at, next.at);
    next.run();
  }
  private earliest() {
    return [...this.timers].sort((a, b) => a.at - b.at || a.id - b.id)[0];
  }
}

/** A case with a real hash chain of `events` events; `padding` characters of content set its size. */
export function makeCase(
  n: number,
  options: { events?: number; padding?: number; attachments?: CaseEntry['attachments']; version?: number } = {},
) {
  const caseId = `case-${String(n).padStart(4, '0')}`;
  const count = options.events ?? 3;
  const events: CaseEntry['events'] = [];
  let prevHash = GENESIS_HASH;
  for (let seq = 1; seq <= count; seq++) {
    const body = {
      caseId,
      seq,
      type: seq === 1 ? ('registered' as const) : seq === count ? ('archived' as const) : ('investigation_noted' as const),
      at: 1_700_000_000_000 + seq,
      actor: { staffId: 'c01', role: 'clerk' as const },
      changes: (seq === 1 ? { content: [null, 'x'.repeat(options.padding ?? 10)] } : {}) as Record<string, [unknown, unknown]>,
      prevHash,
    };
    const hash = hashEvent(body);
    events.push({ ...body, hash });
    prevHash = hash;
  }
  const version = options.version ?? count;
  return {
    caseId,
    version,
    record: {
      id: caseId,
      caseNo: `BJ01-20260302-${String(n).padStart(3, '0')}`,
      branchCode: 'BJ01',
      state: 'archived',
      version,
      ledgerHead: { seq: count, hash: prevHash },
    },
    events,
    attachments: options.attachments ?? [],
  } satisfies CaseEntry;
}

interface OutboxRow {
  seq: number;
  caseId: string;
  version: number;
  deliveredAt: number | null;
}

/** The branch's side in memory: cases, the outbox, attachment bytes and the persisted state. */
export class MemorySource implements SyncSource {
  cases = new Map<string, CaseEntry>();
  outbox: OutboxRow[] = [];
  blobs = new Map<string, Uint8Array>();
  state: SyncState = { ...INITIAL_SYNC_STATE };
  savedStates: SyncState[] = [];
  private seq = 0;

  /** Archives (or changes an archived) case: its entry as it is now, and a new outbox row. */
  archive(entry: CaseEntry): void {
    this.cases.set(entry.caseId, entry);
    this.outbox.push({ seq: ++this.seq, caseId: entry.caseId, version: entry.version, deliveredAt: null });
  }
  async pending(limit: number): Promise<PendingCase[]> {
    const byCase = new Map<string, PendingCase>();
    for (const row of this.outbox) {
      if (row.deliveredAt !== null) continue;
      const seen = byCase.get(row.caseId);
      if (!seen) byCase.set(row.caseId, { caseId: row.caseId, version: row.version });
      else seen.version = Math.max(seen.version, row.version);
    }
    return [...byCase.values()].slice(0, limit);
  }
  async entries(caseIds: string[]): Promise<CaseEntry[]> {
    return caseIds.flatMap((id) => (this.cases.has(id) ? [structuredClone(this.cases.get(id)!)] : []));
  }
  async attachment(id: string): Promise<Uint8Array | null> {
    return this.blobs.get(id) ?? null;
  }
  async acknowledge(caseId: string, version: number, at: number): Promise<void> {
    for (const row of this.outbox) if (row.caseId === caseId && row.version <= version && row.deliveredAt === null) row.deliveredAt = at;
  }
  async loadState(): Promise<SyncState> {
    return structuredClone(this.state);
  }
  async saveState(state: SyncState): Promise<void> {
    this.state = structuredClone(state);
    this.savedStates.push(this.state);
  }
  async waiting(): Promise<number> {
    return (await this.pending(Number.MAX_SAFE_INTEGER)).length;
  }
}

export type Fault = 'refuse' | 'drop_answer' | 'server_error' | 'truncate' | { refuse: RequestErrorCode; received?: number };

/** Head office in memory, speaking the protocol; `faults` are taken one per request, in order. */
export class FakeHq {
  /** What head office holds: (case id → version) and how many times each (case, version) was applied. */
  held = new Map<string, number>();
  applied = new Map<string, number>();
  blobs = new Map<string, Uint8Array>();
  requests: SyncRequest[] = [];
  batches: Batch[] = [];
  seenIds = new Set<string>();
  faults: (Fault | null)[] = [];
  reject = new Map<string, CaseResult & { status: 'rejected' }>();
  /** Pretend HQ's clock is this far from the branch's (ms). */
  clockOffset = 0;
  blobPutLimit = Infinity;
  /** Batches larger than this (after gunzip) are refused 413. */
  maxBatchBytes = Infinity;
  /** Cases this head office cannot store though they are well-formed (as text PostgreSQL refuses): a batch holding one is refused 400. */
  unstorable = new Set<string>();
  /** Calendars published at head office (GET /v1/calendars answers each year's newest above `since`). */
  calendars: PublishedCalendar[] = [];
  /** Deadline policies published at head office (versions shared with the calendars); undefined: an older head office, no `policies` field. */
  policies: PublishedPolicy[] | undefined = undefined;

  constructor(
    private readonly clock: Clock,
    private readonly secret = ENROLMENT.secret,
  ) {}

  transport: Transport = async (request) => {
    this.requests.push(request);
    const fault = this.faults.shift() ?? null;
    if (fault === 'refuse') throw new TypeError('fetch failed: ECONNREFUSED');
    if (fault === 'server_error') return { status: 503, body: new TextEncoder().encode('busy') };
    if (fault && typeof fault === 'object') return this.error(fault.refuse, fault.received);
    const answer = this.handle(request);
    if (fault === 'drop_answer') throw new TypeError('fetch failed: socket hang up');
    if (fault === 'truncate') return { status: answer.status, body: answer.body.subarray(0, Math.floor(answer.body.length / 2)) };
    return answer;
  };

  private serverTime() {
    return this.clock.at + this.clockOffset;
  }

  private json(status: number, value: unknown): HttpAnswer {
    return { status, body: new TextEncoder().encode(JSON.stringify(value)) };
  }

  private error(code: RequestErrorCode, received?: number): HttpAnswer {
    return this.json(REQUEST_ERRORS[code], {
      error: { code, message: code, serverTime: this.serverTime(), ...(received !== undefined ? { received } : {}) },
    });
  }

  private handle(request: SyncRequest): HttpAnswer {
    const path = request.url.slice(ENROLMENT.hqUrl.length);
    const h = request.headers;
    const body = request.body ?? new Uint8Array(0);
    const parts = {
      method: request.method,
      path,
      timestamp: Number(h[HEADERS.timestamp]),
      bodySha256: sha256Hex(body),
      requestId: h[HEADERS.requestId]!,
      branch: h[HEADERS.branch]!,
    };
    if (parts.bodySha256 !== h[HEADERS.contentSha256] || !signatureMatches(this.secret, parts, h[HEADERS.signature]!))
      return this.error('bad_signature');
    if (Math.abs(parts.timestamp - this.serverTime()) > 5 * 60_000) return this.error('clock_skew');
    if (this.seenIds.has(parts.requestId)) return this.error('replayed');
    this.seenIds.add(parts.requestId);
    const blob = /^\/v1\/blobs\/([0-9a-f]{64})(?:\?offset=(\d+)&total=(\d+))?$/.exec(path);
    if (blob) return this.blob(request.method, blob[1]!, Number(blob[2]), Number(blob[3]), body);
    if (path === '/v1/health' && request.method === 'GET') return this.json(200, { ok: true, protocol: 1, serverTime: this.serverTime() });
    const since = /^\/v1\/calendars\?since=(\d+)$/.exec(path);
    if (since && request.method === 'GET') return this.calendarsSince(Number(since[1]));
    if (path === '/v1/batches' && request.method === 'POST') return this.batch(h['content-encoding'] === 'gzip' ? gunzipSync(body) : body);
    return this.error('not_found');
  }

  private blob(method: string, sha: string, offset: number, total: number, piece: Uint8Array): HttpAnswer {
    const have = this.blobs.get(sha) ?? new Uint8Array(0);
    const status = (bytes: Uint8Array, t: number | null) => ({
      sha256: sha,
      received: bytes.length,
      total: t,
      complete: t !== null && bytes.length === t && sha256Hex(bytes) === sha,
    });
    if (method === 'GET') return this.json(200, status(have, have.length ? (this.totals.get(sha) ?? null) : null));
    if (offset !== have.length) return this.error('blob_offset', have.length);
    if (this.blobPutLimit-- <= 0) throw new TypeError('fetch failed: connection reset');
    const next = new Uint8Array(have.length + piece.length);
    next.set(have);
    next.set(piece, have.length);
    if (next.length === total && sha256Hex(next) !== sha) {
      this.blobs.delete(sha);
      return this.error('blob_hash_mismatch');
    }
    this.blobs.set(sha, next);
    this.totals.set(sha, total);
    return this.json(200, status(next, total));
  }
  private totals = new Map<string, number>();

  private calendarsSince(since: number): HttpAnswer {
    const latest = Math.max(0, ...[...this.calendars, ...(this.policies ?? [])].map((c) => c.version));
    const policies = this.policies && { policies: this.policies.filter((p) => p.version > since) };
    return this.json(200, {
      serverTime: this.serverTime(),
      latest,
      calendars: this.calendars.filter((c) => c.version > since),
      ...policies,
    });
  }

  private batch(bytes: Uint8Array): HttpAnswer {
    if (bytes.length > this.maxBatchBytes) return this.error('too_large');
    const parsed = batchSchema.safeParse(JSON.parse(new TextDecoder().decode(bytes)));
    if (!parsed.success) return this.error('invalid_batch');
    const batch = parsed.data as Batch;
    if (batch.cases.some((c) => this.unstorable.has(c.caseId))) return this.error('invalid_batch');
    this.batches.push(batch);
    const results: CaseResult[] = batch.cases.map((c) => {
      const rejection = this.reject.get(c.caseId);
      if (rejection) return rejection;
      const missing = c.attachments.find((a) => !this.blobs.has(a.sha256) || sha256Hex(this.blobs.get(a.sha256)!) !== a.sha256);
      if (missing)
        return { caseId: c.caseId, version: c.version, status: 'rejected', reason: 'attachment_missing', detail: missing.sha256 };
      const held = this.held.get(c.caseId) ?? 0;
      if (held >= c.version) return { caseId: c.caseId, version: c.version, status: 'duplicate' };
      this.held.set(c.caseId, c.version);
      const key = `${c.caseId}@${c.version}`;
      this.applied.set(key, (this.applied.get(key) ?? 0) + 1);
      return { caseId: c.caseId, version: c.version, status: 'accepted' };
    });
    return this.json(200, { batchId: batch.batchId, serverTime: this.serverTime(), results });
  }
}

/** FakeHq's transport as the `fetch` an edition passes (the browser worker's, main's Node fetch). */
export function fetchOf(hq: FakeHq): FetchLike {
  return async (url, init) => {
    const answer = await hq.transport({
      method: init.method as 'GET',
      url,
      headers: init.headers,
      ...(init.body ? { body: init.body } : {}),
    });
    return { status: answer.status, arrayBuffer: async () => answer.body.slice().buffer };
  };
}
