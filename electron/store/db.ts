import Dexie, { type EntityTable, type Transaction } from 'dexie';
import type { CaseRecord } from '../../shared/domain/case';
import type { Escalation, EscalationReason } from '../../shared/domain/escalation';
import type { CaseEvent } from '../../shared/ledger/eventHash';
import { formatHeads, type LedgerBlock } from '../../shared/ledger/blocks';
import type { Draft, OutboxRow, PrintRecord } from '../../shared/api/contract';
import { sha256Hex } from '../../shared/sync/protocol';
import type { AccessGrant, AccessLogEntry, AccessRequest } from '../../shared/api/contract';
import type { Locale } from '../../shared/i18n/translate';
import type { MonthReportData } from '../../shared/reports/data';

export interface SequenceRow {
  /** `<BRANCH>-<YYYYMMDD>` */
  key: string;
  last: number;
}

/**
 * The unacknowledged list's fast index: one row per notification of the supervisor role, at most
 * one unacknowledged per case (a renewed notification updates it). The record is the case's log
 * (`supervisor_notified`, `escalation_acknowledged`).
 */
export interface NotificationRow {
  id?: number;
  caseId: string;
  caseNo: string;
  role: 'supervisor';
  reason: EscalationReason;
  at: number;
  acknowledged: 0 | 1;
  acknowledgedAt: number | null;
  acknowledgedBy: string | null;
}

/** A staff member's PIN or password, as PBKDF2-SHA256 of it (electron/store/auth/secrets.ts). */
export interface CredentialRow {
  staffId: string;
  salt: Uint8Array;
  hash: Uint8Array;
  iterations: number;
  /** Wrong secrets typed in a row; the account locks at MAX_FAILURES. */
  failures: number;
  lockedUntil: number | null;
  updatedAt: number;
}

/** A signed-in session: the SHA-256 of its token (the token itself is never stored). */
export interface SessionRow {
  tokenHash: string;
  staffId: string;
  createdAt: number;
  expiresAt: number;
}

export interface AttachmentRow {
  id: string;
  caseId: string;
  name: string;
  type: string;
  bytes: Uint8Array;
  addedAt: number;
  /** Hex SHA-256 of the bytes: head office stores attachments by it (shared/sync/protocol.ts). */
  sha256: string;
}

/** A printing of a document, with the PDF copy when the edition made one. */
export type PrintRow = PrintRecord & { pdf: Uint8Array | null };

export interface MetaRow {
  key: string;
  value: unknown;
}

/** An unsealed event: `g` is its place in the branch-wide log, the order in which events are sealed. */
export type EventRow = CaseEvent & { g: number };

/** Which sealed blocks hold a case's events, and its last sealed event (the next one links to it). */
export interface CaseBlockRow {
  caseId: string;
  blocks: number[];
  lastSeq: number;
  lastHash: string;
}

export interface SealRow {
  /** Last global position sealed. */
  lastG: number;
  blocks: number;
  lastHash: string;
}

/**
 * `meta` key: each case's last sealed seq as it stood when the database was upgraded to v10
 * (`<caseId>\t<seq>` lines, from caseBlocks). Blocks sealed before v10 carry no heads of their own;
 * verifying starts from these and lets the heads of every later block override them.
 */
export const META_HEADS_BEFORE_V10 = 'ledgerHeadsBeforeV10';

export type StoredOutboxRow = Omit<OutboxRow, 'deliveredAt'> & { deliveredAt: number | null; delivered: 0 | 1 };

/** A monthly report as the branch keeps it (electron/store/monthReport.ts): its data, spreadsheet and PDF when printed by main. */
export interface ReportRow {
  id: string;
  month: string;
  version: number;
  language: Locale;
  createdAt: number;
  createdBy: string;
  data: MonthReportData;
  xlsx: Uint8Array;
  pdf: Uint8Array | null;
  /** 0 until head office acknowledged it (the sync sends those). */
  delivered: 0 | 1;
  deliveredAt: number | null;
}

export type CountersignDb = Dexie & {
  cases: EntityTable<CaseRecord, 'id'>;
  events: Dexie.Table<EventRow, [string, number]>;
  ledgerBlocks: EntityTable<LedgerBlock, 'n'>;
  caseBlocks: EntityTable<CaseBlockRow, 'caseId'>;
  drafts: EntityTable<Draft, 'draftId'>;
  sequences: EntityTable<SequenceRow, 'key'>;
  outbox: EntityTable<StoredOutboxRow, 'seq'>;
  notifications: EntityTable<NotificationRow, 'id'>;
  attachments: EntityTable<AttachmentRow, 'id'>;
  meta: EntityTable<MetaRow, 'key'>;
  prints: EntityTable<PrintRow, 'id'>;
  credentials: EntityTable<CredentialRow, 'staffId'>;
  sessions: EntityTable<SessionRow, 'tokenHash'>;
  accessRequests: EntityTable<AccessRequest, 'id'>;
  accessGrants: EntityTable<AccessGrant, 'id'>;
  accessLog: EntityTable<AccessLogEntry, 'id'>;
  reports: EntityTable<ReportRow, 'id'>;
};

/**
 * Schema versions, oldest first. Never edit a released version: add the next one with its
 * upgrade, and a test that opens a database of the previous version with data in it.
 */
