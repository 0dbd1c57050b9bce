import { Router } from 'express';
import type { SearchEngine } from '../../search/engine';
import type { AuditLog } from '../auth/audit';
import type { Db } from '../db/connection';
import type { DocumentsRepository } from '../documents/documents.repository';
import type { DocumentPageSection } from '../documents/document-page';
import type { DocumentsService } from '../documents/documents.service';
import type { DocumentRecord, PageRecord } from '../documents/documents.types';
import { AppError } from '../lib/errors';
import type { IngestRepository } from '../ingest/ingest.repository';
import type { Clock } from '../lib/clock';
import type { StoryArea } from '../story';
import type { SearchService } from '../search-pages/search.service';
import type { BlobStore } from '../storage/blob-store';
import { createBundleService } from './bundle.service';
import { createCitationService } from './citation.service';
import { citationsApi } from './citations.api';
import { createCitationsRepository } from './citations.repository';
import { citationsWeb } from './citations.web';
import { createHighlightBoxes } from './highlight-boxes';
import { createPageView, termRanges } from './page-view';
import { createQuotesService } from './quotes.service';
import { shareRoutes } from './share.routes';
import { createShareService } from './share.service';

/**
 * The public face of citing: permanent document and page links (/d/:id, /d/:id/p/:n), quote links
 * (/q/:id) that find their passage again after the text is read again, the cite panel (newsroom
 * line, FOI provenance, full citation, CSL-JSON/RIS/BibTeX), the quote check of a draft, source
 * bundles and public share links.
 *
 * Wiring (server/kilde.ts):  const citations = createCitationsArea({ db, documents: documentsService, documentsRepo: documents, story, engine, search, blobs, audit, clock, publicUrl, pageImageUrl });
 * Mounting (server/app.ts):  app.use(publicCitationRoutes(citations)) after `authenticate`, BEFORE `guard`;
 *   app.use(citationRoutes(citations)), and `documentSection` among the document page's sections
 *   (server/documents/document-page.ts): the cite panel.
 */
export function createCitationsArea(deps: {
  db: Db;
  documents: DocumentsService;
  documentsRepo: DocumentsRepository;
  story: Pick<StoryArea, 'links' | 'timeline' | 'suggestions'>;
  engine: Pick<SearchEngine, 'search'>;
  /** The search area's service: a search bundle holds what the search page would list, filters and all. */
  search: Pick<SearchService, 'search'>;
  blobs: Pick<BlobStore, 'exists' | 'pathOf'>;
  audit: AuditLog;
  clock: Clock;
  publicUrl: string | null;
  /** The page image's address, or null when the document has none (server/documents/page-images.ts). */
  pageImageUrl: (doc: DocumentRecord, n: number) => string | null;
  /** Where ingest stored each page's character boxes (table page_layouts). */
  layouts: Pick<IngestRepository, 'layout'>;
}) {
  const { db, documents, documentsRepo, story, engine, search, blobs, audit, clock } = deps;
  const repo = createCitationsRepository(db);
  const citations = createCitationService({ documents, links: story.links, repo, clock });
  const quotes = createQuotesService({ documents, pages: documentsRepo, repo, engine, clock });
  const shares = createShareService({ documents, documentsRepo, suggestions: story.suggestions, repo, audit, clock });
  const bundles = createBundleService({ documents, links: story.links, timeline: story.timeline, search, citations, blobs, audit, clock });
  // The page image's marks read the boxes ingest stored beside each page's text (table page_layouts).
  const highlights = createHighlightBoxes({ layouts: deps.layouts });
  const pageView = createPageView({ documents, highlights });

  /** The document page's cite panel, and the searched words as boxes on its page images. */
  const documentSection: DocumentPageSection = (viewer, documentId, ctx) => {
    let citePanel = null;
    try {
      citePanel = citations.build(viewer, documentId, null, { lang: ctx.lang, base: deps.publicUrl ?? ctx.origin });
    } catch (err) {
      if (!(err instanceof AppError && err.code === 'not_found')) throw err;
    }
    // The view asks for the pages it shows, which it read through the access rule, and only for pages whose text has a mark.
    const pageMarks = ctx.q.trim() ? (doc: DocumentRecord, page: PageRecord) => highlights.boxes(doc.id, page.number, page.text, termRanges(page.text, ctx.q)) : undefined;
    return { citePanel, pageMarks };
  };

  return { citations, quotes, shares, bundles, pageView, highlights, documents, clock, publicUrl: deps.publicUrl, pageImageUrl: deps.pageImageUrl, documentSection };
}

export type CitationsArea = ReturnType<typeof createCitationsArea>;

export function citationRoutes(area: CitationsArea): Router {
  const r = Router();
  r.use(citationsApi(area));
  r.use(citationsWeb(area));
  return r;
}

/** Share links' public pages: no sign-in. */
export function publicCitationRoutes(area: CitationsArea): Router {
  return shareRoutes(area);
}

export { machineCitations, parseCitations } from './citation-formats';
export { findQuotes } from './draft-quotes';
export { locate, normalise } from './matching';
