/**
 * The shared parts of the story area's OpenAPI paths: parameters, and the inline schemas of a party,
 * an event, a story, a document's links and a suggestion. Errors use the shared Error response.
 */

export const error = { $ref: '#/components/responses/Error' };
export const json = (schema: Record<string, unknown>, description: string) => ({ description, content: { 'application/json': { schema } } });
export const body = (schema: Record<string, unknown>, required = true) => ({ required, content: { 'application/json': { schema } } });
export const path = (name: string, description: string, schema: Record<string, unknown> = { type: 'string' }) => ({ name, in: 'path', required: true, schema, description });
export const query = (name: string, schema: Record<string, unknown>, description?: string) => ({ name, in: 'query', schema, ...(description ? { description } : {}) });

export const KINDS = ['authority', 'organisation', 'company', 'person'];
export const ROLES = ['sender', 'recipient', 'cc', 'mentioned', 'subject'];
export const RELATIONS = ['reply_to', 'attachment_of', 'version_of'];
export const EVENT_ROLES = ['actor', 'target'];
const ACCESS = ['newsroom', 'restricted', 'embargoed'];
export const PARTIAL_DATE = { type: 'string', pattern: '^\\d{4}(-\\d{2}(-\\d{2})?)?$', description: 'YYYY-MM-DD, YYYY-MM or YYYY: the precision follows' };

export const documentId = path('id', 'Document id (doc_…)');
export const partyId = path('id', 'Party id (pty_…)');
export const eventId = path('id', 'Event id (evt_…)');
export const storyId = path('id', 'Story id (sto_…)');
const links = { type: 'object', properties: { self: { type: 'string' }, html: { type: 'string' } } };

export const partySummary = {
  type: 'object',
  required: ['id', 'kind', 'name'],
  properties: { id: { type: 'string' }, kind: { enum: KINDS }, name: { type: 'string' }, shortName: { type: ['string', 'null'] }, matched: { type: 'string', description: 'Type-ahead: the name or alias that matched' }, documentCount: { type: 'integer' }, links },
};
export const partyInput = {
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
export const party = {
  type: 'object',
  properties: { ...partyInput.properties, id: { type: 'string' }, createdAt: { type: 'string', format: 'date-time' }, updatedAt: { type: 'string', format: 'date-time' }, links },
};
export const eventSummary = {
  type: 'object',
  required: ['id', 'title', 'date', 'precision'],
  properties: { id: { type: 'string' }, title: { type: 'string' }, date: PARTIAL_DATE, precision: { enum: ['day', 'month', 'year'] }, endDate: { type: ['string', 'null'] }, storyId: { type: ['string', 'null'] }, links },
};
export const eventInput = {
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
export const storyInput = {
  type: 'object',
  properties: {
    title: { type: 'string', maxLength: 300 },
    description: { type: ['string', 'null'], maxLength: 20000 },
    accessLevel: { enum: ACCESS },
    embargoUntil: { type: ['string', 'null'], description: 'Required when embargoed: 2018-10-15 or an ISO time' },
    users: { type: 'array', items: { type: 'string' }, description: 'Named readers (user ids or user names) of a restricted or embargoed story' },
  },
};
export const story = {
  type: 'object',
  properties: { ...storyInput.properties, id: { type: 'string' }, users: { type: 'array', items: { type: 'object' } }, createdAt: { type: 'string' }, updatedAt: { type: 'string' }, links },
};
const linkedDocument = { type: 'object', properties: { id: { type: 'string' }, title: { type: 'string' }, documentDate: { type: ['string', 'null'] }, datePrecision: { type: ['string', 'null'] }, status: { type: 'string' }, links } };
export const documentLinks = {
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
export const suggestion = {
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
export const timeline = {
  type: 'object',
  description: 'Events and dated documents in order. A month sorts at its first day and a year at 1 January, before the day-precision items of that period; on the same date events come before documents. Documents linked to an event sit under it.',
  properties: {
    story,
    entries: { type: 'array', items: { oneOf: [{ type: 'object', properties: { kind: { const: 'event' }, event: eventSummary, documents: { type: 'array', items: timelineDocument } } }, { type: 'object', properties: { kind: { const: 'document' }, document: timelineDocument } }] } },
    undated: { type: 'array', items: timelineDocument },
  },
};
export const linked = (extra: Record<string, unknown>) => ({ '201': json({ type: 'object', properties: { added: { const: true }, ...extra } }, 'Linked'), '200': json({ type: 'object', properties: { added: { const: false }, ...extra } }, 'Already linked') });
export const paging = [query('limit', { type: 'integer', minimum: 1, maximum: 200 }), query('page', { type: 'integer', minimum: 1 })];
