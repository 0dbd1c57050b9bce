import path from 'node:path';
import express, { type Express } from 'express';
import helmet from 'helmet';
import multer from 'multer';
import { authenticate, guard } from './auth/auth.middleware';
import { authRoutes } from './auth/auth.routes';
import type { AuditLog } from './auth/audit';
import type { AuthService } from './auth/auth.service';
import type { LoginThrottle } from './auth/login-throttle';
import type { Config } from './lib/config';
import { documentsApi } from './documents/documents.api';
import { documentViewLocals } from './documents/documents.presenter';
import { homeWeb } from './home/home.web';
import { uploadApi } from './ingest/upload.api';
import { uploadWeb } from './ingest/upload.web';
import type { PageImages } from './documents/page-images';
import { pageImageRoutes, pageImageSection } from './documents/page-images.routes';
import { createDocumentPage } from './documents/document-page';
import { documentsWeb } from './documents/documents.web';
import type { BulkActions } from './documents/documents.bulk';
import type { DocumentsService } from './documents/documents.service';
import { fileUnderChoices } from './documents/file-under';
import type { UploadBatches } from './ingest/upload-batches.service';
import type { IntakeService } from './ingest/intake.service';
import type { HttpActivity } from './http/activity';
import { csrfCheckedUpload, csrfFileFilter } from './http/csrf';
import { errorHandler, errorTextHelper, lastResort, notFound } from './http/error-handler';
import { openApiRoute } from './http/openapi';
import { openApiDocument } from './openapi';
import { requestId } from './http/request-id';
import { blobStorage } from './http/upload-storage';
import { viewHelpers } from './http/view-helpers';
import type { Logger } from './lib/logger';
import type { OpsArea } from './ops';
import { integrityRoutes } from './ops/integrity.routes';
import { metricsRoutes, requestMetrics } from './ops/metrics.http';
import { searchApiRoutes, searchRoutes, type SearchRouteDeps } from './search-pages/search.routes';
import type { RequestsArea } from './requests';
import { storyRoutes, type StoryArea } from './story';
import type { BlobStore } from './storage/blob-store';
import { citationRoutes, publicCitationRoutes, type CitationsArea } from './citations';
import type { AlertsArea } from './alerts';
import { searchToolRoutes } from './search-pages/tools.routes';
import type { SearchTools } from './search-pages/tools.service';

/**
 * Builds the Express app from already-wired services. It has no side effects beyond the object it
 * returns: tests drive it through supertest without listening, `main.ts` serves it.
 */
export interface AppDeps {
  config: Config;
  logger: Logger;
  blobs: BlobStore;
  documents: DocumentsService;
  /** Bulk actions on documents and upload batches (server/documents), built in the composition root. */
  bulk: BulkActions;
  uploadBatches: UploadBatches;
  intake: IntakeService;
  /** The search service and the rest of /api/health for the search routes (server/search-pages/search.routes.ts). */
  search: Omit<SearchRouteDeps, 'bulkChoices'>;
  /** Batch search and the other search tools (server/search-pages/tools.service.ts). */
  searchTools: SearchTools;
  /** Each page as a picture beside its text (server/documents/page-images.ts). */
  pageImages: PageImages;
  auth: AuthService;
  audit: AuditLog;
  /** Failed sign-ins per address and per (address, username); the one piece of in-memory state, owned by the composition root. */
  loginThrottle: LoginThrottle;
  /** FOI requests (pages, JSON, calendar feeds); optional so partial apps in tests can omit it. */
  requests?: RequestsArea;
  /** Parties, events, stories, links, suggestions; it adds the document pages' Links section. */
  story?: StoryArea;
  /** Permanent, page and quote links, the cite panel, quote check, bundles, share links; it adds the document pages' cite panel. */
  citations?: CitationsArea;
  /** Metrics (`/metrics`, request timing) and the admin's integrity page; optional so partial apps in tests can omit it. */
  ops?: OpsArea;
  /** Saved searches and alerts (the bell, the feed); optional so partial apps in tests can omit it. */
  alerts?: AlertsArea;
  /** Counts requests so extraction leaves a core to HTTP while people are being answered. */
  activity?: HttpActivity;
}

const ROOT = path.resolve(__dirname, __dirname.includes(`${path.sep}dist${path.sep}`) ? '../..' : '..');

