import { tokenize } from '../../search/text/danish';
import { parseQuery } from '../../search/query/parse';
import { typoAlternatives } from '../../search/query/typo';
import type { Viewer } from '../auth/viewer';
import type { DocumentsService } from '../documents/documents.service';
import type { DocumentRecord, PageRecord } from '../documents/documents.types';
import { AppError } from '../lib/errors';
import { markedText, querySpans } from './citations.presenter';
import type { HighlightBox, HighlightBoxes, MarkedRange } from './highlight-boxes';

/**
 * One page of a document as the permanent page link shows it: its text with the words of a search
 * (`?q=`) and/or a quoted passage marked, and the same ranges as boxes on the page image where the
 * page's character or OCR word boxes are stored (server/citations/highlight-boxes.ts).
 */
export interface PageView {
  document: DocumentRecord;
  page: PageRecord;
  pageCount: number;
  html: string;
  q: string;
  /** The marked ranges on the page image (fractions of the page); empty without stored boxes. */
  boxes: HighlightBox[];
}

/** The ranges of a search's words on a page, with the words search found through typo tolerance. */
export function termRanges(text: string, q: string | undefined): MarkedRange[] {
  const query = q?.trim() ? parseQuery(q.slice(0, 1000)) : null;
  if (!query) return [];
  const vocabulary = new Set(tokenize(text).map((t) => t.folded));
  const matched = query.terms.flatMap((t) => (t.kind === 'term' ? typoAlternatives(t, vocabulary) : []));
  return querySpans(text, query, matched);
}

/** The search words and the quoted passage of a page; a search word inside the quote stays part of the one quote mark. */
export function markedRanges(text: string, opts: { q?: string; quote?: { start: number; end: number } }): MarkedRange[] {
  const spans: MarkedRange[] = termRanges(text, opts.q);
  if (!opts.quote) return spans;
  const quote = opts.quote;
  return [{ start: quote.start, end: quote.end, quote: true }, ...spans.filter((s) => s.end <= quote.start || s.start >= quote.end)];
}

export function createPageView(deps: { documents: Pick<DocumentsService, 'get' | 'pages'>; highlights?: HighlightBoxes }) {
  return {
    build(viewer: Viewer, documentId: string, n: number, opts: { q?: string; quote?: { start: number; end: number } } = {}): PageView {
      const document = deps.documents.get(viewer, documentId);
      const pages = deps.documents.pages(viewer, documentId);
      const page = pages.find((p) => p.number === n);
      if (!page) throw new AppError('not_found', 'This page does not exist.');
      const q = (opts.q ?? '').slice(0, 1000);
      const ranges = markedRanges(page.text, { q, quote: opts.quote });
      const boxes = deps.highlights?.boxes(document.id, page.number, page.text, ranges) ?? [];
      return { document, page, pageCount: pages.length, html: markedText(page.text, ranges), q, boxes };
    },
  };
}

export type PageViewService = ReturnType<typeof createPageView>;
