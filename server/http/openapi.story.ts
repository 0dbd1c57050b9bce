/**
 * OpenAPI paths of the story area (parties, events, stories, a document's links and suggestions),
 * merged into `openapi.ts`. Schemas are inline, so merging the paths is all it takes; errors use the
 * shared Error response. Linking what is already linked answers 200 with `added: false`.
 */
const error = { $ref: '#/components/responses/Error' };
const json = (schema: Record<string, unknown>, description: string) => ({ description, content: { 'application/json': { schema } } });
const body = (schema: Record<string, unknown>, required = true) => ({ required, content: { 'application/json': { schema } } });
const path = (name: string, description: string, schema: Record<string, unknown> = { type: 'string' }) => ({ name, in: 'path', required: true, schema, description });
const query = (name: string, schema: Record<string, unknown>, description?: string) => ({ name, in: 'query', schema, ...(description ? { description } : {}) });

const KINDS = ['authority', 'organisation', 'company', 'person'];
const ROLES = ['sender', 'recipient', 'cc', 'mentioned', 'subject'];
const RELATIONS = ['reply_to', 'attachment_of', 'version_of'];
const EVENT_ROLES = ['actor', 'target'];
const ACCESS = ['newsroom', 'restricted', 'embargoed'];
const PARTIAL_DATE = { type: 'string', pattern: '^\\d{4}(-\\d{2}(-\\d{2})?)?$', description: 'YYYY-MM-DD, YYYY-MM or YYYY: the precision follows' };

const documentId = path('id', 'Document id (doc_…)');
const partyId = path('id', 'Party id (pty_…)');
const eventId = path('id', 'Event id (evt_…)');
const storyId = path('id', 'Story id (sto_…)');
const links = { type: 'object', properties: { self: { type: 'string' }, html: { type: 'string' } } };

