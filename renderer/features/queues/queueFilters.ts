import { endOfChinaDate, startOfChinaDate } from '../../../shared/deadlines/calendar';
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

/** The store query for the chosen queue and filters (without paging). */
export function queryOf(f: QueueFilters): QueueQuery {
  const q: QueueQuery = {};
  // The store knows whose "mine" it is (the request's actor; a supervisor's holds the escalated cases too).
  // A chosen assignee or state replaces the queue's own choice.
  if (f.preset === 'mine' && !f.assignee) q.queue = 'mine';
  if (f.preset === 'unassigned' && !f.state) q.queue = 'unassigned';
  if (f.preset === 'overdue') q.overdue = true;
  if (f.preset === 'awaiting_callback') q.states = ['awaiting_callback'];
  if (f.state) q.states = [f.state];
  if (f.category) q.category = f.category;
  if (f.severity) q.severity = f.severity;
  if (f.assignee) q.assigneeId = f.assignee === NO_ASSIGNEE ? '' : f.assignee;
  if (f.businessRef.trim()) q.businessRef = f.businessRef.trim();
  // Date inputs hold '' or a real date; the days are China time, like every deadline.
  if (f.from) q.receivedFrom = startOfChinaDate(f.from);
  if (f.to) q.receivedTo = endOfChinaDate(f.to);
  return q;
}
