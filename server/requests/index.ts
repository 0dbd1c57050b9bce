import { Router, type RequestHandler } from 'express';
import type multer from 'multer';
import type { OutboxRepository } from '../../search/outbox.repository';
import type { AuditLog } from '../auth/audit';
import type { Viewer } from '../auth/viewer';
import type { Db } from '../db/connection';
import type { IntakeService } from '../ingest/intake.service';
import type { Clock } from '../lib/clock';
import type { PartiesService } from '../story';
import { createCalendarFeedsRepository } from './feeds/feeds.repository';
import { calendarRoutes } from './feeds/feeds.routes';
import { createCalendarService } from './feeds/feeds.service';
import { foiRoutes } from './foi.routes';
import { createLettersService } from './letters/letters.service';
import { createLetterTemplatesRepository } from './letters/letters.templates.repository';
import { requestsApi } from './requests.api';
import { createRequestLogService } from './requests.log.service';
import { createAuthorityRecord, type AuthorityRecord } from './requests.record';
import { createRequestsRepository } from './core/requests.repository';
import { createLawRepository } from './core/requests.law.repository';
import { lawRoutes } from './requests.law.routes';
import { createLawService } from './requests.law.service';
import { createRequestsService } from './core/requests.service';
import { STATUS_LABELS } from './core/requests.status';
import type { RequestStatus } from './core/requests.types';
import { requestsWeb, type DocumentFinder } from './requests.web';

/**
 * FOI requests: filing, tracking and chasing access-to-documents requests with their legal
 * deadlines. `createRequestsArea` wires the area from what the composition root already has;
 * `routes(upload)` gives one router with every page and JSON route of the area.
 *
 * Inside, each folder builds only on those before it: `deadlines/` and `authorities/` (the laws and
 * the directory), `core/` (a request's record, its rules, access and storage), then `letters/` and
 * `feeds/` (what is written and published from requests); the files here (routes, pages, the law
 * and log services) use them all.
 */
export { computeDeadlines, listJurisdictions } from './deadlines';
export type { AuthorityRecord } from './requests.record';
export type { RequestStatus, RequestSummary } from './core/requests.types';

/**
 * `publicUrl`: KILDE_PUBLIC_URL, for the calendar feed's absolute links (null: same-origin paths only).
 * `parties`: where an authority's e-mail and postal address live (letters are addressed to them; the
 * request form records them). `findDocuments`: documents the viewer may read by title or file name,
 * for linking one to a request by searching. Without them (a partial area, as a test may build)
 * letters have no recipient and the document search finds nothing. The composition root
 * (server/kilde.ts) builds the area once.
 */
export function createRequestsArea(deps: {
  db: Db; outbox: OutboxRepository; audit: AuditLog; intake: IntakeService; clock: Clock; publicUrl?: string | null;
  parties?: PartiesService; findDocuments?: DocumentFinder;
}) {
  const { db, outbox, audit, intake, clock } = deps;
  const repository = createRequestsRepository(db);
  const lawRepository = createLawRepository(db);
  const law = createLawService({ db, requests: repository, law: lawRepository, audit, clock });
  const service = createRequestsService({ db, requests: repository, outbox, audit, clock, law: lawRepository, suggestFromAnswers: law.suggestFromAnswers });
  const log = createRequestLogService({ db, requests: repository, intake, outbox, audit, clock });
  const letters = createLettersService({
    db, requests: service, templates: createLetterTemplatesRepository(db), audit, clock,
    recipientOf: deps.parties ? (partyId) => { const p = deps.parties!.get(partyId); return { name: p.name, email: p.email, postalAddress: p.postalAddress }; } : undefined,
  });
  const record = createAuthorityRecord({ requests: repository, law: lawRepository, clock });
  const calendar = createCalendarService({ db, requests: repository, feeds: createCalendarFeedsRepository(db), audit, clock });
  /** The record of a party that is no authority, or that the viewer may not see, is simply not shown. */
  const recordOrNull = (partyId: string, viewer: Viewer): AuthorityRecord | null => {
    try {
      return record(partyId, viewer);
    } catch {
      return null;
    }
  };

  return {
    service,
    log,
    letters,
    calendar,
    /** An authority's record with the newsroom's requests (only requests the viewer may see). */
    authorityRecord: (partyId: string, viewer: Viewer): AuthorityRecord => record(partyId, viewer),
    /** The same, or null when it is not to be shown; the party page's (server/kilde.ts hands it to the story area). */
    authorityRecordOrNull: recordOrNull,
    /** Every request a document belongs to, for the search index's request filter. */
    requestIdsOfDocument: (documentId: string): string[] => repository.requestIdsOfDocument(documentId),

    /**
     * `requestStatusLabel` for every page's views: the party page (another area's) shows an
     * authority's record with its requests' statuses too. Mounted by the app before any router.
     */
    viewLocals: ((_req, res, next) => {
      res.locals.requestStatusLabel = res.locals.lang === 'da' ? statusLabel.da : statusLabel.en;
      next();
    }) as RequestHandler,

    routes(upload: multer.Multer): Router {
      const r = Router();
      const routeDeps = { requests: service, log, letters, record, calendar, intake, upload };
      r.use(calendarRoutes({ calendar, publicUrl: deps.publicUrl ?? null }));
      r.use(foiRoutes({ letters }));
      r.use(lawRoutes({ law }));
      r.use(requestsApi(routeDeps));
      r.use(requestsWeb({ ...routeDeps, law, parties: deps.parties ?? null, findDocuments: deps.findDocuments ?? null }));
      return r;
    },
  };
}

const statusLabel = {
  da: (s: RequestStatus): string => STATUS_LABELS[s]?.da ?? String(s),
  en: (s: RequestStatus): string => STATUS_LABELS[s]?.en ?? String(s),
};

export type RequestsArea = ReturnType<typeof createRequestsArea>;
