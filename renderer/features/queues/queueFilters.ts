import type { QueueQuery } from '../../../shared/api/contract';
import type { CaseState, Severity } from '../../../shared/domain/enums';

export const PRESETS = ['mine', 'unassigned', 'overdue', 'awaiting_callback', 'all'] as const;
export type Preset = (typeof PRESETS)[number];

export interface QueueFilters {
  preset: Preset;
  state: CaseState | '';
  category: string;
  severity: Severity | '';
  /** '' any, NO_ASSIGNEE nobody yet, else a staff id. */
  assignee: string;
  businessRef: string;
  from: string;
  to: string;
}

export const NO_ASSIGNEE = '-';

export const NO_FILTERS: QueueFilters = {
  preset: 'all',
  state: '',
  category: '',
  severity: '',
  assignee: '',
  businessRef: '',
  from: '',
  to: '',
};

/** China-time midnight of a `YYYY-MM-DD` date (deadlines and days are China time). */
function chinaDayStart(date: string): number {
  return new Date(`${date}T00:00:00+08:00`).getTime();
}

/** The store query for the chosen queue and filters (without paging). */
export function queryOf(f: QueueFilters, staffId: string): QueueQuery {
  const q: QueueQuery = {};
  if (f.preset === 'mine') q.assigneeId = staffId;
  if (f.preset === 'unassigned') q.states = ['registered'];
  if (f.preset === 'overdue') q.overdue = true;
  if (f.preset === 'awaiting_callback') q.states = ['awaiting_callback'];
  if (f.state) q.states = [f.state];
  if (f.category) q.category = f.category;
  if (f.severity) q.severity = f.severity;
  if (f.assignee) q.assigneeId = f.assignee === NO_ASSIGNEE ? '' : f.assignee;
  if (f.businessRef.trim()) q.businessRef = f.businessRef.trim();
  if (f.from) q.receivedFrom = chinaDayStart(f.from);
  if (f.to) q.receivedTo = chinaDayStart(f.to) + 86_400_000 - 1;
  return q;
}
