/**
 * FOI deadline engine: statutory and guidance deadlines for access-to-documents requests, computed
 * from the rules files in `rules/` (one per jurisdiction) and a working-day calendar.
 */
export { computeDeadlines, calendarFor } from './deadlines.service';
export type { Awaits, ClockStop, Deadline, DeadlineGroup, DeadlineInput, DeadlineReport, ExtensionState } from './deadlines.types';
export { listJurisdictions, getRules, DEFAULT_JURISDICTION } from './rules';
export type { JurisdictionRules, JurisdictionSummary, DeadlineRule, DeadlineEvent, ExemptionBasis } from './rules';
export { addCalendarDays, addMonths, describeDate, parseIsoDate } from './calendar';
export type { WorkingCalendar, Period, PeriodUnit } from './calendar';