export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('view engine', 'ejs');
  app.set('views', path.join(ROOT, 'views'));
  app.set('query parser', 'extended');
  // With 'view cache' EJS keeps each template compiled (and Express its file lookup). Express turns
  // it on only when NODE_ENV is production, which `npm start` does not set.
  app.set('view cache', deps.config.viewCache);

  app.use(requestId);
  if (deps.activity) app.use(deps.activity.middleware);
  if (deps.ops) app.use(requestMetrics(deps.ops.metrics, deps.logger));
  // Before sign-in: a scraper sends the metrics token, which is no user's API token.
  if (deps.ops && deps.config.metricsToken) app.use(metricsRoutes(deps.ops.metrics, deps.config.metricsToken));
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'"],
          imgSrc: ["'self'", 'data:'],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
          objectSrc: ["'none'"],
          upgradeInsecureRequests: null,
        },
      },
      crossOriginEmbedderPolicy: false,
    }),
  );
  app.use('/static', express.static(path.join(ROOT, 'public'), { maxAge: '1h', index: false }));
  app.get('/favicon.ico', (_req, res) => res.redirect(301, '/static/favicon.svg'));
  app.use(express.json({ limit: '1mb' }));
  app.use(express.urlencoded({ extended: false, limit: '1mb' }));
  app.use(viewHelpers);
  app.use(documentViewLocals);
  if (deps.requests) app.use(deps.requests.viewLocals);
  app.use(errorTextHelper);
  app.use(authenticate(deps.auth));
  // Share links are public: their pages answer before the sign-in guard.
  if (deps.citations) app.use(publicCitationRoutes(deps.citations));
  // An alert feed's secret URL is its credential (feed readers cannot sign in).
  if (deps.alerts) app.use(deps.alerts.feedRoutes());
  app.use(guard(deps.auth));
  if (deps.alerts) app.use(deps.alerts.bell());
  // Scripts' searches, behind the same headers, sign-in and guard as every route, but ahead of the
  // areas' routers: none of them answers GET /api/search, and matching it against their few hundred
  // routes cost about as much as the rest of the stack together.
  app.use(searchApiRoutes(deps.search.service));
  app.use(authRoutes({ auth: deps.auth, audit: deps.audit, secureCookies: deps.config.secureCookies, throttle: deps.loginThrottle }));

  // A browser's upload form carries its CSRF token as the first field; no file is stored before it matched.
  const upload = csrfCheckedUpload(multer({
    storage: blobStorage(deps.blobs),
    fileFilter: csrfFileFilter,
    // Browsers send a file's name as raw UTF-8 ("Svar på aktindsigt.pdf"); busboy would read latin1.
    defParamCharset: 'utf8',
    limits: { fileSize: deps.config.maxUploadBytes, files: 50, fields: 20, fieldSize: 64 * 1024, parts: 100 },
  }));

  if (deps.alerts) app.use(deps.alerts.routes());
  if (deps.requests) app.use(deps.requests.routes(upload));
  if (deps.story) app.use(storyRoutes(deps.story));
  if (deps.citations) app.use(citationRoutes(deps.citations));
  app.use(pageImageRoutes({ pageImages: deps.pageImages }));
  app.use(uploadApi({ intake: deps.intake, upload }));
  app.use(documentsApi({ documents: deps.documents }));
  app.use(homeWeb({ documents: deps.documents, story: deps.story, requests: deps.requests }));
  app.use(uploadWeb({ documents: deps.documents, batches: deps.uploadBatches, intake: deps.intake, upload, maxUploadBytes: deps.config.maxUploadBytes, story: deps.story, requests: deps.requests }));
  // A document's page, with the sections other areas add to it.
  const page = createDocumentPage([deps.story?.documentSection, deps.citations?.documentSection, pageImageSection(deps.pageImages)]);
  app.use(documentsWeb({ documents: deps.documents, bulk: deps.bulk, auth: deps.auth, story: deps.story, requests: deps.requests, page }));
  app.use(searchToolRoutes(deps.searchTools));
  app.use(searchRoutes({
    ...deps.search,
    // The results page offers the documents list's bulk bar (posting to /documents/bulk).
    bulkChoices: (viewer) => ({ ...fileUnderChoices(viewer, deps.story, deps.requests), tags: deps.documents.tags(viewer) }),
    mailAvailable: deps.alerts?.mailAvailable ?? false,
  }));
  if (deps.ops) app.use(integrityRoutes(deps.ops.integrity));
  app.use(openApiRoute(openApiDocument));

  app.use(notFound);
  app.use(errorHandler(deps.logger, deps.config.maxUploadBytes));
  app.use(lastResort(deps.logger));
  return app;
}
