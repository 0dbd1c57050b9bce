/**
 * The deadline rules live in `rules/<code>.json`, one file per jurisdiction, so that lawyers and
 * editors can check them against the sources cited inside. They are imported statically (tsc then
 * copies them to dist/) and validated with zod on first use; a bad file fails loudly at start-up.
 */
import { z } from 'zod';
import { AppError } from '../../lib/errors';
import { parseIsoDate, weekdayIndex } from './calendar';
import { rulesSchema, type JurisdictionRules } from './rules.schema';
import dk from './rules/dk.json';
import dkMol from './rules/dk-mol.json';
import dkFvl from './rules/dk-fvl.json';
import ukEir from './rules/uk-eir.json';
import uk from './rules/uk.json';
import ukSct from './rules/uk-sct.json';
import us from './rules/us.json';
import de from './rules/de.json';
import se from './rules/se.json';
import no from './rules/no.json';
import eu from './rules/eu.json';

export { EVENTS } from './rules.deadline-schema';
export type { DeadlineEvent, DeadlineRule, Period } from './rules.deadline-schema';
export type { ExemptionBasis, JurisdictionRules, PublishedList } from './rules.schema';

export const DEFAULT_JURISDICTION = 'DK';

export interface JurisdictionSummary {
  code: string;
  name: string;
  nameDa: string;
  /** subdivisions whose holidays apply when the request names the authority's seat. */
  regions: Record<string, string> | null;
  /** their names in Danish (the same names where the rules file gives none). */
  regionsDa: Record<string, string> | null;
  law: string;
  citation: string;
  language: string;
  isDefault: boolean;
}

const RAW: Record<string, unknown> = { dk, 'dk-mol': dkMol, 'dk-fvl': dkFvl, uk, 'uk-eir': ukEir, 'uk-sct': ukSct, us, de, se, no, eu };

let loaded: ReadonlyMap<string, JurisdictionRules> | undefined;

function parseFile(file: string, raw: unknown): JurisdictionRules {
  const result = rulesSchema.safeParse(raw);
  if (!result.success) {
    throw new Error(`deadline rules ${file}.json are invalid: ${z.prettifyError(result.error)}`);
  }
  const rules = result.data;
  if (rules.code.toLowerCase() !== file) throw new Error(`deadline rules ${file}.json declare code ${rules.code}`);
  const keys = [
    ...rules.response, ...rules.extension.deadlines, ...rules.escalations, ...rules.appeals.flatMap((a) => a.deadlines),
  ].map((r) => r.key);
  const twice = keys.find((k, i) => keys.indexOf(k) !== i);
  if (twice) throw new Error(`deadline rules ${file}.json use the key "${twice}" twice`);
  const all = [...rules.response, ...rules.extension.deadlines, ...rules.escalations, ...rules.appeals.flatMap((a) => a.deadlines)];
  for (const r of all) {
    if (r.from.rule && !keys.includes(r.from.rule)) throw new Error(`deadline rules ${file}.json: "${r.key}" counts from the unknown rule "${r.from.rule}"`);
    if (r.deemedNotice && r.from.event !== 'decision_received' && r.from.event !== 'appeal_decided_received') {
      throw new Error(`deadline rules ${file}.json: "${r.key}" has deemedNotice but does not count from a letter's receipt`);
    }
  }
  checkPublished(file, rules);
  if (rules.extension.noticeBefore && !keys.includes(rules.extension.noticeBefore)) {
    throw new Error(`deadline rules ${file}.json: the extension notice refers to the unknown rule "${rules.extension.noticeBefore}"`);
  }
  const strayName = Object.keys(rules.calendar.regionChoiceDa ?? {}).find((c) => !Object.hasOwn(rules.calendar.regionChoice ?? {}, c));
  if (strayName) throw new Error(`deadline rules ${file}.json: regionChoiceDa names "${strayName}", which is not in regionChoice`);
  return deepFreeze(rules);
}

/** Published lists name known subdivisions, and each day lies in its year and on a weekday. */
function checkPublished(file: string, rules: JurisdictionRules): void {
  const published = rules.calendar.published;
  if (!published) return;
  const known = rules.calendar.regionChoice ?? {};
  const codes = [published.default, ...Object.keys(published.lists), ...Object.entries(published.uses).flat(), ...Object.keys(published.missing)];
  const unknown = codes.find((c) => !Object.hasOwn(known, c));
  if (unknown) throw new Error(`deadline rules ${file}.json: the published lists name "${unknown}", which is not in regionChoice`);
  for (const [code, years] of Object.entries(published.lists)) {
    for (const [year, list] of Object.entries(years)) {
      for (const day of [...Object.keys(list.closed), ...(list.readThrough ? [list.readThrough] : [])]) {
        if (!parseIsoDate(day) || !day.startsWith(`${year}-`)) throw new Error(`deadline rules ${file}.json: ${code} ${year} lists ${day}, not a day of ${year}`);
      }
      const weekend = Object.keys(list.closed).find((d) => weekdayIndex(d) >= 5);
      if (weekend) throw new Error(`deadline rules ${file}.json: ${code} ${year} lists ${weekend}, a weekend day`);
    }
  }
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}

function all(): ReadonlyMap<string, JurisdictionRules> {
  loaded ??= new Map(Object.entries(RAW).map(([file, raw]) => [file.toUpperCase(), parseFile(file, raw)]));
  return loaded;
}

/** Jurisdictions for pickers: the default (Denmark) first, then by name. */
export function listJurisdictions(): JurisdictionSummary[] {
  return [...all().values()]
    .map((r) => ({
      code: r.code, name: r.name, nameDa: r.nameDa ?? r.name, law: r.law.name, citation: r.law.citation, language: r.language,
      isDefault: r.code === DEFAULT_JURISDICTION, regions: r.calendar.regionChoice ?? null,
      regionsDa: r.calendar.regionChoice ? { ...r.calendar.regionChoice, ...r.calendar.regionChoiceDa } : null,
    }))
    .sort((a, b) => Number(b.isDefault) - Number(a.isDefault) || a.name.localeCompare(b.name) || a.code.localeCompare(b.code));
}

/** Rules for a code such as "DK" or "uk-sct" (case-insensitive); unknown codes are a user error. */
export function getRules(code: string = DEFAULT_JURISDICTION): JurisdictionRules {
  const rules = all().get(code.trim().toUpperCase());
  if (!rules) {
    // Named by their laws, which read the same in either language of the page.
    const known = listJurisdictions().map((j) => `${j.code} (${j.law})`).join(', ');
    throw AppError.invalid(`We have no deadline rules for "${code}". Choose one of: ${known}.`);
  }
  return rules;
}
