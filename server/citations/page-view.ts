import { tokenize } from '../../search/danish';
import { parseQuery } from '../../search/query/parse';
import { typoAlternatives } from '../../search/query/typo';
import type { Viewer } from '../auth/viewer';
import type { DocumentsService } from '../documents/documents.service';
import type { DocumentRecord, PageRecord } from '../documents/documents.types';
import { AppError } from '../errors';
import { markedText, querySpans } from './citations.presenter';

/**
 * One page of a document as the permanent page link shows it: its text with the words of a search
 * (`?q=`) and/or a quoted passage marked. Character boxes on the page image need stored positions,
 * which extraction does not keep yet (the pages table has text only); the page image is shown
 * beside the marked text.
 */
export interface PageView {
  document: DocumentRecord;
  page: PageRecord;
  pageCount: number;
  html: string;
  q: string;
}

export function createPageView(deps: { documents: Pick<DocumentsService, 'get' | 'pages'> }) {
  return {
    build(viewer: Viewer, documentId: string, n: number, opts: { q?: string; quote?: { start: number; end: number } } = {}): PageView {
      const document = deps.documents.get(viewer, documentId);
      const pages = deps.documents.pages(viewer, documentId);
      const page = pages.find((p) => p.number === n);
      if (!page) throw new AppError('not_found', 'This page does not exist.');
      const q = (opts.q ?? '').slice(0, 1000);
      const query = q.trim() ? parseQuery(q) : null;
      let matched: string[] = [];
      if (query) {
        const vocabulary = new Set(tokenize(page.text).map((t) => t.folded));
        matched = query.terms.flatMap((t) => (t.kind === 'term' ? typoAlternatives(t, vocabulary) : []));
      }
      const spans: Array<{ start: number; end: number; quote?: boolean }> = querySpans(page.text, query, matched);
      if (opts.quote) spans.unshift({ ...opts.quote, quote: true });
      // A search word inside the quoted passage stays part of the one quote mark.
      const kept = opts.quote ? spans.filter((s) => s.quote || s.end <= opts.quote!.start || s.start >= opts.quote!.end) : spans;
      return { document, page, pageCount: pages.length, html: markedText(page.text, kept), q };
    },
  };
}

export type PageViewService = ReturnType<typeof createPageView>;
