import { AppError } from '../server/lib/errors';

/**
 * Dates as numbers YYYYMMDD (2024-03-07 → 20240307), the one form both engines filter and sort
 * on: Meilisearch compares numbers with <, >= and TO but not date strings, and YYYYMMDD orders like
 * the date. A partial date is widened to its first (`from`) or last (`to`) day, so "2024" as an
 * upper bound includes 31 December; a record's own partial date counts from its first day.
 */
const DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

export function dateNum(value: string, bound: 'from' | 'to'): number {
  const m = typeof value === 'string' ? DATE.exec(value.trim()) : null;
  if (!m) throw AppError.invalid(`Not a date: ${String(value)}. Use YYYY-MM-DD.`);
  const year = Number(m[1]);
  const month = m[2] === undefined ? (bound === 'from' ? 1 : 12) : Number(m[2]);
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const day = m[3] === undefined ? (bound === 'from' ? 1 : lastDay) : Number(m[3]);
  if (month < 1 || month > 12 || day < 1 || day > lastDay) throw AppError.invalid(`Not a date: ${value}.`);
  return year * 10_000 + month * 100 + day;
}

/** Whether `value` is a day, month or year that exists ("2018-13-45" is not). */
export function isDate(value: string): boolean {
  try {
    dateNum(value, 'from');
    return true;
  } catch {
    return false;
  }
}

/**
 * The date a document is filtered and sorted by: its own date, else the day it was uploaded. A
 * malformed stored date falls back to the upload day rather than failing the whole index.
 */
export function recordDateNum(documentDate: string | null, createdAt: string): number {
  for (const candidate of [documentDate, createdAt.slice(0, 10)]) {
    if (!candidate) continue;
    try {
      return dateNum(candidate.slice(0, 10), 'from');
    } catch {
      // try the next one
    }
  }
  return 0;
}
