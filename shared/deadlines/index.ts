export {
  WorkCalendar,
  LIBRARY_YEARS,
  libraryKnowsYear,
  chinaDate,
  chinaYear,
  chinaDayIndex,
  dayIndexOfDate,
  dateOfDayIndex,
  dayIndexStart,
  dayIndexEnd,
  HOUR_MS,
  DAY_MS,
  type CalendarOverride,
  type YearCoverage,
} from './calendar';
export {
  DEFAULT_DEADLINE_POLICIES,
  CLOCK_UNITS,
  assignmentClock,
  type ClockUnit,
  type ClockDuration,
  type ClockPolicy,
  type DeadlinePolicy,
} from './policies';
export {
  computeClocks,
  dueAfter,
  nextDueAt,
  type ClockStatus,
  type ClockEvent,
  type ClockState,
  type ComputeClocksOptions,
} from './clocks';
export {
  deadlinePolicySchema,
  clockPolicySchema,
  calendarOverrideSchema,
  calendarOverridesSchema,
  DEADLINE_ERRORS,
  MAX_CLOCK_AMOUNT,
} from './schema';
export { deadlineMessages, type DeadlineMessageKey } from './messages';
export { needsTheComplainant, policyForComplainant } from './customer';
