import { createHash } from 'node:crypto';
import type { SearchEngine } from '../../search/engine';
import { tokenize } from '../../search/text/danish';
import type { Viewer } from '../auth/viewer';
import type { DocumentsRepository } from '../documents/documents.repository';
import type { DocumentsService } from '../documents/documents.service';
import type { DocumentRecord } from '../documents/documents.types';
import { AppError } from '../lib/errors';
import type { Clock } from '../lib/clock';
import { newId } from '../lib/ids';
import type { CitationsRepository, QuoteRecord } from './citations.repository';
import { findQuotes } from './draft-quotes';
import { locate, normalise, type Located } from './matching';

/**
 * Quote links and the quote check of a draft.
 *
 * A quote is stored with its document, page, character offsets, the text as it stood on the page
 * and a hash of that page's text. Opening it compares the hash: unchanged, the offsets hold; changed
 * (extracted again, another OCR engine), the passage is looked for again on its page, then on the
 * pages around it, and the answer says how well it was found.
 *
 * Everything is read as the viewer: documents go through the documents service (the one access
 * rule), candidates for the quote check come from the search engine with the viewer's access and
 * are checked again, so a document the viewer cannot read is never found, counted or hinted at.
 */
export type QuoteOpening =
  | { kind: 'unavailable' }
  | { kind: 'found'; quote: QuoteRecord; document: DocumentRecord; page: number; start: number; end: number; score: number; moved: boolean; reread: boolean }
  | { kind: 'lost'; quote: QuoteRecord; document: DocumentRecord };

export interface CheckedQuote {
  index: number;
  text: string;
  status: 'found' | 'not_found' | 'skipped';
  documentId?: string;
  title?: string;
  page?: number;
  score?: number;
  quoteId?: string;
}

export const MAX_DRAFT_CHARS = 200_000;
const MAX_QUOTES = 200;

export const pageHash = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

