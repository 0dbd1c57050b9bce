import path from 'node:path';
import type { Express } from 'express';
import type { SearchEngine } from '../search/engine';
import { createSearchEngine } from '../search/engines';
import { createOutboxProcessor, type OutboxProcessor } from '../search/outbox';
import { createOutboxRepository } from '../search/outbox.repository';
import { createReindexer, type Reindexer } from '../search/reindex';
import { createReindexRepository } from '../search/reindex.repository';
import { createIndexedDocuments } from './search-pages/indexed-documents.repository';
import { createLinkAccess } from './search-pages/link-access';
import { createSearchLabels } from './search-pages/search.repository';
import { createSearchService } from './search-pages/search.service';
import { createSearchTools } from './search-pages/tools.service';
import { createApp } from './app';
import { createAuditLog, type AuditLog } from './auth/audit';
import { createAuthService, type AuthService } from './auth/auth.service';
import { createUsersRepository } from './auth/users.repository';
import { createLoginThrottle } from './auth/login-throttle';
import type { Config } from './lib/config';
import { openDatabase, type Db } from './db/connection';
import { createDocumentsRepository, type DocumentsRepository } from './documents/documents.repository';
import { createBulkActions } from './documents/documents.bulk';
import { createDocumentsService } from './documents/documents.service';
import { createUploadBatches } from './ingest/upload-batches.service';
import { createUploadBatchesRepository } from './ingest/upload-batches.repository';
import { createIntakeService, type IntakeService } from './ingest/intake.service';
import { EXTRACT_JOB } from './jobs/job-kinds';
import { createPdfExtractor, createPdfReaders } from './ingest/extractors/pdf.extractor';
import { createExtractorRegistry } from './ingest/extractors/registry';
import { createOcrEngine } from './ingest/ocr/ocr-engine';
import { createMupdfEngine } from './ingest/extractors/mupdf.engine';
import { createPageRenderer } from './ingest/extractors/page-renderer';
import { createIngestRepository } from './ingest/ingest.repository';
import { createCpuSlots } from './ingest/threads/cpu-slots';
import { createHttpActivity } from './http/activity';
import { createIngestPipeline } from './ingest/pipeline';
import { createJobRunner, type JobRunner } from './jobs/job-runner';
import { createJobsRepository } from './jobs/jobs.repository';
import { createStoryArea, type StoryArea } from './story';
import { createCitationsArea } from './citations';
import { createPageImages, MAX_RENDERS } from './documents/page-images';
import { createRequestsArea, type RequestsArea } from './requests';
import { createAlertsArea, type AlertsArea } from './alerts';
import { createOpsArea, instrumentEngine, instrumentJob, instrumentOcr, type OpsArea } from './ops';
import { systemClock, type Clock } from './lib/clock';
import type { Logger } from './lib/logger';
import { createBlobStore, type BlobStore } from './storage/blob-store';

/**
 * The composition root: builds every repository and service once, from the config, and wires them.
 * `main.ts` calls it and serves the app; tests call it with a temp data directory. Nothing here
 * starts work until `start()`.
 */
export interface Kilde {
  app: Express;
  auth: AuthService;
  db: Db;
  runner: JobRunner;
  indexer: OutboxProcessor;
  engine: SearchEngine;
  /** Rebuilds the search index from the database (npm run reindex, POST /api/admin/reindex). */
  reindexer: Reindexer;
  documents: DocumentsRepository;
  /** The audit log every service records to. */
  audit: AuditLog;
  /** Stored originals, and the intake every new document goes through (uploads, imports, the demo). */
  blobs: BlobStore;
  intake: IntakeService;
  /** FOI requests (server/requests). */
  requests: RequestsArea;
  /** Parties, events, stories, links and suggestions (server/story/index.ts). */
  story: StoryArea;
  /** Metrics, health, the integrity check (server/ops). */
  ops: OpsArea;
  /** Saved searches and alerts (server/alerts). */
  alerts: AlertsArea;
  /** `warm`: start the PDF threads now, as a server does (tests leave it off: most never read a PDF). */
  start(opts?: { warm?: boolean }): Promise<void>;
  /** Finishes or releases running jobs, drains nothing more, closes the database. */
  stop(): Promise<void>;
}

