/** The case's deadline clocks as printed lines: the step, the time allowed, and by when (China time). */
import type { ClockState } from '../deadlines';
import type { FormContext } from './context';

export interface DeadlineLine {
  step: string;
  /** "3 个工作日（登记后）": the policy's allowance, counted from the event that starts the clock. */
  allowed: string;
  /** The due date, "done", or when it will start. */
  due: string;
  overdue: boolean;
}

const OPEN_STATUSES: readonly ClockState['status'][] = ['running', 'due_soon', 'overdue'];

function dueText(ctx: FormContext, clock: ClockState, unit: 'hours' | 'workingDays'): string {
  if (clock.status === 'met' || clock.status === 'met_late') {
    return ctx.fill('forms.deadline.done', { time: ctx.dateTime(clock.metAt ?? clock.dueAt ?? 0) });
  }
  if (clock.status === 'not_started') return ctx.t('forms.deadline.notStarted');
  if (clock.status === 'stopped' || clock.dueAt === null) return ctx.t(`deadline.status.${clock.status}`);
  // A working-day deadline is the end of its day: the date says it; an hour deadline needs the time.
  const at = unit === 'workingDays' ? ctx.date(clock.dueAt) : ctx.dateTime(clock.dueAt);
  const due = ctx.fill('forms.deadline.dueBy', { time: at });
  return clock.status === 'overdue' ? ctx.aside(due, ctx.t('deadline.status.overdue')) : due;
}

/** One line per clock of the case, in policy order; `openOnly` keeps the steps still ahead. */
export function deadlineLines(ctx: FormContext, opts: { openOnly?: boolean } = {}): DeadlineLine[] {
  const lines: DeadlineLine[] = [];
  for (const clock of ctx.input.detail.clocks) {
    if (opts.openOnly && !OPEN_STATUSES.includes(clock.status) && clock.status !== 'not_started') continue;
    const policyClock = ctx.policy.clocks.find((c) => c.id === clock.id);
    const unit = policyClock?.unit ?? 'workingDays';
    const amount = policyClock ? ctx.t(`deadline.amount.${policyClock.unit}`, { count: policyClock.amount }) : '';
    const startEvent = policyClock?.startOn[0];
    const allowed = amount && startEvent ? ctx.t('forms.deadline.allowed', { amount, event: `event.${startEvent}` }) : amount;
    lines.push({ step: ctx.t(clock.labelKey), allowed, due: dueText(ctx, clock, unit), overdue: clock.status === 'overdue' });
  }
  return lines;
}
