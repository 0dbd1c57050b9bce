/** OpenAPI paths of a document's suggestions (part of storyPaths in openapi.story.ts). */
import { body, documentId, error, json, path, query, ROLES, suggestion } from './openapi.story.schemas';

export const suggestionPaths = {
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
