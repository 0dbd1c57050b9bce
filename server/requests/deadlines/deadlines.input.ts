/** The dates entered into the deadline calculator, checked one at a time. */
import { AppError } from '../../lib/errors';
import { daysInMonth } from './calendar';

/** Validates one input date with a message that names the field and says what is wrong. */
export function checkDate(value: unknown, what: string): string {
  if (typeof value !== 'string' || value.trim() === '') throw AppError.invalid(`Please give ${what}.`);
  const s = value.trim();
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!match) throw AppError.invalid(`${capitalise(what)} must be written as YYYY-MM-DD, for example 2018-06-28; got "${s}".`);
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (m < 1 || m > 12) throw AppError.invalid(`${capitalise(what)}, ${s}, has no month ${m}.`);
  if (d < 1 || d > daysInMonth(y, m)) {
    throw AppError.invalid(`${capitalise(what)}, ${s}, does not exist: that month has ${daysInMonth(y, m)} days.`);
  }
  // The holiday data and the laws modelled here make no sense far outside the present.
  if (y < 1900 || y > 2199) throw AppError.invalid(`${capitalise(what)}, ${s}, must be between the years 1900 and 2199.`);
  return s;
}

export const capitalise = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