export function createQuotesService(deps: {
  documents: Pick<DocumentsService, 'get' | 'find'>;
  pages: Pick<DocumentsRepository, 'pageTexts'>;
  repo: CitationsRepository;
  engine: Pick<SearchEngine, 'search'>;
  clock: Clock;
}) {
  const { documents, pages, repo, engine, clock } = deps;

  function allPages(doc: DocumentRecord): Map<number, string> {
    const count = doc.pageCount ?? 0;
    return pages.pageTexts(doc.id, Array.from({ length: count }, (_, i) => i + 1));
  }

  function store(viewer: Viewer, doc: DocumentRecord, page: number, text: string, at: { start: number; end: number }): QuoteRecord {
    const q = { documentId: doc.id, pageNumber: page, start: at.start, end: at.end, pageHash: pageHash(text) };
    const existing = repo.sameQuote(q);
    if (existing) return existing;
    const record: QuoteRecord = { id: newId('q'), ...q, text: text.slice(at.start, at.end), createdBy: viewer.userId, createdAt: clock.now().toISOString() };
    repo.insertQuote(record);
    return record;
  }

  /** The words to ask the search index for, folded (so no query syntax survives): longest first. */
  function candidateQueries(text: string): string[] {
    const words = tokenize(text).map((t) => t.folded).filter((w) => w.length >= 2);
    const distinct = [...new Set(words)];
    const queries = [[...distinct].sort((a, b) => b.length - a.length).slice(0, 8).join(' ')];
    // Fallback: runs of three words, so one broken word (OCR, hyphenation) does not hide the page.
    for (let i = 0; i + 3 <= words.length && queries.length < 7; i += 3) queries.push(words.slice(i, i + 3).join(' '));
    return queries.filter(Boolean);
  }

  async function findInArchive(viewer: Viewer, text: string): Promise<{ doc: DocumentRecord; page: number; pageText: string; at: Located } | null> {
    let best = null as { doc: DocumentRecord; page: number; pageText: string; at: Located } | null;
    const tried = new Set<string>();
    const queries = candidateQueries(text);
    for (const [i, query] of queries.entries()) {
      const result = await engine.search({ query, viewer: { userId: viewer.userId, role: viewer.role }, now: clock.now(), perPage: 10, pagesPerDocument: 5 });
      for (const hit of result.hits) {
        const doc = documents.find(viewer, hit.documentId);
        if (!doc) continue;
        const numbers = hit.pages.map((p) => p.number).filter((n) => !tried.has(`${doc.id}:${n}`));
        for (const n of numbers) tried.add(`${doc.id}:${n}`);
        for (const [n, pageText] of pages.pageTexts(doc.id, numbers)) {
          const at = locate(text, pageText);
          if (at && (!best || at.score > best.at.score)) best = { doc, page: n, pageText, at };
        }
      }
      // The first (all-words) query finding it exactly settles it; otherwise the fallbacks may do better.
      if (best && (best.at.exact || i > 0)) break;
    }
    return best;
  }

  return {
    /** A quote link for a passage of a page: given as offsets, or as text found on that page. */
    create(viewer: Viewer, input: { documentId: string; page: number; text?: string; start?: number; end?: number }): QuoteRecord {
      const doc = documents.get(viewer, input.documentId);
      const pageText = pages.pageTexts(doc.id, [input.page]).get(input.page);
      if (pageText === undefined) throw new AppError('not_found', 'This page does not exist.');
      let at: { start: number; end: number };
      if (input.start !== undefined && input.end !== undefined) {
        if (input.start >= input.end || input.end > pageText.length) throw AppError.invalid('The offsets are outside the page text.');
        at = { start: input.start, end: input.end };
      } else {
        const found = input.text?.trim() ? locate(input.text, pageText) : null;
        if (!found) throw AppError.invalid(`This passage is not on page ${input.page}.`);
        at = found;
      }
      return store(viewer, doc, input.page, pageText, at);
    },

    open(viewer: Viewer, quoteId: string): QuoteOpening {
      const quote = /^q_[A-Za-z0-9_-]{1,40}$/.test(quoteId) ? repo.quote(quoteId) : null;
      const doc = quote ? documents.find(viewer, quote.documentId) : null;
      if (!quote || !doc) return { kind: 'unavailable' };
      const texts = allPages(doc);
      const same = texts.get(quote.pageNumber);
      if (same !== undefined && pageHash(same) === quote.pageHash) {
        return { kind: 'found', quote, document: doc, page: quote.pageNumber, start: quote.start, end: quote.end, score: 100, moved: false, reread: false };
      }
      // Read again: its page first, then the nearest pages, the earlier one first at equal distance.
      const order = [...texts.keys()].sort((a, b) => Math.abs(a - quote.pageNumber) - Math.abs(b - quote.pageNumber) || a - b);
      let best: { page: number; at: Located } | null = null;
      for (const n of order) {
        const at = locate(quote.text, texts.get(n)!, normalise(texts.get(n)!));
        if (at && (!best || at.score > best.at.score)) best = { page: n, at };
        if (best?.at.exact) break;
      }
      if (!best) return { kind: 'lost', quote, document: doc };
      return { kind: 'found', quote, document: doc, page: best.page, start: best.at.start, end: best.at.end, score: best.at.score, moved: best.page !== quote.pageNumber, reread: true };
    },

    /** Every quoted passage of a draft, located in what the viewer may read. */
    async check(viewer: Viewer, draft: string): Promise<CheckedQuote[]> {
      if (!draft.trim()) throw new AppError('bad_request', 'The draft is empty: paste the text or upload a .txt, .md or .docx file.');
      if (draft.length > MAX_DRAFT_CHARS) throw new AppError('payload_too_large', `The draft is longer than ${MAX_DRAFT_CHARS.toLocaleString('en')} characters; check it in parts.`);
      const quotes = findQuotes(draft).slice(0, MAX_QUOTES);
      const out: CheckedQuote[] = [];
      for (const q of quotes) {
        if (q.skipped) {
          out.push({ index: q.index, text: q.text, status: 'skipped' });
          continue;
        }
        const found = await findInArchive(viewer, q.text);
        if (!found) {
          out.push({ index: q.index, text: q.text, status: 'not_found' });
          continue;
        }
        const stored = store(viewer, found.doc, found.page, found.pageText, found.at);
        out.push({ index: q.index, text: q.text, status: 'found', documentId: found.doc.id, title: found.doc.title, page: found.page, score: found.at.score, quoteId: stored.id });
      }
      return out;
    },
  };
}

export type QuotesService = ReturnType<typeof createQuotesService>;
