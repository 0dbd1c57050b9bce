/** OpenAPI paths of saved searches and alerts (part of searchPaths in search.openapi.ts). */
import { error, idParam, json } from './search.openapi.common';

/** Saved searches and alerts. */
export function alertPaths() {
  const saved = { type: 'object', properties: { id: { type: 'string' }, name: { type: 'string' }, params: { type: 'string', description: 'The search URL\'s parameters' }, alertEmail: { type: 'boolean' }, lastVisitedAt: { type: 'string' }, createdAt: { type: 'string' }, newMatches: { type: 'integer' }, href: { type: 'string' } } };
  const made = { ...saved, properties: { ...saved.properties, existing: { type: 'boolean', description: 'The same search was already saved: this is that one' } } };
  return {
    '/api/saved-searches': {
      get: { summary: 'The caller\'s saved searches, each with its matches new since the last visit', responses: { '200': json('Saved searches', { type: 'object', properties: { savedSearches: { type: 'array', items: saved } } }), '401': error } },
      post: {
        summary: 'Save a search (its URL or query string: q and filters) with a name; new matching documents then alert the caller',
        requestBody: { required: true, content: { 'application/json': { schema: { type: 'object', required: ['search'], properties: { name: { type: 'string', maxLength: 200 }, search: { type: 'string', maxLength: 4000 }, alertEmail: { type: 'boolean' } } } } } },
        responses: { '201': json('The saved search (existing: false)', made), '200': json('The same search (words and filters) was already saved by the caller: that one, with e-mail turned on if asked (existing: true)', made), '400': error, '401': error },
      },
    },
    '/api/saved-searches/{id}': {
      get: { summary: 'A saved search with its matches new since the last visit (readable ones only); records the visit', parameters: [idParam('Saved search id')], responses: { '200': json('The saved search and its new matches'), '404': error } },
      patch: {
        summary: 'Rename a saved search, or turn its e-mail on or off (what it searches for stays)',
        parameters: [idParam('Saved search id')],
        requestBody: { required: true, content: { 'application/json': { schema: { type: 'object', properties: { name: { type: 'string', maxLength: 200 }, alertEmail: { type: 'boolean' } } } } } },
        responses: { '200': json('The saved search', saved), '400': error, '404': error },
      },
      delete: { summary: 'Delete a saved search and its alerts', parameters: [idParam('Saved search id')], responses: { '204': { description: 'Deleted' }, '404': error } },
    },
    '/api/alerts': {
      get: { summary: 'The caller\'s alerts (new matches of saved searches, FOI-request events), newest first, and the unread count; documents the caller can no longer read are left out', responses: { '200': json('Alerts'), '401': error } },
    },
    '/api/alerts/read': {
      post: { summary: 'Mark every alert read', responses: { '200': json('How many were marked', { type: 'object', properties: { marked: { type: 'integer' } } }), '401': error } },
    },
    '/api/alerts/settings': {
      put: {
        summary: 'Where alerts go: an e-mail address (used when the server has SMTP) and whether FOI-request alerts are on',
        requestBody: { required: true, content: { 'application/json': { schema: { type: 'object', properties: { email: { type: ['string', 'null'], maxLength: 320 }, foiAlerts: { type: 'boolean' } } } } } },
        responses: { '200': json('The settings'), '400': error, '401': error },
      },
    },
    '/api/alerts/feed': {
      post: { summary: 'A new secret Atom feed URL of the caller\'s alerts (shown once; the old one stops working)', responses: { '201': json('The feed URL', { type: 'object', properties: { url: { type: 'string' }, path: { type: 'string' } } }), '401': error } },
      delete: { summary: 'Turns the caller\'s Atom feed off: its secret URL stops working (a password change that revokes API tokens does the same)', responses: { '204': { description: 'Turned off (or there was none)' }, '401': error } },
    },
  };
}
