/**
 * OpenAPI paths of the story area (parties, events, stories, a document's links and suggestions),
 * merged into `openapi.ts`. Schemas are inline, so merging the paths is all it takes; errors use the
 * shared Error response. Linking what is already linked answers 200 with `added: false`. A document's
 * links and suggestions have files of their own, merged in after the parties, events and stories.
 */
import {
  body, error, EVENT_ROLES, eventId, eventInput, eventSummary, json, KINDS, linked, paging, party,
  partyId, partyInput, partySummary, path, query, story, storyId, storyInput, timeline,
} from './openapi.story.schemas';
import { documentLinkPaths } from './openapi.story.document-links';
import { suggestionPaths } from './openapi.story.suggestions';

export const storyPaths = {
  '/api/parties': {
    get: {
      summary: 'List parties, or type-ahead with q',
      description: 'With q: names, short names and aliases matched Danish-folded (æ/ae, ø/oe, å/aa), best first.',
      parameters: [query('q', { type: 'string', maxLength: 300 }), query('kind', { enum: KINDS }), ...paging],
      responses: { '200': json({ type: 'object', properties: { total: { type: 'integer' }, parties: { type: 'array', items: partySummary } } }, 'Parties'), '400': error },
    },
    post: { summary: 'Create a party', requestBody: body({ ...partyInput, required: ['kind', 'name'] }), responses: { '201': json(party, 'Created'), '400': error, '403': error, '404': error } },
  },
  '/api/parties/{id}': {
    get: { summary: 'A party with its parents, sub-parties, documents by role, events and stories', parameters: [partyId], responses: { '200': json(party, 'The party'), '404': error } },
    patch: { summary: 'Change a party (renaming reindexes every linked document)', parameters: [partyId], requestBody: body(partyInput), responses: { '200': json(party, 'Changed'), '400': error, '403': error, '404': error } },
    delete: {
      summary: 'Delete a party',
      parameters: [partyId, query('force', { enum: ['true', 'false'] }, 'Required when anything links to the party; the links go with it')],
      responses: { '204': { description: 'Deleted' }, '403': error, '404': error, '409': error },
    },
  },
  '/api/parties/{id}/merge': {
    post: {
      summary: 'Merge this party into another',
      description: "Links, sub-parties and aliases move to `into`; this party's name and short name become its aliases; this party is deleted. Audited.",
      parameters: [partyId],
      requestBody: body({ type: 'object', required: ['into'], properties: { into: { type: 'string' } } }),
      responses: { '200': json(party, 'The surviving party'), '400': error, '403': error, '404': error },
    },
  },
  '/api/events': {
    get: {
      summary: 'List events in chronological order, or type-ahead with q',
      parameters: [query('q', { type: 'string', maxLength: 300 }), query('story', { type: 'string' }), ...paging],
      responses: { '200': json({ type: 'object', properties: { total: { type: 'integer' }, events: { type: 'array', items: eventSummary } } }, 'Events'), '400': error },
    },
    post: { summary: 'Create an event', requestBody: body({ ...eventInput, required: ['title', 'date'] }), responses: { '201': json(eventSummary, 'Created'), '400': error, '403': error, '404': error } },
  },
  '/api/events/{id}': {
    get: { summary: 'An event with its parties and its documents (with who sent them to whom)', parameters: [eventId], responses: { '200': json(eventSummary, 'The event'), '404': error } },
    patch: { summary: 'Change an event', parameters: [eventId], requestBody: body(eventInput), responses: { '200': json(eventSummary, 'Changed'), '400': error, '403': error, '404': error } },
    delete: { summary: 'Delete an event (its document links go with it)', parameters: [eventId], responses: { '204': { description: 'Deleted' }, '403': error, '404': error } },
  },
  '/api/events/{id}/parties': {
    post: {
      summary: 'Add a party to an event as actor or target',
      parameters: [eventId],
      requestBody: body({ type: 'object', required: ['partyId', 'role'], properties: { partyId: { type: 'string' }, role: { enum: EVENT_ROLES } } }),
      responses: { ...linked({ parties: { type: 'array' } }), '400': error, '403': error, '404': error },
    },
  },
  '/api/events/{id}/parties/{partyId}/{role}': {
    delete: { summary: 'Remove a party from an event', parameters: [eventId, path('partyId', 'Party id'), path('role', 'actor or target', { enum: EVENT_ROLES })], responses: { '204': { description: 'Removed' }, '400': error, '403': error, '404': error } },
  },
  '/api/stories': {
    get: { summary: 'Stories the viewer may read', parameters: paging, responses: { '200': json({ type: 'object', properties: { total: { type: 'integer' }, stories: { type: 'array', items: story } } }, 'Stories'), '400': error } },
    post: { summary: 'Create a story', requestBody: body({ ...storyInput, required: ['title'] }), responses: { '201': json(story, 'Created'), '400': error, '403': error } },
  },
  '/api/stories/{id}': {
    get: { summary: 'A story with its named readers and item ids', parameters: [storyId], responses: { '200': json(story, 'The story'), '404': error } },
    patch: { summary: 'Change a story, including its access level and named readers', parameters: [storyId], requestBody: body(storyInput), responses: { '200': json(story, 'Changed'), '400': error, '403': error, '404': error } },
    delete: { summary: 'Delete a story and its events (its documents stay)', parameters: [storyId], responses: { '204': { description: 'Deleted' }, '403': error, '404': error } },
  },
  '/api/stories/{id}/timeline': {
    get: { summary: "The story's chronology", parameters: [storyId], responses: { '200': json(timeline, 'The timeline'), '404': error } },
  },
  '/api/stories/{id}/items': {
    post: {
      summary: 'Add a document, party or FOI request to a story',
      parameters: [storyId],
      requestBody: body({ type: 'object', required: ['type', 'id'], properties: { type: { enum: ['document', 'party', 'request'] }, id: { type: 'string' } } }),
      responses: { ...linked({ type: { type: 'string' }, id: { type: 'string' } }), '400': error, '403': error, '404': error },
    },
  },
  '/api/stories/{id}/items/{type}/{itemId}': {
    delete: { summary: 'Remove an item from a story', parameters: [storyId, path('type', 'Item type', { enum: ['document', 'party', 'request'] }), path('itemId', 'Item id')], responses: { '204': { description: 'Removed' }, '400': error, '403': error, '404': error } },
  },
  ...documentLinkPaths,
  ...suggestionPaths,
};