export function createKilde(config: Config, opts: { logger: Logger; clock?: Clock; engine?: (db: Db, docs: DocumentsRepository) => SearchEngine }): Kilde {
  const { logger } = opts;
  const clock = opts.clock ?? systemClock;
  const db = openDatabase(config.dataDir);
  const blobs = createBlobStore(config.uploadsDir);
  const documents = createDocumentsRepository(db);
  const jobs = createJobsRepository(db);
  const outbox = createOutboxRepository(db);
  const audit = createAuditLog(db, clock);
  const auth = createAuthService({
    db, users: createUsersRepository(db), audit, clock, bcryptCost: config.bcryptCost, sessionDays: config.sessionDays,
    // The alerts feed's secret address is a credential too: made after this service, called later.
    onTokensRevoked: (userId) => alerts?.service.dropFeed(userId),
  });
  const ops = createOpsArea({ db, config, audit, clock, logger });
  const engine = instrumentEngine(opts.engine?.(db, documents) ?? createSearchEngine({ meili: config.meili, db, pageTexts: documents.pageTexts }), ops.metrics);
  const indexed = createIndexedDocuments(db, documents);

  // Page layouts and OCR memory: written by ingest, read by page images and the citation marks.
  const ingestRepo = createIngestRepository(db);
  // Extraction and OCR share CPU slots: one per core, one fewer while the server is answering.
  const activity = createHttpActivity();
  const cpuSlots = createCpuSlots({ cores: config.extractThreads, answering: activity.answering });
  const pdfEngine = config.pdfEngine === 'mupdf'
    ? createMupdfEngine({ threads: config.extractThreads, slots: cpuSlots, stepTimeoutMs: 20_000, renderTimeoutMs: 60_000, heapMb: config.extractMemoryMb })
    : null;
  // pdf.js reader threads, for the PDFs MuPDF refuses: one warm pool for extraction and page images.
  const pdfReaders = createPdfReaders();
  const ocrEngine = createOcrEngine({ choice: config.ocrEngine, workers: config.ocrWorkers, langs: config.ocrLangs, dictionaries: config.ocrDictionaries, cacheDir: path.join(config.dataDir, 'ocr-cache'), slots: cpuSlots });
  const ocr = instrumentOcr(ocrEngine, ops.metrics);
  const ingestHealth = async () => ({ pdf: { engine: pdfEngine?.name ?? 'pdf.js', fallback: 'pdf.js', threads: config.extractThreads }, ocr: await ocrEngine.describe() });
  const extractors = createExtractorRegistry({ ocr, pdf: createPdfExtractor({ ocr, engine: pdfEngine, readers: pdfReaders, limits: { maxOcrPages: config.ocrMaxPages } }), threads: { workers: config.workers, timeoutMs: config.extractTimeoutMs, heapMb: config.extractMemoryMb } });

  let runner: JobRunner | null = null;
  // Saved-search alerts look at what each drain indexed (the area is built below, with the requests).
  let alerts: AlertsArea | null = null;
  const indexer = createOutboxProcessor({ outbox, engine, load: (id) => indexed.load(id), clock, logger, onIndexed: async (ids) => { await alerts?.onIndexed(ids); } });
  const reindexer = createReindexer({ engine, reindex: createReindexRepository(db), outbox, source: () => indexed.source(), clock, logger, onQueued: () => indexer.wake() });
  const onQueued = () => runner?.wake();
  const intake = createIntakeService({ db, documents, jobs, blobs, audit, clock, jobMaxAttempts: config.jobMaxAttempts, onQueued });
  const documentsService = createDocumentsService({
    db, documents, jobs, outbox, blobs, audit, clock, jobMaxAttempts: config.jobMaxAttempts, onQueued,
    derivedDir: path.join(config.dataDir, 'derived'),
    onIndexChange: () => indexer.wake(),
  });
  const story = createStoryArea({
    db, documents: documentsService, outbox, audit, clock, logger,
    // The requests area is built below, on the story's parties: the party page calls it only when one is shown.
    authorityRecord: (partyId, viewer) => requests.authorityRecordOrNull(partyId, viewer),
  });
  const pipeline = createIngestPipeline({
    db, documents, outbox, blobs, intake, clock, logger,
    ingest: ingestRepo, ocrLangs: config.ocrLangs,
    extractorFor: (t) => extractors.forType(t),
    onIndexed: () => indexer.wake(),
    afterExtraction: (id) => story.suggestions.afterExtraction(id),
  });
  runner = createJobRunner({ jobs, handlers: { [EXTRACT_JOB]: instrumentJob(EXTRACT_JOB, pipeline, ops.metrics, ops.repository) }, concurrency: config.workers, clock, logger });
  const requests = createRequestsArea({
    db, outbox, audit, intake, clock, publicUrl: config.publicUrl,
    // Letters go to the authority's e-mail; a document is linked to a request by searching the ones the viewer may read.
    parties: story.parties,
    findDocuments: (viewer, text, limit) => documentsService.list(viewer, { text }, 1, limit).documents,
  });
  // Filing documents in bulk under stories and requests goes through those areas' own services.
  const bulk = createBulkActions({
    documents: documentsService,
    links: {
      addToStory: (viewer, storyId, id) => story.stories.addItem(viewer, storyId, 'document', id),
      linkToRequest: (viewer, requestId, id, role) => requests.log.linkDocument(viewer, requestId, id, role),
    },
  });
  const uploadBatches = createUploadBatches({ batches: createUploadBatchesRepository(db), documents: documentsService, clock });
  const searchLabels = createSearchLabels(db);
  const linkAccess = createLinkAccess(searchLabels);
  const alertsArea = createAlertsArea({
    db, engine, links: linkAccess, clock, logger, smtpUrl: config.smtpUrl, mailFrom: config.mailFrom, publicUrl: config.publicUrl, intervalMs: config.alertIntervalMs,
    requests: {
      list: (viewer, filter) => requests.service.list(viewer, filter),
      deadlines: (viewer, id) => requests.service.deadlines(viewer, id),
      entries: (viewer, id) => requests.log.entries(viewer, id),
      history: (viewer, id) => requests.service.history(viewer, id),
    },
  });
  alerts = alertsArea;
  const search = createSearchService({ engine, outbox, reindexer, labels: searchLabels, links: linkAccess, audit, clock, logger });
  // Page images draw with their own MuPDF threads, so a reader never waits behind a long extraction.
  const pageRenderer = createPageRenderer({ threads: MAX_RENDERS, readers: pdfReaders });
  const pageImages = createPageImages({
    documents: documentsService, blobs, derivedDir: path.join(config.dataDir, 'derived'), drawer: pageRenderer,
    // A page OCR read upright only after turning it is shown turned the same way.
    rotationOf: (id, n) => ingestRepo.layout(id, n)?.rotation ?? 0,
  });
  const citations = createCitationsArea({
    db, documents: documentsService, documentsRepo: documents, story, engine, blobs, audit, clock, publicUrl: config.publicUrl, layouts: ingestRepo,
    // Source bundles of a search run it as the search page does: same service, same query, same filters.
    search,
    pageImageUrl: pageImages.url,
  });
  const app = createApp({
    config, logger, blobs, documents: documentsService, pageImages, bulk, uploadBatches, intake, auth, audit,
    loginThrottle: createLoginThrottle(clock), activity, requests, story, citations, ops, alerts: alertsArea,
    searchTools: createSearchTools({ engine, documents: documentsService, clock }),
    search: { service: search, opsHealth: async () => ({ ...(await ops.health()), ingest: await ingestHealth() }) },
  });
  const jobRunner = runner;

  return {
    app,
    auth,
    db,
    runner: jobRunner,
    indexer,
    engine,
    reindexer,
    documents,
    audit,
    blobs,
    intake,
    requests,
    story,
    ops,
    alerts: alertsArea,
    async start(opts = {}) {
      if (opts.warm) void pdfEngine?.warm();
      // Search being down (Meilisearch unreachable) must not stop Kilde: uploads queue in the outbox.
      await engine.init().catch((err: unknown) => logger.warn('search engine not ready; will retry', { engine: engine.name, error: String(err) }));
      await reindexer.fillIfEmpty().catch((err: unknown) => logger.warn('could not check the search index', { error: String(err) }));
      jobRunner.start();
      alertsArea.start();
      indexer.start();
    },
    async stop() {
      await jobRunner.stop();
      await indexer.stop();
      await alertsArea.stop();
      await reindexer.settled();
      await ocr.close();
      pdfEngine?.closeIdle();
      pageRenderer.close();
      pdfReaders.close();
      cpuSlots.close();
      await ops.integrity.settled();
      db.close();
    },
  };
}
