import type { Lang } from './messages';
import { documentsErrorMessages } from './messages.errors.documents';
import { httpErrorMessages } from './messages.errors.http';
import { ERROR_NOUNS, STATUS_WORDS } from './messages.errors.nouns';
import { requestsErrorMessages } from './messages.errors.requests';
import { searchErrorMessages } from './messages.errors.search';
import { storiesErrorMessages } from './messages.errors.stories';

/**
 * The messages services and schemas give (AppError, zod) in Danish. The API answers them in English,
 * which scripts match on; pages show them in the reader's language through `localiseError`.
 * Keys are the English text; `{name}` stands for a value put in at run time. A value is itself
 * translated when it is a noun of messages.errors.nouns.ts ("This document was not found." →
 * "Dokumentet blev ikke fundet."), a status label, a date as the deadline rules write it, or
 * another message of the table; anything else (field names, ids, numbers, what a user typed) stays
 * as it is. test/unit/error-messages.test.ts reads the source and fails on a message missing from
 * the area tables (messages.errors.<area>.ts).
 */

export { ERROR_NOUNS };

/** Each area keeps its messages in its own file; patterns equally specific are tried in this order. */
export const ERROR_MESSAGES: Record<string, string> = {
  ...httpErrorMessages,
  ...documentsErrorMessages,
  ...storiesErrorMessages,
  ...requestsErrorMessages,
  ...searchErrorMessages,
};

export const skeletonOf = (pattern: string): string => pattern.replace(/\{\w*\}/g, '{}');

const EN_WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const DA_WEEKDAYS = ['mandag', 'tirsdag', 'onsdag', 'torsdag', 'fredag', 'lørdag', 'søndag'];
const EN_MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DA_MONTHS = ['januar', 'februar', 'marts', 'april', 'maj', 'juni', 'juli', 'august', 'september', 'oktober', 'november', 'december'];
const DESCRIBED_DATE = new RegExp(`^(${EN_WEEKDAYS.join('|')}) (\\d{1,2}) (${EN_MONTHS.join('|')}) (\\d{4})$`);

/**
 * What a placeholder may match. Most take any text; a plural ending or a verb English needs and
 * Danish does not take only that, so the neighbouring value is not cut short ("ofl_1, ofl_2 are").
 */
const SLOT: Record<string, string> = { s: 's?', verb: 'is|are' };
/** Placeholders that name a thing: an unknown one leaves the whole message in English. */
const NOUN_SLOTS = new Set(['what', 'action', 'state']);

interface Compiled { re: RegExp; names: string[]; da: string; literalLength: number }

/** The patterns, the most specific (longest fixed text) first, so "Not a date: {v}. Use …" wins over "Not a date: {v}.". */
const COMPILED: Compiled[] = Object.entries(ERROR_MESSAGES)
  .filter(([en]) => /\{\w*\}/.test(en))
  .map(([en, da]) => {
    const names: string[] = [];
    const parts = en.split(/\{(\w*)\}/);
    let source = '';
    parts.forEach((part, i) => {
      if (i % 2 === 0) source += part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      else {
        names.push(part);
        source += `(${SLOT[part] ?? '[\\s\\S]*?'})`;
      }
    });
    return { re: new RegExp(`^${source}$`), names, da, literalLength: parts.filter((_, i) => i % 2 === 0).join('').length };
  })
  .sort((a, b) => b.literalLength - a.literalLength);

const capitalised = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** Placeholders that hold a status of a request or a suggestion. */
const STATUS_SLOTS = new Set(['status', 'state', 'from', 'to', 'same']);

/** A value put into a message, in Danish where it is a word we know; null when it is not. */
function localiseValue(slot: string, value: string, depth: number): string | null {
  if (NOUN_SLOTS.has(slot)) {
    const noun = ERROR_NOUNS[value];
    if (noun) return noun;
    const lower = value.charAt(0).toLowerCase() + value.slice(1);
    return lower !== value && ERROR_NOUNS[lower] ? capitalised(ERROR_NOUNS[lower]) : null;
  }
  if (STATUS_SLOTS.has(slot)) {
    // A quoted status label as requests.status.ts writes it: "partly granted" (partly_granted).
    const label = /^"([^"]+)" \((\w+)\)$/.exec(value);
    if (label && STATUS_WORDS[label[1]]) return `"${STATUS_WORDS[label[1]]}" (${label[2]})`;
    if (STATUS_WORDS[value]) return STATUS_WORDS[value];
  }
  const date = DESCRIBED_DATE.exec(value);
  if (date) return `${DA_WEEKDAYS[EN_WEEKDAYS.indexOf(date[1])]} ${date[2]}. ${DA_MONTHS[EN_MONTHS.indexOf(date[3])]} ${date[4]}`;
  // The tails share links and access lists add: " (page 2, 5)", " and 3 more".
  const pages = /^ \(page ([\d, ]+)\)$/.exec(value);
  if (pages) return ` (side ${pages[1]})`;
  const more = /^ and (\d+) more$/.exec(value);
  if (more) return ` og ${more[1]} flere`;
  return depth < 3 ? danish(value, depth + 1) : null;
}

/** The Danish text of a message, or null when the table has none. */
function danish(message: string, depth = 0): string | null {
  const exact = ERROR_MESSAGES[message];
  if (exact !== undefined) return exact;
  for (const c of COMPILED) {
    const m = c.re.exec(message);
    if (!m) continue;
    const values = new Map(c.names.map((name, i) => [name, m[i + 1] ?? '']));
    let unknownNoun = false;
    const text = c.da.replace(/\{(\w*)\}/g, (_, name: string) => {
      const value = values.get(name) ?? '';
      const da = localiseValue(name, value, depth);
      if (da === null && NOUN_SLOTS.has(name)) unknownNoun = true;
      return da ?? value;
    });
    if (!unknownNoun) return text;
  }
  // "field: message" — how the error handler names the field of a zod message; the field stays.
  const field = /^([A-Za-z_][\w.[\]-]*): ([\s\S]+)$/.exec(message);
  if (field) {
    const rest = danish(field[2], depth + 1);
    if (rest !== null) return `${field[1]}: ${rest}`;
  }
  return null;
}

/**
 * A service message in the reader's language: the Danish text when `lang` is da and the table has
 * one; else the English text, marked `lang: 'en'` so the page can say so (`lang="en"`).
 */
export function localiseError(lang: Lang, message: string): { text: string; lang: Lang } {
  if (lang === 'da') {
    const da = danish(message);
    if (da !== null) return { text: da, lang: 'da' };
  }
  return { text: message, lang: 'en' };
}
