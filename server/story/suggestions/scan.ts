import { findCprNumbers, maskCprNumbers } from './detect/cpr';
import { findDates, resolveYears } from './detect/dates';
import { createPartyMatcher, type NamedParty } from './detect/party-names';
import type { NewSuggestion } from './suggestions.repository';

/**
 * What a document's text suggests, as plain values (no database): the parties it names, its own
 * date, the dates of events it speaks of, and the pages that hold CPR numbers.
 *
 * - party_mention: value = party id; page = first page; detail lists every page (up to 50).
 *   Parties already linked to the document in any role are not suggested again.
 * - document_date: value = ISO day; the first dated mention on page 1 (letters open with their
 *   date), unless the document already has exactly that date.
 * - event_date: value = ISO day; every other distinct date, at most MAX_EVENT_DATES, in order.
 * - personal_data: value = "page:N", one per page holding CPR numbers, masked in the detail.
 *
 * Only the CPR detector sees a page's text as it is; everything else reads it with CPR-like numbers
 * masked (`maskCprNumbers`), so no context, matched text or date text stored in a suggestion — and
 * shown on the document page and in the API — is a copy of someone's full CPR number.
 */
export const MAX_EVENT_DATES = 25;
/** Text read at once: a page of megabytes (a long text file) is read in pieces, with pauses between them. */
const PIECE_CHARS = 100_000;

export interface ScanInput {
  pages: Array<{ number: number; text: string }>;
  parties: NamedParty[];
  linkedPartyIds: Set<string>;
  documentDate: string | null;
}

type FoundDate = { date: string; text: string; page: number; context: string; yearInferred: boolean };

/**
 * Scans page by page, so a caller can pause between pages (a 2,000-page scan must not hold the
 * event loop) and memory holds only what will be suggested, not every date of a long document.
 */
export function createScanner(input: Omit<ScanInput, 'pages'>) {
  const personal: NewSuggestion[] = [];
  const matcher = createPartyMatcher(input.parties.filter((p) => !input.linkedPartyIds.has(p.id)));
  const mentions = new Map<string, { pages: number[]; matched: string }>();
  const fallbackYear = input.documentDate ? Number(input.documentDate.slice(0, 4)) : null;
  let first = true;
  let own: FoundDate | null = null;
  const events = new Map<string, FoundDate>();

  function dated(page: number, d: { date: string; text: string; context: string; yearInferred: boolean }): void {
    const found = { date: d.date, text: d.text, page, context: d.context, yearInferred: d.yearInferred };
    if (first && !own && !d.yearInferred) {
      own = found;
      return;
    }
    if (d.date === own?.date || d.date === input.documentDate || events.has(d.date) || events.size >= MAX_EVENT_DATES) return;
    events.set(d.date, found);
  }

  /**
   * One page, a piece at a time: the caller may pause at each yield. Dates without a year take the
   * year of the page's nearest dated mention before them, else its first one (resolveYears): those
   * in pieces before the page's first year wait for it.
   */
  function* pageInPieces(page: { number: number; text: string }): Generator<void, void> {
    const cprs: ReturnType<typeof findCprNumbers> = [];
    let yearBefore: number | null = null;
    let waiting: Array<ReturnType<typeof findDates>[number] & { context: string }> = [];
    for (const piece of pieces(page.text, PIECE_CHARS)) {
      const text = maskCprNumbers(piece);
      for (const m of matcher.find(text)) {
        const seen = mentions.get(m.partyId) ?? { pages: [], matched: m.matched };
        if (!seen.pages.includes(page.number) && seen.pages.length < 50) seen.pages.push(page.number);
        mentions.set(m.partyId, seen);
      }
      const found = findDates(text).map((d) => ({ ...d, context: context(text, d.index, d.text.length) }));
      const firstYear = found.find((d) => d.year !== null)?.year ?? null;
      if (yearBefore === null && firstYear === null) waiting.push(...found);
      else {
        if (yearBefore === null) for (const d of resolveYears(waiting, firstYear)) dated(page.number, d);
        waiting = [];
        for (const d of resolveYears(found, fallbackYear, yearBefore)) {
          if (!d.yearInferred) yearBefore = d.year;
          dated(page.number, d);
        }
      }
      cprs.push(...findCprNumbers(piece));
      yield;
    }
    for (const d of resolveYears(waiting, fallbackYear)) dated(page.number, d);
    first = false;
    if (cprs.length) {
      personal.push({
        kind: 'personal_data',
        value: `page:${page.number}`,
        pageNumber: page.number,
        detail: { type: 'cpr', count: cprs.length, masked: [...new Set(cprs.map((c) => c.masked))].slice(0, 5), mod11: cprs.every((c) => c.mod11) },
      });
    }
  }

  return {
    page(page: { number: number; text: string }): void {
      const steps = pageInPieces(page);
      while (!steps.next().done);
    },
    pageInPieces,

    finish(): NewSuggestion[] {
      const out: NewSuggestion[] = [...personal];
      for (const [partyId, m] of mentions) {
        out.push({ kind: 'party_mention', value: partyId, pageNumber: m.pages[0], detail: { matched: m.matched, pages: m.pages } });
      }
      const letter = own as FoundDate | null;
      if (letter && letter.date !== input.documentDate) {
        out.push({ kind: 'document_date', value: letter.date, pageNumber: letter.page, detail: { text: letter.text, context: letter.context } });
      }
      for (const d of events.values()) {
        out.push({ kind: 'event_date', value: d.date, pageNumber: d.page, detail: { text: d.text, context: d.context, yearInferred: d.yearInferred } });
      }
      return out;
    },
  };
}

export function scanDocument(input: ScanInput): NewSuggestion[] {
  const scanner = createScanner(input);
  for (const page of input.pages) scanner.page(page);
  return scanner.finish();
}

/**
 * The text in pieces of about `size` characters, each cut after a line break in its second half
 * (else after a space, else where it falls, never inside a surrogate pair), so a date or a name is
 * not cut in two. A page under the size is one piece.
 */
export function pieces(text: string, size: number): string[] {
  const out: string[] = [];
  let at = 0;
  while (text.length - at > size) {
    const limit = at + size;
    let cut = text.lastIndexOf('\n', limit - 1) + 1;
    if (cut <= at + size / 2) cut = text.lastIndexOf(' ', limit - 1) + 1;
    if (cut <= at + size / 2) cut = limit - (/[\uD800-\uDBFF]/.test(text[limit - 1] as string) ? 1 : 0);
    out.push(text.slice(at, cut));
    at = cut;
  }
  out.push(text.slice(at));
  return out;
}

/** The sentence around a find, on one line, for the person deciding. */
function context(text: string, index: number, length: number): string {
  const start = Math.max(0, index - 80);
  const end = Math.min(text.length, index + length + 80);
  return `${start > 0 ? '…' : ''}${text.slice(start, end).replace(/\s+/g, ' ').trim()}${end < text.length ? '…' : ''}`;
}
