import type { SearchFilters, SearchResult } from '../../search/engine';
import type { Viewer } from '../auth/viewer';
import type { SearchLabels } from './search.repository';

/**
 * Stories, events and FOI requests have access of their own: a document the viewer may read can sit
 * in a story they may not, and that it does is the story's secret (its links page leaves the story
 * out). The engines index a document's links whatever their access, so every search made for a
 * person passes through here: the facets leave out the stories, events and requests the viewer
 * cannot read, and a filter on them counts only the ones they can — a filter naming none they can
 * read finds nothing, as an unknown id would.
 */
type Kind = 'storyIds' | 'eventIds' | 'requestIds';
const FACET_OF: Record<Kind, 'storyIds' | 'eventIds' | 'requestId'> = { storyIds: 'storyIds', eventIds: 'eventIds', requestIds: 'requestId' };
const KINDS = Object.keys(FACET_OF) as Kind[];

export function createLinkAccess(labels: SearchLabels) {
  const readable = (kind: Kind, ids: string[], viewer: Viewer, now: Date): Set<string> => {
    if (ids.length === 0) return new Set();
    const named = kind === 'storyIds' ? labels.stories(ids, viewer, now) : kind === 'eventIds' ? labels.events(ids, viewer, now) : labels.requests(ids, viewer, now);
    return new Set(named.keys());
  };

  return {
    /** The filters with what the viewer cannot read taken out; a filter left with none matches no document. */
    filters(viewer: Viewer, now: Date, filters: SearchFilters | undefined): SearchFilters | undefined {
      if (!filters) return filters;
      let out = filters;
      for (const kind of KINDS) {
        const ids = filters[kind];
        if (!ids || ids.length === 0) continue;
        const ok = readable(kind, ids, viewer, now);
        if (ok.size === ids.length) continue;
        // Both engines read an empty list of documents as "none".
        if (ok.size === 0) return { ...out, documentIds: [] };
        out = { ...out, [kind]: ids.filter((id) => ok.has(id)) };
      }
      return out;
    },

    /** The result with its story, event and request facets cut to what the viewer can read. */
    facets(viewer: Viewer, now: Date, result: SearchResult): SearchResult {
      let facets = result.facets;
      for (const kind of KINDS) {
        const name = FACET_OF[kind];
        const counts = facets[name];
        if (!counts || counts.length === 0) continue;
        const ok = readable(kind, counts.map((c) => c.value), viewer, now);
        if (ok.size < counts.length) facets = { ...facets, [name]: counts.filter((c) => ok.has(c.value)) };
      }
      return facets === result.facets ? result : { ...result, facets };
    },
  };
}

export type LinkAccess = ReturnType<typeof createLinkAccess>;
