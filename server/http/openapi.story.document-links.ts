/**
 * OpenAPI paths of a document's links: its parties, events, related documents and stories (part of
 * storyPaths in openapi.story.ts). Linking what is already linked answers 200 with `added: false`.
 */
import {
  body, documentId, documentLinks, error, json, KINDS, linked, PARTIAL_DATE, partySummary, path,
  RELATIONS, ROLES,
} from './openapi.story.schemas';

export const documentLinkPaths = {
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
};
