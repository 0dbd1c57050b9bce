import { Router } from 'express';
import type { OutboxRepository } from '../../search/outbox.repository';
import { createAuditLog } from '../auth/audit';
import type { Db } from '../db/connection';
import type { DocumentsRepository } from '../documents/documents.repository';
import { createEventPage } from '../events/event-page';
import { eventsApi } from '../events/events.api';
import { createEventsRepository } from '../events/events.repository';
import { createEventsService } from '../events/events.service';
import { eventsWeb } from '../events/events.web';
import type { Clock } from '../lib/clock';
import type { Logger } from '../lib/logger';
import { partiesApi } from '../parties/parties.api';
import { createPartiesRepository } from '../parties/parties.repository';
import { createPartiesService } from '../parties/parties.service';
import { partiesWeb } from '../parties/parties.web';
import { createPartyPage } from '../parties/party-page';
import { storiesApi } from '../stories/stories.api';
import { createStoriesRepository } from '../stories/stories.repository';
import { createStoriesService } from '../stories/stories.service';
import { storiesWeb } from '../stories/stories.web';
import { createTimelineService } from '../stories/timeline.service';
import { suggestionsApi } from '../suggestions/suggestions.api';
import { createSuggestionsRepository } from '../suggestions/suggestions.repository';
import { createSuggestionsService } from '../suggestions/suggestions.service';
import { createDocumentPage } from './document-page';
import { createGuards } from './guards';
import { linksApi } from './links.api';
import { createLinksRepository } from './links.repository';
import { createLinksService } from './links.service';
import { linksWeb } from './links.web';
import { createReindex } from './reindex';

/**
 * The public face of the story area — parties, events, stories, the links between them and
 * documents, and suggestions from the text. `createStoryArea` wires its repositories and services
 * from what the composition root already has; `storyRoutes` mounts its API and pages.
 *
 * Wiring (server/kilde.ts):  const story = createStoryArea({ db, documents, outbox, clock, logger });
 *   and pass `afterExtraction: story.suggestions.afterExtraction` to the ingest pipeline.
 * Mounting (server/app.ts):  app.use(storyRoutes(deps.story)) BEFORE documentsWeb, so the document
 *   page receives `documentLinks` for views/links/document-links.ejs.
 */
export function createStoryArea(deps: { db: Db; documents: DocumentsRepository; outbox: OutboxRepository; clock: Clock; logger: Logger }) {
  const { db, documents, outbox, clock, logger } = deps;
  const audit = createAuditLog(db, clock);
  const guards = createGuards(db, documents, clock);
  const reindex = createReindex(outbox, clock);

  const partiesRepo = createPartiesRepository(db);
  const storiesRepo = createStoriesRepository(db);
  const eventsRepo = createEventsRepository(db);
  const linksRepo = createLinksRepository(db);
  const suggestionsRepo = createSuggestionsRepository(db);

  const parties = createPartiesService({ db, parties: partiesRepo, guards, reindex, audit, clock });
  const stories = createStoriesService({ db, stories: storiesRepo, parties: partiesRepo, guards, reindex, audit, clock });
  const events = createEventsService({ db, events: eventsRepo, parties: partiesRepo, stories, guards, reindex, audit, clock });
  const links = createLinksService({ db, links: linksRepo, documents, parties, events, stories, guards, reindex, audit, clock });
  const suggestions = createSuggestionsService({ db, suggestions: suggestionsRepo, documents, parties: partiesRepo, linksRepo, links, guards, reindex, audit, clock, logger });
  const timeline = createTimelineService({ stories, events: eventsRepo, links: linksRepo, documents, parties: partiesRepo, guards });
  const partyPage = createPartyPage({ parties, links: linksRepo, documents, events, eventsRepo, stories, guards });
  const eventPage = createEventPage({ events, links: linksRepo, documents, parties: partiesRepo, stories, guards });
  const documentPage = createDocumentPage({ links, suggestions, parties, events, stories });

  return { parties, stories, events, links, suggestions, timeline, partyPage, eventPage, documentPage, linksForDocumentPage: documentPage.forDocumentPage };
}

export type StoryArea = ReturnType<typeof createStoryArea>;

export function storyRoutes(area: StoryArea): Router {
  const r = Router();
  r.use(linksWeb({ links: area.links, suggestions: area.suggestions, page: area.documentPage }));
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
