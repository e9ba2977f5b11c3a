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
  yearOfDate,
  type CalendarOverride,
  type YearCalendar,
  type YearCoverage,
} from './calendar';
export {
  publishedCalendarSchema,
  yearCalendarSchema,
  calendarFileSchema,
  calendarFile,
  mergePublishedCalendars,
  CALENDAR_ERRORS,
  MAX_CALENDAR_FILE_BYTES,
  type PublishedCalendar,
  type CalendarFile,
} from './published';
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
export {
  publishedPolicySchema,
  publishedPoliciesSchema,
  mergePublishedPolicies,
  policyInForce,
  type PublishedPolicy,
  type PolicySource,
  type PolicyInForce,
} from './publishedPolicies';
