import { AppError } from './errors';

/** How much of a date is known: a letter dated only "June 2018" has month precision. */
export type DatePrecision = 'day' | 'month' | 'year';

/**
 * A date as journalists know it: a day ("2018-09-28"), a month ("2018-09") or only a year ("2018").
 * Impossible dates (2018-02-30) are refused rather than rolled over.
 */
export function parsePartialDate(input: string, field = 'date'): { value: string; precision: DatePrecision } {
  const s = input.trim();
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(s);
  if (!m) throw AppError.invalid(`${field} must look like 2018-09-28, 2018-09 or 2018 (got "${s.slice(0, 40)}").`, { field });
  const [, y, mo, d] = m;
  if (mo && (Number(mo) < 1 || Number(mo) > 12)) throw AppError.invalid(`${field}: there is no month ${mo}.`, { field });
  if (d && !isRealDay(Number(y), Number(mo), Number(d))) throw AppError.invalid(`${field}: ${s} is not a real date.`, { field });
  return { value: s, precision: d ? 'day' : mo ? 'month' : 'year' };
}

export function isRealDay(y: number, m: number, d: number): boolean {
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}
