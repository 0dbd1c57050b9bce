import { canWrite, type Viewer } from '../../auth/viewer';
import { AppError } from '../../lib/errors';
import type { EventsService } from '../events/events.service';
import type { EventSummary } from '../events/events.types';
import type { LinksService } from '../links/links.service';
import { DOCUMENT_PARTY_ROLES, DOCUMENT_RELATIONS, type DocumentLinks } from '../links/links.types';
import type { PartiesService } from '../parties/parties.service';
import { PARTY_KINDS, type PartySummary } from '../parties/parties.types';
import type { StoriesService } from '../stories/stories.service';
import type { StorySummary } from '../stories/stories.types';
import type { SuggestionRecord } from '../suggestions/suggestions.repository';
import type { SuggestionsService } from '../suggestions/suggestions.service';

/**
 * The locals of the "Links" section of a document's page (views/links/document-links.ejs):
 * the links, the open suggestions, the personal-data flag, and the names the forms offer in their
 * <datalist>s (so type-ahead works without JavaScript; public/links.js narrows it as you type).
 */
export interface DocumentLinksPage {
  documentId: string;
  links: DocumentLinks;
  /** Event-date suggestions carry the visible events of that day, so accepting can link one instead of creating a twin. */
  suggestions: Array<SuggestionRecord & { party?: PartySummary; sameDayEvents?: EventSummary[] }>;
  personalData: { pages: number[]; confirmed: boolean };
  canWrite: boolean;
  roles: readonly string[];
  relations: readonly string[];
  kinds: readonly string[];
  partyOptions: PartySummary[];
  eventOptions: EventSummary[];
  storyOptions: StorySummary[];
}

/** How many names the page's datalists carry before the script takes over with the JSON endpoint. */
const OPTIONS = 300;

export function createDocumentLinksPage(deps: { links: LinksService; suggestions: SuggestionsService; parties: PartiesService; events: EventsService; stories: StoriesService }) {
  const { links, suggestions, parties, events, stories } = deps;
  return {
    /** Null when the document does not exist or the viewer may not read it (the page answers 404 itself). */
    forDocumentPage(viewer: Viewer, documentId: string): DocumentLinksPage | null {
      let l: DocumentLinks;
      try {
        l = links.forDocument(viewer, documentId);
      } catch (err) {
        if (err instanceof AppError && err.code === 'not_found') return null;
        throw err;
      }
      return {
        documentId,
        links: l,
        suggestions: suggestions.list(viewer, documentId, 'open').map((s) => (s.kind === 'event_date' ? { ...s, sameDayEvents: events.list(viewer, { date: s.value }, 20, 1).events } : s)),
        personalData: suggestions.personalData(documentId),
        canWrite: canWrite(viewer),
        roles: DOCUMENT_PARTY_ROLES,
        relations: DOCUMENT_RELATIONS,
        kinds: PARTY_KINDS,
        partyOptions: parties.list(viewer, {}, OPTIONS, 1).parties,
        eventOptions: events.suggest(viewer, '', OPTIONS),
        storyOptions: stories.pickList(viewer),
      };
    },
  };
}

export type DocumentLinksPageService = ReturnType<typeof createDocumentLinksPage>;
