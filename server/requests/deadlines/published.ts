/**
 * Closed days fixed year by year in published lists (the EU institutions: each adopts, or shares,
 * a list of public holidays per year). Chooses the lists behind a calendar for the subdivision a
 * request names (there: the institution) and says in the report which years were checked against
 * one, which were read only in part, and what a secondary source gives where no primary one was found.
 */
import {
  addCalendarDays, compareDates, describeDate, weekdayIndex, type CalendarSpec, type FixedYear, type WorkingCalendar,
} from './calendar';
import type { JurisdictionRules, PublishedList } from './rules';

/** The subdivision whose lists apply: the one named, else the default of the rules. */
export function listOwner(rules: JurisdictionRules, region: string | null): string | null {
  const published = rules.calendar.published;
  if (!published) return null;
  return region && rules.calendar.regionChoice?.[region] ? region : published.default;
}

/** The lists a subdivision counts with: those of the one it uses, then its own (which win). */
function listsOf(rules: JurisdictionRules, owner: string, confidence: PublishedList['confidence']): Map<string, PublishedList> {
  const published = rules.calendar.published!;
  const chain = [published.uses[owner], owner].filter((c): c is string => c !== undefined);
  const out = new Map<string, PublishedList>();
  for (const code of chain) {
    for (const [year, list] of Object.entries(published.lists[code] ?? {})) if (list.confidence === confidence) out.set(year, list);
  }
  return out;
}

/** The calendar spec for a subdivision: its region's holidays where the library knows them, its primary lists. */
export function calendarSpecFor(rules: JurisdictionRules, region: string | null): CalendarSpec {
  const base = rules.calendar;
  const spec: CalendarSpec = region && base.country ? { ...base, regions: [region] } : { ...base };
  const owner = listOwner(rules, region);
  if (owner) {
    const fixedYears: Record<string, FixedYear> = {};
    for (const [year, list] of listsOf(rules, owner, 'primary')) {
      fixedYears[year] = list.readThrough ? { closed: list.closed, readThrough: list.readThrough } : { closed: list.closed };
    }
    spec.fixedYears = fixedYears;
  }
  return spec;
}

/**
 * What the report must say about the lists behind the days from `start` to `end`: the subdivision
 * used when none was named, what is missing for it, lists read only in part, what a secondary
 * source gives, and the years counted with the pattern alone.
 */
export function publishedAssumptions(
  rules: JurisdictionRules, region: string | null, calendar: WorkingCalendar, start: string, end: string,
): string[] {
  const published = rules.calendar.published;
  const owner = listOwner(rules, region);
  if (!published || !owner) return [];
  const names = rules.calendar.regionChoice ?? {};
  const out: string[] = [];
  if (!region) out.push(`No institution was named, so the days of the ${names[owner]} are used.`);
  if (published.missing[owner]) out.push(published.missing[owner]);
  const primary = listsOf(rules, owner, 'primary');
  const secondary = listsOf(rules, owner, 'secondary');
  const unchecked: string[] = [];
  for (let y = Number(start.slice(0, 4)); y <= Number(end.slice(0, 4)); y++) {
    const year = String(y);
    const list = primary.get(year);
    if (list?.readThrough && compareDates(end, list.readThrough) > 0) {
      out.push(`The list for ${year} (${list.source}) could be read only up to ${describeDate(list.readThrough)}; later days of ${year} are counted with the usual pattern.`);
    }
    // A secondary list is reported where no primary one was found, and beside a list the
    // institution only shares (the Parliament's own closing days beside the Commission's list).
    const own = published.lists[owner]?.[year];
    const other = secondary.get(year);
    if (other && own?.confidence !== 'primary' && (!list || own === other)) {
      out.push(compareWithSecondary(year, other, calendar, list ? `For ${year} a secondary source was found on the days of the ${names[owner]}` : `For ${year} only a secondary source was found`));
    }
    if (!list) unchecked.push(year);
  }
  if (unchecked.length) out.push(`${published.unpublished} Years counted without a checked list: ${unchecked.join(', ')}.`);
  return out;
}

/** A secondary list beside the days counted: the same, or which weekdays differ. */
function compareWithSecondary(year: string, list: PublishedList, calendar: WorkingCalendar, lead: string): string {
  const extra = Object.keys(list.closed).filter((d) => calendar.isWorkingDay(d)).sort(compareDates);
  const missing: string[] = [];
  for (let d = `${year}-01-01`; d.startsWith(year); d = addCalendarDays(d, 1)) {
    if (weekdayIndex(d) < 5 && !calendar.isWorkingDay(d) && !Object.hasOwn(list.closed, d)) missing.push(d);
  }
  const intro = `${lead} (${list.source})`;
  if (!extra.length && !missing.length) return `${intro}; it gives the same closed days as we count with.`;
  const parts = [
    ...(extra.length ? [`also closes ${extra.map(describeDate).join(', ')}`] : []),
    ...(missing.length ? [`does not close ${missing.map(describeDate).join(', ')}`] : []),
  ];
  return `${intro}. It ${parts.join(' and ')}; we do not count with it until the institution's own list confirms it.`;
}
