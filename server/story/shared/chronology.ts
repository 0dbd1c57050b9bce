import type { DatePrecision } from '../../documents/documents.types';

/**
 * THE ordering rule for dates of different precision (timeline, event lists, party pages):
 *
 *   1. Compare the start of each date's period: a year sorts at 1 January, a month at its 1st.
 *   2. On the same start, the coarser date comes first: year, then month, then day. So "2018"
 *      opens the year, "June 2018" opens June, and "1 June 2018" follows "June 2018".
 *   3. Then events before documents (a document dated the day of an event follows the event),
 *      then the earlier end date, then title, then id (a stable order).
 *   Undated items come last.
 *
 * Why the start: a month-precision event ("KMD goes live, autumn 2018" entered as 2018-09) says
 * "sometime in September"; placing it at the month's start, ahead of that month's dated letters,
 * reads as "this is what September was about", which is how a chronology is written.
 */
export interface Dated {
  date: string | null;
  precision: DatePrecision | null;
  kind: 'event' | 'document';
  endDate?: string | null;
  title: string;
  id: string;
}

const PRECISION_RANK: Record<DatePrecision, number> = { year: 0, month: 1, day: 2 };

/** The first day of the period a partial date names ("2018" → "2018-01-01"). */
export function periodStart(date: string): string {
  const [y, m = '01', d = '01'] = date.split('-');
  return `${y}-${m}-${d}`;
}

export function precisionOf(date: string): DatePrecision {
  const parts = date.split('-').length;
  return parts === 1 ? 'year' : parts === 2 ? 'month' : 'day';
}

export function compareDated(a: Dated, b: Dated): number {
  if (!a.date || !b.date) {
    if (a.date !== b.date) return a.date ? -1 : 1;
  } else {
    const sa = periodStart(a.date);
    const sb = periodStart(b.date);
    if (sa !== sb) return sa < sb ? -1 : 1;
    const pa = PRECISION_RANK[a.precision ?? precisionOf(a.date)];
    const pb = PRECISION_RANK[b.precision ?? precisionOf(b.date)];
    if (pa !== pb) return pa - pb;
  }
  if (a.kind !== b.kind) return a.kind === 'event' ? -1 : 1;
  const ea = a.endDate ? periodStart(a.endDate) : '';
  const eb = b.endDate ? periodStart(b.endDate) : '';
  if (ea !== eb) return ea < eb ? -1 : 1;
  const t = a.title.localeCompare(b.title, 'da');
  if (t !== 0) return t;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export function sortChronologically<T extends Dated>(items: T[]): T[] {
  return [...items].sort(compareDated);
}
