import { Router } from 'express';
import type { SearchEngine } from '../../search/engine';
import type { AuditLog } from '../auth/audit';
import type { Db } from '../db/connection';
import type { DocumentsRepository } from '../documents/documents.repository';
import type { DocumentsService } from '../documents/documents.service';
import type { DocumentRecord } from '../documents/documents.types';
import type { IngestRepository } from '../ingest/ingest.repository';
import type { Clock } from '../lib/clock';
import type { StoryArea } from '../links';
import type { SearchService } from '../search-pages/search.service';
import type { BlobStore } from '../storage/blob-store';
import { createBundleService } from './bundle.service';
import { createCitationService } from './citation.service';
import { citationsApi } from './citations.api';
import { createCitationsRepository } from './citations.repository';
import { citationsWeb } from './citations.web';
import { createHighlightBoxes } from './highlight-boxes';
import { createPageView } from './page-view';
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
 *   app.use(citationRoutes(citations)) BEFORE documentsWeb, so the document page receives `citePanel`.
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
  return { citations, quotes, shares, bundles, pageView, highlights, documents, clock, publicUrl: deps.publicUrl, pageImageUrl: deps.pageImageUrl };
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
