/**
 * Calendar arithmetic for statutory deadlines: working days and periods. Dates are plain ISO
 * `YYYY-MM-DD` strings (iso-dates.ts). Public holidays come from `date-holidays`, which is asked
 * for whole years and whose dates are read as the local calendar day they name.
 */
import Holidays from 'date-holidays';
import { addCalendarDays, addMonths, compareDates, mustParse, weekdayIndex, WEEKDAYS, WEEKDAYS_DA } from './iso-dates';

export {
  addCalendarDays, addMonths, compareDates, daysInMonth, describeDate, describeDateDa, parseIsoDate, weekdayIndex,
} from './iso-dates';

export type PeriodUnit = 'working_days' | 'calendar_days' | 'weeks' | 'months' | 'years';
export interface Period {
  amount: number;
  unit: PeriodUnit;
}

/** A closed day on top of the library's data, in date-holidays rule grammar ("12-24", "easter 40"). */
export interface ClosedDay {
  rule: string;
  name: string;
  /** Its Danish name, where the rules file gives one (the English one stands in otherwise). */
  nameDa?: string;
}

/**
 * A correction of the library's data for one day: `remove` makes a day the library lists as a
 * holiday a working day again (a holiday moved by proclamation), `add` closes a one-off day.
 */
export interface HolidayCorrection {
  date: string;
  action: 'add' | 'remove';
  name: string;
}

export interface CalendarSpec {
  /** date-holidays country code; omitted when the calendar is built only from `extraClosed`. */
  country?: string;
  /** date-holidays state codes; the calendar is the union of them (UK FOIA: any part of the UK). */
  regions?: string[];
  /** holiday types that close offices; in practice only `public`. */
  types: Array<'public' | 'bank' | 'optional' | 'school' | 'observance'>;
  extraClosed: ClosedDay[];
  /** one-off corrections of the library's data, applied after it (see HolidayCorrection). */
  corrections?: HolidayCorrection[];
  /** years whose closed days an authority fixed in a published list (see FixedYear), by year. */
  fixedYears?: Record<string, FixedYear>;
}

/**
 * A year's closed weekdays as an authority published them (the EU institutions fix theirs every
 * year). The list replaces the rules for that year; when only part of it could be read, the rules
 * still decide the days after `readThrough`.
 */
export interface FixedYear {
  /** `YYYY-MM-DD` → name, weekdays only (weekends are closed anyway). */
  closed: Record<string, string>;
  readThrough?: string;
}

export interface WorkingCalendar {
  isWorkingDay(date: string): boolean;
  /** why the day is not a working day ("Saturday", "Juledag"), or undefined on a working day. */
  /** Why a day is closed (a weekday's or holiday's name, in English or Danish), undefined on a working day. */
  closedReason(date: string, lang?: 'en' | 'da'): string | undefined;
  /** the date itself when it is a working day, otherwise the next one. */
  nextWorkingDay(date: string): string;
  addWorkingDays(date: string, n: number): string;
}

/** Builds a calendar once per spec; holiday sets are computed per year on first use. */
export function createCalendar(spec: CalendarSpec): WorkingCalendar {
  const sources = buildHolidaySources(spec);
  const years = new Map<string, Map<string, string>>();

  /** The closed days of a year, by date, named in `lang` (where the library or the rules file has the name in it). */
  const holidaysOf = (year: number, lang: 'en' | 'da'): Map<string, string> => {
    let closed = years.get(`${lang}${year}`);
    if (!closed) {
      closed = new Map();
      for (const source of sources) {
        for (const h of source.getHolidays(year, lang)) {
          // `date` reads "YYYY-MM-DD hh:mm:ss"; the first ten characters are the calendar day itself.
          if (spec.types.includes(h.type) && !closed.has(h.date.slice(0, 10))) closed.set(h.date.slice(0, 10), h.name);
        }
      }
      const fixed = spec.fixedYears?.[String(year)];
      if (fixed) closed = fromFixedYear(fixed, closed);
      for (const c of spec.corrections ?? []) {
        if (!c.date.startsWith(`${year}-`)) continue;
        if (c.action === 'remove') closed.delete(c.date);
        else closed.set(c.date, c.name);
      }
      years.set(`${lang}${year}`, closed);
    }
    return closed;
  };

  const closedReason = (date: string, lang: 'en' | 'da' = 'en'): string | undefined => {
    const wd = weekdayIndex(date);
    if (wd >= 5) return (lang === 'da' ? WEEKDAYS_DA : WEEKDAYS)[wd];
    return holidaysOf(mustParse(date).y, lang).get(date);
  };
  const isWorkingDay = (date: string): boolean => closedReason(date) === undefined;
  const nextWorkingDay = (date: string): string => {
    let day = date;
    while (!isWorkingDay(day)) day = addCalendarDays(day, 1);
    return day;
  };

  return {
    isWorkingDay,
    closedReason,
    nextWorkingDay,
    addWorkingDays(date, n) {
      if (!Number.isInteger(n) || n < 0) throw new RangeError(`working days must be a whole number >= 0: ${n}`);
      let day = date;
      for (let left = n; left > 0; ) {
        day = addCalendarDays(day, 1);
        if (isWorkingDay(day)) left -= 1;
      }
      return day;
    },
  };
}

/** The published list, and after `readThrough` the days the rules give. */
function fromFixedYear(fixed: FixedYear, byRules: Map<string, string>): Map<string, string> {
  const closed = new Map(Object.entries(fixed.closed));
  if (fixed.readThrough) {
    const last = fixed.readThrough;
    for (const [date, name] of byRules) if (compareDates(date, last) > 0 && !closed.has(date)) closed.set(date, name);
  }
  return closed;
}

function buildHolidaySources(spec: CalendarSpec): Holidays[] {
  const opts = { types: spec.types, languages: ['en'] };
  const regions = spec.regions?.length ? spec.regions : [undefined];
  const sources = spec.country
    ? regions.map((r) => (r ? new Holidays(spec.country as string, r, opts) : new Holidays(spec.country as string, opts)))
    : [new Holidays(opts)];
  // Extra closed days are set as `public` on every source, replacing the library's own rule of the
  // same name (e.g. DK 24 December, which it lists only as an observance).
  for (const source of sources) {
    for (const extra of spec.extraClosed) {
      if (!source.setHoliday(extra.rule, { name: { en: extra.name, da: extra.nameDa ?? extra.name }, type: 'public' })) {
        throw new Error(`date-holidays does not understand the closed-day rule "${extra.rule}"`);
      }
    }
  }
  return sources;
}

/**
 * Adds a period to day 0. Working days are counted from the day after `start`; calendar periods end
 * on the same day number / weekday and, when `rollForward` is set, move off a weekend or holiday.
 */
export function addPeriod(calendar: WorkingCalendar, start: string, period: Period, rollForward: boolean): string {
  const { amount, unit } = period;
  if (amount === 0) return start;
  if (unit === 'working_days') return calendar.addWorkingDays(start, amount);
  const end =
    unit === 'calendar_days' ? addCalendarDays(start, amount)
    : unit === 'weeks' ? addCalendarDays(start, amount * 7)
    : unit === 'months' ? addMonths(start, amount)
    : addMonths(start, amount * 12);
  return rollForward ? calendar.nextWorkingDay(end) : end;
}
