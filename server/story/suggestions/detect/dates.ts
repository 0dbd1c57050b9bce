import { isRealDay } from '../../../lib/dates';

/**
 * Finds calendar dates written the ways Danish and English letters write them:
 *   "28. juni 2018", "28 June 2018", "15. oktober" (no year), "June 28, 2018", "28/6 2018",
 *   "28/6-2018", "28.06.2018", "28-06-2018" and ISO "2018-06-28".
 * Numeric dates are read day first, as Danish writes them; "6/28/2018" (month > 12 in the second
 * place) is read the American way because no other reading exists. A date without a year is only
 * taken in the Danish form with a dot after the day ("15. oktober"): "3 may" is too often English
 * prose. Its year is left open for the caller, who knows the surrounding dates.
 */
export interface FoundDate {
  /** YYYY-MM-DD, or MM-DD when the text gave no year (`year` is then null). */
  date: string;
  year: number | null;
  month: number;
  day: number;
  /** The text as written. */
  text: string;
  index: number;
}

const MONTHS: Record<string, number> = {
  januar: 1, january: 1, jan: 1,
  februar: 2, february: 2, feb: 2,
  marts: 3, march: 3, mar: 3,
  april: 4, apr: 4,
  maj: 5, may: 5,
  juni: 6, june: 6, jun: 6,
  juli: 7, july: 7, jul: 7,
  august: 8, aug: 8,
  september: 9, sep: 9, sept: 9,
  oktober: 10, october: 10, okt: 10, oct: 10,
  november: 11, nov: 11,
  december: 12, dec: 12,
};
// Longest names first so "september" is not read as "sep" + "tember".
const MONTH_NAMES = Object.keys(MONTHS).sort((a, b) => b.length - a.length).join('|');

const B = '(?<![\\p{L}\\p{N}])'; // word start
const E = '(?![\\p{L}\\p{N}])'; // word end
const NB = '(?<![\\p{L}\\p{N}./-])'; // numeric start: not inside a longer number, version or path
const NE = '(?![\\p{N}]|[./-]\\p{N})';

const PATTERNS: Array<{ re: RegExp; read(m: RegExpExecArray): { y: number | null; m: number; d: number } | null }> = [
  {
    // 28. juni 2018 · 28 June 2018 · 28th June, 2018 · 15. oktober
    re: new RegExp(`${B}(\\d{1,2})(\\.|st|nd|rd|th)?\\s+(${MONTH_NAMES})\\.?(?:,?\\s+(\\d{4}))?${E}`, 'giu'),
    read: (m) => {
      const year = m[4] ? Number(m[4]) : null;
      if (year === null && m[2] !== '.') return null;
      return { y: year, m: MONTHS[m[3].toLowerCase()], d: Number(m[1]) };
    },
  },
  {
    // June 28, 2018 · Sept. 28 2018
    re: new RegExp(`${B}(${MONTH_NAMES})\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})${E}`, 'giu'),
    read: (m) => ({ y: Number(m[3]), m: MONTHS[m[1].toLowerCase()], d: Number(m[2]) }),
  },
  {
    // 28/6 2018 · 28/6-2018 · 28/06/2018 · 28.06.2018 · 28-06-2018
    re: new RegExp(`${NB}(\\d{1,2})(?:/(\\d{1,2})(?:\\s+|-|/)|\\.(\\d{1,2})\\.|-(\\d{1,2})-)(\\d{4})${NE}`, 'gu'),
    read: (m) => {
      let d = Number(m[1]);
      let mo = Number(m[2] ?? m[3] ?? m[4]);
      if (mo > 12 && d <= 12 && m[2] !== undefined) [d, mo] = [mo, d];
      return { y: Number(m[5]), m: mo, d };
    },
  },
  {
    // 2018-06-28
    re: new RegExp(`${NB}(\\d{4})-(\\d{2})-(\\d{2})${NE}`, 'gu'),
    read: (m) => ({ y: Number(m[1]), m: Number(m[2]), d: Number(m[3]) }),
  },
];

export function findDates(text: string): FoundDate[] {
  const found: FoundDate[] = [];
  for (const { re, read } of PATTERNS) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const r = read(m);
      if (!r || r.m < 1 || r.m > 12) continue;
      if (r.y !== null && (r.y < 1800 || r.y > 2199 || !isRealDay(r.y, r.m, r.d))) continue;
      if (r.y === null && !isRealDay(2000, r.m, r.d)) continue; // 2000 is a leap year: 29/2 passes
      found.push({
        date: r.y === null ? `${pad(r.m)}-${pad(r.d)}` : `${r.y}-${pad(r.m)}-${pad(r.d)}`,
        year: r.y,
        month: r.m,
        day: r.d,
        text: m[0],
        index: m.index,
      });
    }
  }
  // Two patterns can read overlapping text; the earlier, then longer, reading wins.
  found.sort((a, b) => a.index - b.index || b.text.length - a.text.length);
  const out: FoundDate[] = [];
  let end = -1;
  for (const f of found) {
    if (f.index < end) continue;
    out.push(f);
    end = f.index + f.text.length;
  }
  return out;
}

/**
 * Gives year-less dates a year: the year of the nearest dated mention before it in the same text
 * (a letter of 28 September 2018 asking for an answer "by 15. oktober" means 2018), else the
 * fallback year (the document's date), else it stays without one and is dropped.
 */
export function resolveYears<T extends FoundDate>(dates: T[], fallbackYear: number | null, yearBefore: number | null = null): Array<T & { year: number; yearInferred: boolean }> {
  const out: Array<T & { year: number; yearInferred: boolean }> = [];
  // `yearBefore`: the last dated mention of the text before this part of it (a long page is read in pieces).
  let lastYear: number | null = yearBefore;
  const firstYear = dates.find((d) => d.year !== null)?.year ?? null;
  for (const d of dates) {
    if (d.year !== null) {
      lastYear = d.year;
      out.push({ ...d, year: d.year, yearInferred: false });
      continue;
    }
    const year = lastYear ?? firstYear ?? fallbackYear;
    if (year === null || !isRealDay(year, d.month, d.day)) continue;
    out.push({ ...d, year, date: `${year}-${pad(d.month)}-${pad(d.day)}`, yearInferred: true });
  }
  return out;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
