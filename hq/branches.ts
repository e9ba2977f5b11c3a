import type { Db } from './db/types';

export interface BranchSummary {
  code: string;
  name: string;
  lastContactAt: number | null;
  /** Cases head office holds from the branch. */
  received: number;
  /** Cases the branch said (in its last batch) were waiting to be sent. */
  waiting: number | null;
  appVersion: string | null;
}

/** Every enrolled branch with what head office knows of it, by code. */
export async function listBranches(db: Db): Promise<BranchSummary[]> {
  const { rows } = await db.query<{
    code: string;
    name: string;
    last_contact_at: string | number | null;
    received: number;
    waiting: number | null;
    app_version: string | null;
  }>(
    `SELECT b.code, b.name, b.last_contact_at, b.waiting, b.app_version,
       (SELECT count(*)::int FROM cases c WHERE c.branch_code = b.code) AS received
     FROM branches b ORDER BY b.code`,
  );
  return rows.map((r) => ({
    code: r.code,
    name: r.name,
    lastContactAt: r.last_contact_at === null ? null : Number(r.last_contact_at),
    received: Number(r.received),
    waiting: r.waiting === null ? null : Number(r.waiting),
    appVersion: r.app_version,
  }));
}

/** Silent: never in contact, or not for more than `silentHours`. */
export function isSilent(b: Pick<BranchSummary, 'lastContactAt'>, silentHours: number, now: number): boolean {
  return b.lastContactAt === null || now - b.lastContactAt > silentHours * 3_600_000;
}
