import { AppError } from '../../lib/errors';
import type { Clock } from '../../lib/clock';
import { addCalendarDays, parseIsoDate } from '../deadlines';
import { weekdayIndex } from '../deadlines/calendar';

/**
 * Days as journalists and the law count them: calendar days (YYYY-MM-DD) in the newsroom's time
 * zone. "Today" is read from the injected clock, so tests can fix it.
 */
export const NEWSROOM_TIME_ZONE = 'Europe/Copenhagen';

/** One formatter per time zone (building one costs about 0.1 ms; request lists ask for today often). */
const dayFormats = new Map<string, Intl.DateTimeFormat>();

export function todayOf(clock: Clock, timeZone = NEWSROOM_TIME_ZONE): string {
  let format = dayFormats.get(timeZone);
  if (!format) {
    // en-CA formats as YYYY-MM-DD.
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dayFormats.set(timeZone, format);
  }
  return format.format(clock.now());
}

/** The Sunday that ends the ISO week of `date` (weeks run Monday–Sunday in Denmark). */
export function endOfWeek(date: string): string {
  return addCalendarDays(date, 6 - weekdayIndex(date));
}

/** A day a person typed, checked strictly: 2018-02-30 and 18-6-28 are refused with a clear message. */
export function checkDay(value: string, field: string): string {
  const s = value.trim();
  const p = parseIsoDate(s);
  if (!p) throw AppError.invalid(`${field} must be a real day written as YYYY-MM-DD, for example 2018-06-28 (got "${s.slice(0, 40)}").`);
  if (p.y < 1900 || p.y > 2199) throw AppError.invalid(`${field} must be between the years 1900 and 2199 (got "${s}").`);
  return s;
}

/** Whole calendar days from a to b (negative when b is earlier). */
export function daysBetween(a: string, b: string): number {
  const ms = Date.UTC(+b.slice(0, 4), +b.slice(5, 7) - 1, +b.slice(8, 10)) - Date.UTC(+a.slice(0, 4), +a.slice(5, 7) - 1, +a.slice(8, 10));
  return Math.round(ms / 86_400_000);
}

const MONTHS_DA = ['januar', 'februar', 'marts', 'april', 'maj', 'juni', 'juli', 'august', 'september', 'oktober', 'november', 'december'];
const MONTHS_EN = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "9. juli 2018" / "9 July 2018", for letters. */
export function longDate(date: string, lang: 'da' | 'en'): string {
  const p = parseIsoDate(date);
  if (!p) return date;
  return lang === 'da' ? `${p.d}. ${MONTHS_DA[p.m - 1]} ${p.y}` : `${p.d} ${MONTHS_EN[p.m - 1]} ${p.y}`;
}