const partySummary = {
  type: 'object',
  required: ['id', 'kind', 'name'],
  properties: { id: { type: 'string' }, kind: { enum: KINDS }, name: { type: 'string' }, shortName: { type: ['string', 'null'] }, matched: { type: 'string', description: 'Type-ahead: the name or alias that matched' }, documentCount: { type: 'integer' }, links },
};
const partyInput = {
  type: 'object',
  properties: {
    kind: { enum: KINDS },
    name: { type: 'string', maxLength: 300 },
    shortName: { type: ['string', 'null'], maxLength: 100 },
    aliases: { type: 'array', items: { type: 'string', maxLength: 200 }, maxItems: 50 },
    parentId: { type: ['string', 'null'], description: 'A cycle is refused with 400' },
    notes: { type: ['string', 'null'], maxLength: 20000 },
    identifiers: { type: 'object', additionalProperties: { type: 'string' }, description: 'E.g. { "cvr": "10150817" }; a CVR number must pass its modulus-11 check' },
    email: { type: ['string', 'null'], maxLength: 254, description: 'Where letters go (the recipient of an FOI letter); "" or null clears it' },
    postalAddress: { type: ['string', 'null'], maxLength: 1000, description: 'Lines of the postal address, for letters sent by post' },
  },
};
const party = {
  type: 'object',
  properties: { ...partyInput.properties, id: { type: 'string' }, createdAt: { type: 'string', format: 'date-time' }, updatedAt: { type: 'string', format: 'date-time' }, links },
};
const eventSummary = {
  type: 'object',
  required: ['id', 'title', 'date', 'precision'],
  properties: { id: { type: 'string' }, title: { type: 'string' }, date: PARTIAL_DATE, precision: { enum: ['day', 'month', 'year'] }, endDate: { type: ['string', 'null'] }, storyId: { type: ['string', 'null'] }, links },
};
const eventInput = {
  type: 'object',
  properties: {
    title: { type: 'string', maxLength: 300 },
    date: PARTIAL_DATE,
    endDate: { type: ['string', 'null'] },
    description: { type: ['string', 'null'], maxLength: 20000 },
    storyId: { type: ['string', 'null'] },
    parties: { type: 'array', items: { type: 'object', required: ['partyId', 'role'], properties: { partyId: { type: 'string' }, role: { enum: EVENT_ROLES } } } },
  },
};
const storyInput = {
  type: 'object',
  properties: {
    title: { type: 'string', maxLength: 300 },
    description: { type: ['string', 'null'], maxLength: 20000 },
    accessLevel: { enum: ACCESS },
    embargoUntil: { type: ['string', 'null'], description: 'Required when embargoed: 2018-10-15 or an ISO time' },
    users: { type: 'array', items: { type: 'string' }, description: 'Named readers (user ids or user names) of a restricted or embargoed story' },
  },
};
const story = {
  type: 'object',
  properties: { ...storyInput.properties, id: { type: 'string' }, users: { type: 'array', items: { type: 'object' } }, createdAt: { type: 'string' }, updatedAt: { type: 'string' }, links },
};
const linkedDocument = { type: 'object', properties: { id: { type: 'string' }, title: { type: 'string' }, documentDate: { type: ['string', 'null'] }, datePrecision: { type: ['string', 'null'] }, status: { type: 'string' }, links } };
const documentLinks = {
  type: 'object',
  properties: {
    documentId: { type: 'string' },
    parties: { type: 'array', items: { type: 'object', properties: { role: { enum: ROLES }, party: partySummary } } },
    events: { type: 'array', items: eventSummary },
    documents: {
      type: 'object',
      properties: {
        outgoing: { type: 'array', items: { type: 'object', properties: { relation: { enum: RELATIONS }, document: linkedDocument } }, description: 'This document is a reply to / an attachment of / a version of …' },
        incoming: { type: 'array', items: { type: 'object', properties: { relation: { enum: RELATIONS }, document: linkedDocument } } },
      },
    },
    stories: { type: 'array', items: { type: 'object', properties: { id: { type: 'string' }, title: { type: 'string' }, accessLevel: { enum: ACCESS } } } },
  },
};
const suggestion = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    kind: { enum: ['party_mention', 'document_date', 'event_date', 'personal_data'] },
    value: { type: 'string', description: 'Party id, ISO date, or "page:N" for personal data' },
    page: { type: ['integer', 'null'] },
    detail: { type: 'object', description: 'What was found; CPR numbers only masked (DDMMYY-****)' },
    state: { enum: ['open', 'accepted', 'dismissed'] },
    party: partySummary,
  },
};
const timelineDocument = { type: 'object', properties: { id: { type: 'string' }, title: { type: 'string' }, date: { type: ['string', 'null'] }, precision: { type: ['string', 'null'] }, parties: { type: 'object', description: 'Parties by role: sender, recipient, cc, mentioned, subject' } } };
const timeline = {
  type: 'object',
  description: 'Events and dated documents in order. A month sorts at its first day and a year at 1 January, before the day-precision items of that period; on the same date events come before documents. Documents linked to an event sit under it.',
  properties: {
    story,
    entries: { type: 'array', items: { oneOf: [{ type: 'object', properties: { kind: { const: 'event' }, event: eventSummary, documents: { type: 'array', items: timelineDocument } } }, { type: 'object', properties: { kind: { const: 'document' }, document: timelineDocument } }] } },
    undated: { type: 'array', items: timelineDocument },
  },
};
const linked = (extra: Record<string, unknown>) => ({ '201': json({ type: 'object', properties: { added: { const: true }, ...extra } }, 'Linked'), '200': json({ type: 'object', properties: { added: { const: false }, ...extra } }, 'Already linked') });
const paging = [query('limit', { type: 'integer', minimum: 1, maximum: 200 }), query('page', { type: 'integer', minimum: 1 })];

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
  '/api/documents/{id}/links': {
    get: { summary: "A document's parties (by role), events, related documents and stories", parameters: [documentId], responses: { '200': json(documentLinks, 'Links'), '404': error } },
  },
  '/api/documents/{id}/parties': {
    post: {
      summary: 'Link a party to a document with a role',
      description: 'By partyId, or by name (name, short name or alias). A name matching no party creates it when kind is given; without kind: 404. A name shared by several parties: 409.',
      parameters: [documentId],
      requestBody: body({ type: 'object', required: ['role'], properties: { partyId: { type: 'string' }, name: { type: 'string' }, kind: { enum: KINDS }, role: { enum: ROLES } } }),
      responses: { ...linked({ partyCreated: { type: 'boolean' }, role: { enum: ROLES }, party: partySummary }), '400': error, '403': error, '404': error, '409': error },
    },
  },
  '/api/documents/{id}/parties/{partyId}/{role}': {
    patch: {
      summary: 'Change the role of a party link',
      parameters: [documentId, path('partyId', 'Party id'), path('role', 'The current role', { enum: ROLES })],
      requestBody: body({ type: 'object', required: ['role'], properties: { role: { enum: ROLES } } }),
      responses: { '200': json(documentLinks, 'The links after the change'), '400': error, '403': error, '404': error },
    },
    delete: { summary: 'Remove a party link', parameters: [documentId, path('partyId', 'Party id'), path('role', 'Role', { enum: ROLES })], responses: { '204': { description: 'Removed' }, '400': error, '403': error, '404': error } },
  },
  '/api/documents/{id}/events': {
    post: {
      summary: 'Link an event to a document',
      description: 'By eventId, or by title; a title matching no event creates it when date is given.',
      parameters: [documentId],
      requestBody: body({ type: 'object', properties: { eventId: { type: 'string' }, title: { type: 'string' }, date: PARTIAL_DATE, storyId: { type: ['string', 'null'] } } }),
      responses: { ...linked({ eventId: { type: 'string' }, eventCreated: { type: 'boolean' } }), '400': error, '403': error, '404': error, '409': error },
    },
  },
  '/api/documents/{id}/events/{eventId}': {
    delete: { summary: 'Remove an event link', parameters: [documentId, path('eventId', 'Event id')], responses: { '204': { description: 'Removed' }, '403': error, '404': error } },
  },
  '/api/documents/{id}/documents': {
    post: {
      summary: 'Link this document to another: reply to, attachment of, version of',
      parameters: [documentId],
      requestBody: body({ type: 'object', required: ['documentId', 'relation'], properties: { documentId: { type: 'string', description: 'An id or a pasted link to the document' }, relation: { enum: RELATIONS } } }),
      responses: { ...linked({ documentId: { type: 'string' }, relation: { enum: RELATIONS } }), '400': error, '403': error, '404': error },
    },
  },
  '/api/documents/{id}/documents/{otherId}/{relation}': {
    patch: {
      summary: 'Change the relation of a document link',
      parameters: [documentId, path('otherId', 'The other document'), path('relation', 'The current relation', { enum: RELATIONS })],
      requestBody: body({ type: 'object', required: ['relation'], properties: { relation: { enum: RELATIONS } } }),
      responses: { '200': json(documentLinks, 'The links after the change'), '400': error, '403': error, '404': error },
    },
    delete: { summary: 'Remove a document link', parameters: [documentId, path('otherId', 'The other document'), path('relation', 'Relation', { enum: RELATIONS })], responses: { '204': { description: 'Removed' }, '400': error, '403': error, '404': error } },
  },
  '/api/documents/{id}/stories': {
    post: { summary: 'Add the document to a story', parameters: [documentId], requestBody: body({ type: 'object', required: ['storyId'], properties: { storyId: { type: 'string' } } }), responses: { ...linked({ storyId: { type: 'string' } }), '400': error, '403': error, '404': error } },
  },
  '/api/documents/{id}/stories/{storyId}': {
    delete: { summary: 'Remove the document from a story', parameters: [documentId, path('storyId', 'Story id')], responses: { '204': { description: 'Removed' }, '403': error, '404': error } },
  },
  '/api/documents/{id}/suggestions': {
    get: {
      summary: "Suggestions from the document's text, and its personal-data flag",
      description: 'Known party names and aliases (as "mentioned"), the letter date, dates of events, pages holding CPR numbers. Scans first when the text changed since the last scan.',
      parameters: [documentId, query('state', { enum: ['open', 'accepted', 'dismissed'] })],
      responses: { '200': json({ type: 'object', properties: { suggestions: { type: 'array', items: suggestion }, personalData: { type: 'object', properties: { pages: { type: 'array', items: { type: 'integer' } }, confirmed: { type: 'boolean' } } } } }, 'Suggestions'), '400': error, '404': error },
    },
  },
  '/api/documents/{id}/suggestions/scan': {
    post: { summary: 'Scan the text again (e.g. after adding parties); decided suggestions stay decided', parameters: [documentId], responses: { '200': json({ type: 'object', properties: { suggestions: { type: 'array', items: suggestion } } }, 'Open suggestions'), '403': error, '404': error } },
  },
  '/api/documents/{id}/suggestions/{sid}/accept': {
    post: {
      summary: 'Accept a suggestion: link the party, set the date, create or link the event, confirm personal data',
      parameters: [documentId, path('sid', 'Suggestion id', { type: 'integer' })],
      requestBody: body({ type: 'object', properties: { role: { enum: ROLES, description: 'For a party (default mentioned)' }, title: { type: 'string', description: 'For a new event' }, eventId: { type: 'string', description: 'Link an existing event instead' }, storyId: { type: ['string', 'null'] } } }, false),
      responses: { '200': json(suggestion, 'Accepted'), '400': error, '403': error, '404': error, '409': error },
    },
  },
  '/api/documents/{id}/suggestions/{sid}/dismiss': {
    post: { summary: 'Dismiss a suggestion; it never comes back', parameters: [documentId, path('sid', 'Suggestion id', { type: 'integer' })], responses: { '200': json(suggestion, 'Dismissed'), '403': error, '404': error, '409': error } },
  },
};
