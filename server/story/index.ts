import { Router } from 'express';
import type { OutboxRepository } from '../../search/outbox.repository';
import type { AuditLog } from '../auth/audit';
import type { Db } from '../db/connection';
import type { DocumentPageSection } from '../documents/document-page';
import type { DocumentsService } from '../documents/documents.service';
import type { Clock } from '../lib/clock';
import type { Logger } from '../lib/logger';
import { createEventsRepository } from './events/events.repository';
import { createEventsService } from './events/events.service';
import { createLinksRepository } from './links/links.repository';
import { createLinksService } from './links/links.service';
import { createDocumentLinksPage } from './pages/document-links';
import { createEventPage } from './pages/event-page';
import { createPartyPage, type AuthorityRecordPort } from './pages/party-page';
import { createTimelineService } from './pages/timeline.service';
import { createPartiesRepository } from './parties/parties.repository';
import { createPartiesService } from './parties/parties.service';
import { eventsApi } from './routes/events.api';
import { eventsWeb } from './routes/events.web';
import { linksApi } from './routes/links.api';
import { linksWeb } from './routes/links.web';
import { partiesApi } from './routes/parties.api';
import { partiesWeb } from './routes/parties.web';
import { storiesApi } from './routes/stories.api';
import { storiesWeb } from './routes/stories.web';
import { suggestionsApi } from './routes/suggestions.api';
import { createGuards } from './shared/guards';
import { createReindex, createWrites } from './shared/writes';
import { createStoriesRepository } from './stories/stories.repository';
import { createStoriesService } from './stories/stories.service';
import { createSuggestionsRepository } from './suggestions/suggestions.repository';
import { createSuggestionsService } from './suggestions/suggestions.service';

/**
 * The story area — parties, events, stories, the links between them and documents, and
 * suggestions from a document's text. This file is its one entry point: other folders import from
 * here, never from inside.
 *
 * Inside, each layer imports only the layers before it:
 *
 *   shared/       ids and input fields, the access guards, reindex and the update/delete transaction
 *   parties/      each area: types, schema, repository (its SQL, its own), service, presenter.
 *   stories/      A service takes the services of the areas above it, never their repositories:
 *   events/       stories use parties; events use parties and stories; links use all three;
 *   links/        suggestions use parties and links.
 *   suggestions/
 *   pages/        what a page shows, assembled from the services: a party's, an event's, a story's
 *                 timeline, and a document's Links section
 *   routes/       HTTP: the JSON API (*.api.ts) and the pages (*.web.ts) of each area
 *   demo/         the demo story `npm run demo` loads (server/cli/demo.ts)
 *
 * Wiring (server/kilde.ts):  const story = createStoryArea({ db, documents, outbox, audit, clock, logger, authorityRecord });
 *   with the documents service (never its repository), and pass `afterExtraction:
 *   story.suggestions.afterExtraction` to the ingest pipeline. `authorityRecord` is the requests
 *   area's record of an authority, for the party page: a port, since that area builds on this one.
 * Mounting (server/app.ts):  app.use(storyRoutes(deps.story)), and `documentSection` among the
 *   document page's sections (server/documents/document-page.ts).
 */
export function createStoryArea(deps: {
  db: Db; documents: DocumentsService; outbox: OutboxRepository; audit: AuditLog; clock: Clock; logger: Logger; authorityRecord?: AuthorityRecordPort;
}) {
  const { db, documents, outbox, audit, clock, logger } = deps;
  const guards = createGuards(db, documents, clock);
  const reindex = createReindex(outbox, clock);
  const writes = createWrites({ db, reindex, audit });

  const parties = createPartiesService({ db, parties: createPartiesRepository(db), guards, reindex, audit, clock });
  const stories = createStoriesService({ db, stories: createStoriesRepository(db), parties, guards, reindex, writes, audit, clock });
  const events = createEventsService({ db, events: createEventsRepository(db), parties, stories, guards, writes, audit, clock });
  const links = createLinksService({ db, links: createLinksRepository(db), documents, parties, events, stories, guards, reindex, audit, clock });
  const suggestions = createSuggestionsService({ db, suggestions: createSuggestionsRepository(db), documents, parties, links, guards, reindex, audit, clock, logger });

  const timeline = createTimelineService({ stories, events, links, parties });
  const partyPage = createPartyPage({ parties, links, events, stories, authorityRecord: deps.authorityRecord });
  const eventPage = createEventPage({ events, links, parties, stories });
  const documentLinks = createDocumentLinksPage({ links, suggestions, parties, events, stories });

  /** The document page's Links section (views/links/document-links.ejs reads `documentLinks`). */
  const documentSection: DocumentPageSection = (viewer, documentId) => ({ documentLinks: documentLinks.forDocumentPage(viewer, documentId) });

  return { parties, stories, events, links, suggestions, timeline, partyPage, eventPage, documentSection };
}

export type StoryArea = ReturnType<typeof createStoryArea>;

export function storyRoutes(area: StoryArea): Router {
  const r = Router();
  r.use(linksWeb({ links: area.links, suggestions: area.suggestions }));
  r.use(linksApi({ links: area.links }));
  r.use(suggestionsApi({ suggestions: area.suggestions }));
  r.use(partiesApi({ parties: area.parties, page: area.partyPage }));
  r.use(partiesWeb({ parties: area.parties, page: area.partyPage }));
  r.use(eventsApi({ events: area.events, page: area.eventPage }));
  r.use(eventsWeb({ events: area.events, page: area.eventPage, parties: area.parties, stories: area.stories }));
  r.use(storiesApi({ stories: area.stories, timeline: area.timeline }));
  r.use(storiesWeb({ stories: area.stories, timeline: area.timeline, parties: area.parties }));
  return r;
}

// What other folders use of the area, besides the services on StoryArea.
export type { LinksService } from './links/links.service';
export type { SuggestionsService } from './suggestions/suggestions.service';
export type { TimelineService } from './pages/timeline.service';
export type { PartiesService } from './parties/parties.service';
export type { AuthorityRecordPort, PartyFoiRecord } from './pages/party-page';
export { PARTY_KINDS, type PartyKind } from './parties/parties.types';
export { email, postalAddress } from './parties/parties.schema';
export { idFromInput } from './shared/input';
export { DEMO_TITLE, loadDemoStory } from './demo/demo-story';