export const SCHEMA_VERSIONS: { version: number; stores: Record<string, string>; upgrade?: (tx: Transaction) => Promise<void> }[] = [
  {
    version: 1,
    stores: {
      cases:
        'id, &caseNo, [state+nextDueAt], [assigneeId+nextDueAt], [category+nextDueAt], [severity+nextDueAt], nextDueAt, receivedAt, businessRef',
      events: '[caseId+seq]',
      drafts: 'draftId, staffId',
      sequences: 'key',
      outbox: '++seq, [delivered+seq], caseId',
      notifications: '++id, [role+read], caseId',
      attachments: 'id, caseId',
      meta: 'key',
    },
  },
  {
    // v2: "my cases" by who registered them, and related cases (links) default to none.
    version: 2,
    stores: {
      cases:
        'id, &caseNo, [state+nextDueAt], [assigneeId+nextDueAt], [category+nextDueAt], [severity+nextDueAt], nextDueAt, receivedAt, businessRef, [receivedBy+receivedAt]',
    },
    upgrade: async (tx) => {
      await tx
        .table<CaseRecord>('cases')
        .toCollection()
        .modify((c: CaseRecord) => {
          c.relatedCaseIds ??= [];
        });
    },
  },
  {
    // v3: events get a branch-wide position and are sealed into hash-chained blocks.
    version: 3,
    stores: { events: '[caseId+seq], g', ledgerBlocks: 'n', caseBlocks: 'caseId' },
    upgrade: async (tx) => {
      const events = tx.table<EventRow>('events');
      const all = await events.toArray();
      all.sort((a, b) => a.at - b.at || (a.caseId < b.caseId ? -1 : a.caseId > b.caseId ? 1 : a.seq - b.seq));
      all.forEach((e, i) => (e.g = i + 1));
      await events.bulkPut(all);
    },
  },
  {
    // v4: the print log, with the PDF copies of printed documents.
    version: 4,
    stores: { prints: 'id, [caseId+at]' },
  },
  {
    // v5: notifications are acknowledged (by whom, when); cases carry their escalation and emergency
    // steps; complainants have an e-mail address, an identity document type and may be anonymous
    // (reports only). Cases stored before hold none of them.
    version: 5,
    stores: { notifications: '++id, [role+acknowledged], caseId' },
    upgrade: async (tx) => {
      const notifications = tx.table<NotificationRow & { read?: 0 | 1 }, number>('notifications');
      // Nobody could acknowledge before v5: every earlier notification is still open.
      const latest = new Map<string, NotificationRow>();
      await notifications.toCollection().modify((n) => {
        delete n.read;
        n.acknowledged = 0;
        n.acknowledgedAt = null;
        n.acknowledgedBy = null;
        const seen = latest.get(n.caseId);
        if (!seen || seen.at <= n.at) latest.set(n.caseId, { ...n });
      });
      await tx
        .table<CaseRecord>('cases')
        .toCollection()
        .modify((c: CaseRecord) => {
          c.complainant.email ??= '';
          c.complainant.idType ??= 'resident_id';
          c.complainant.anonymous ??= false;
          c.emergencySteps ??= [];
          if (c.escalation !== undefined) return;
          const n = latest.get(c.id);
          const escalation: Escalation | null = n
            ? { reason: n.reason, role: 'supervisor', notifiedAt: n.at, acknowledgedAt: null, acknowledgedBy: null }
            : null;
          c.escalation = escalation;
        });
    },
  },
  {
    // v6: attachments carry the SHA-256 of their bytes (head office stores them by it).
    version: 6,
    stores: { attachments: 'id, caseId' },
    upgrade: async (tx) => {
      await tx
        .table<AttachmentRow>('attachments')
        .toCollection()
        .modify((a: AttachmentRow) => {
          a.sha256 ??= sha256Hex(a.bytes);
        });
    },
  },
  {
    // v7: sign-in. Credentials (a PBKDF2 hash per staff member) and sessions (by the hash of their token).
    version: 7,
    stores: { credentials: 'staffId', sessions: 'tokenHash, staffId' },
  },
  {
    // v8: the restricted archive (electron/store/archive.ts): requests to read an archived case,
    // the supervisors' time-limited grants, and the log of every read of an archived case.
    version: 8,
    stores: {
      accessRequests: 'id, status, caseId, staffId',
      accessGrants: 'id, [staffId+caseId], caseId',
      accessLog: '++id, at, [caseId+at]',
    },
  },
  {
    // v9: the monthly reports for the operations department (R7.4), every version of each month.
    version: 9,
    stores: { reports: 'id, [month+version], [delivered+createdAt]' },
  },
  {
    // v10: blocks sealed from now on carry their cases' heads (shared/ledger/blocks.ts), so verifying
    // the whole log reads no row per case; for the blocks sealed before, the heads are kept once.
    version: 10,
    stores: {},
    upgrade: async (tx) => {
      const placed = await tx.table<CaseBlockRow, string>('caseBlocks').toArray();
      if (placed.length === 0) return;
      const heads = formatHeads(placed.map((p) => [p.caseId, p.lastSeq]));
      await tx.table<MetaRow, string>('meta').put({ key: META_HEADS_BEFORE_V10, value: heads });
    },
  },
];

export const LATEST_SCHEMA_VERSION = SCHEMA_VERSIONS[SCHEMA_VERSIONS.length - 1]!.version;

export function openDb(name: string, upToVersion = LATEST_SCHEMA_VERSION): CountersignDb {
  // Chromium's default durability is relaxed: a power cut could lose an acknowledged complaint.
  const db = new Dexie(name, { chromeTransactionDurability: 'strict' }) as CountersignDb;
  for (const v of SCHEMA_VERSIONS) {
    if (v.version > upToVersion) break;
    const declared = db.version(v.version).stores(v.stores);
    if (v.upgrade) declared.upgrade(v.upgrade);
  }
  return db;
}
