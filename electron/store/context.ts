import type { Branch } from '../../shared/api/contract';
import { DEFAULT_DEADLINE_POLICIES, WorkCalendar, type CalendarOverride, type DeadlinePolicy } from '../../shared/deadlines';
import type { DomainError } from '../../shared/workflow/errors';
import type { CountersignDb } from './db';
import { SearchIndex } from './searchIndex';

/** What every repository function works with: the database, the in-memory search index, the clock. */
export interface StoreContext {
  db: CountersignDb;
  index: SearchIndex;
  now: () => number;
  branch: Branch | null;
  policy: DeadlinePolicy;
  calendar: WorkCalendar;
}

/** Thrown inside a transaction to abort it; the host turns it into `{ok: false, error}`. */
export class StoreError extends Error {
  constructor(readonly error: DomainError & { issues?: { path: string; key: string }[] }) {
    super(error.message);
  }
}

export function fail(code: DomainError['code'], message: string, params?: DomainError['params']): never {
  throw new StoreError(params ? { code, message, params } : { code, message });
}

export const META_BRANCH = 'branch';
export const META_POLICY = 'deadlinePolicy';
export const META_CALENDAR = 'calendarOverrides';

export async function loadContext(db: CountersignDb, now: () => number): Promise<StoreContext> {
  const [branchRow, policyRow, calendarRow] = await db.meta.bulkGet([META_BRANCH, META_POLICY, META_CALENDAR]);
  const branch = (branchRow?.value as Branch | undefined) ?? null;
  const index = new SearchIndex();
  await db.cases.each((c) => index.upsert(c));
  return {
    db,
    index,
    now,
    branch,
    policy: (policyRow?.value as DeadlinePolicy | undefined) ?? DEFAULT_DEADLINE_POLICIES[branch?.profileId ?? 'general'],
    calendar: new WorkCalendar((calendarRow?.value as CalendarOverride[] | undefined) ?? []),
  };
}
