/** Deadline clocks of one case, computed from its event log. Pure: `now` and the calendar are inputs. */
import type { EventType } from '../domain/enums';
import { DAY_MS, HOUR_MS, type WorkCalendar } from './calendar';
import type { ClockDuration, ClockPolicy, DeadlinePolicy } from './policies';

export type ClockStatus = 'not_started' | 'running' | 'due_soon' | 'overdue' | 'met' | 'met_late' | 'stopped';

export interface ClockEvent {
  type: EventType;
  at: number;
}

export interface ClockState {
  id: string;
  labelKey: string;
  /** null while not started. */
  startAt: number | null;
  dueAt: number | null;
  /** Earliest moment a metBy event counts (e.g. the callback window opens). */
  notBeforeAt?: number;
  metAt?: number;
  status: ClockStatus;
}

export interface ComputeClocksOptions {
  /** The case is closed: clocks running at closing stop. */
  stopped?: boolean;
}

/** Events that close a case; clocks they start (the pawnshop summary) keep running after closing. */
const CLOSING_EVENTS: readonly EventType[] = ['closed', 'closed_at_counter', 'marked_invalid'];
const DUE_SOON_SHARE = 0.25;

function inLogOrder(events: readonly ClockEvent[]): readonly ClockEvent[] {
  for (let i = 1; i < events.length; i++) {
    // Stable sort keeps the log's order among events with the same timestamp.
    if (events[i]!.at < events[i - 1]!.at) return [...events].sort((a, b) => a.at - b.at);
  }
  return events;
}

function lastIndexOf(events: readonly ClockEvent[], types: readonly EventType[]): number {
  for (let i = events.length - 1; i >= 0; i--) {
    if (types.includes(events[i]!.type)) return i;
  }
  return -1;
}

function timeAfter(startAt: number, duration: ClockDuration, calendar: WorkCalendar, edge: 'opening' | 'deadline'): number {
  if (duration.unit === 'hours') return startAt + duration.amount * HOUR_MS;
  return edge === 'deadline'
    ? calendar.workingDaysDeadline(startAt, duration.amount)
    : calendar.workingDaysOpening(startAt, duration.amount);
}

/** When a clock of `duration` started at `startAt` falls due (working days end at 23:59:59.999 China time). */
export function dueAfter(startAt: number, duration: ClockDuration, calendar: WorkCalendar): number {
  return timeAfter(startAt, duration, calendar, 'deadline');
}

function isDueSoon(clock: ClockPolicy, dueAt: number, now: number): boolean {
  if (clock.unit === 'hours') return dueAt - now <= clock.amount * HOUR_MS * DUE_SOON_SHARE;
  // dueAt is the last millisecond of the due day.
  return now > dueAt - DAY_MS;
}

function computeClock(
  clock: ClockPolicy,
  events: readonly ClockEvent[],
  now: number,
  calendar: WorkCalendar,
  stopIndex: number | null,
): ClockState {
  const { id, labelKey } = clock;
  const startIndex = lastIndexOf(events, clock.startOn);
  if (startIndex < 0) return { id, labelKey, startAt: null, dueAt: null, status: 'not_started' };

  const startAt = events[startIndex]!.at;
  const dueAt = dueAfter(startAt, clock, calendar);
  const notBeforeAt = clock.notBefore ? timeAfter(startAt, clock.notBefore, calendar, 'opening') : undefined;
  const state: ClockState = { id, labelKey, startAt, dueAt, status: 'running' };
  if (notBeforeAt !== undefined) state.notBeforeAt = notBeforeAt;

  for (let i = startIndex + 1; i < events.length; i++) {
    const event = events[i]!;
    // A metBy event inside the waiting window (a callback on the day of handling) does not count.
    if (clock.metBy.includes(event.type) && (notBeforeAt === undefined || event.at >= notBeforeAt)) {
      state.metAt = event.at;
      state.status = event.at <= dueAt ? 'met' : 'met_late';
      return state;
    }
  }

  if (stopIndex !== null && startIndex < stopIndex) state.status = 'stopped';
  else if (now > dueAt) state.status = 'overdue';
  else if (isDueSoon(clock, dueAt, now)) state.status = 'due_soon';
  return state;
}

/**
 * One state per clock of the policy, in policy order. A clock starts at the latest startOn event
 * (so 'reopened' restarts it) and is met by the first metBy event logged after that start.
 */
export function computeClocks(
  policy: DeadlinePolicy,
  events: readonly ClockEvent[],
  now: number,
  calendar: WorkCalendar,
  opts: ComputeClocksOptions = {},
): ClockState[] {
  const ordered = inLogOrder(events);
  const stopIndex = closingIndex(ordered, opts);
  return policy.clocks.map((clock) => computeClock(clock, ordered, now, calendar, stopIndex));
}

/** Log position at which a stopped case closed; without a closing event, every started clock stops. */
function closingIndex(events: readonly ClockEvent[], opts: ComputeClocksOptions): number | null {
  if (!opts.stopped) return null;
  const index = lastIndexOf(events, CLOSING_EVENTS);
  return index >= 0 ? index : events.length;
}

const UNMET_STATUSES: readonly ClockStatus[] = ['running', 'due_soon', 'overdue'];

/** The earliest deadline among clocks still to be met, for sorting queues; null when none. */
export function nextDueAt(clocks: readonly ClockState[]): number | null {
  let earliest: number | null = null;
  for (const clock of clocks) {
    if (clock.dueAt !== null && UNMET_STATUSES.includes(clock.status) && (earliest === null || clock.dueAt < earliest)) {
      earliest = clock.dueAt;
    }
  }
  return earliest;
}
