/**
 * OpenAPI paths of the search area ('/api/search', '/api/health', the admin's reindex), assembled
 * into the document by server/openapi.ts, then those of search tools and of saved searches and
 * alerts. Schemas are inline; errors use the shared Error response.
 */
import { alertPaths } from './search.alerts.openapi';
import { error } from './search.openapi.common';
import { toolPaths } from './search.tools.openapi';

const list = (description: string) => ({ type: 'array', items: { type: 'string', maxLength: 200 }, maxItems: 20, description });
const listParam = (name: string, description: string) => ({ name, in: 'query', schema: list(description), style: 'form', explode: true });

const facetValues = {
  type: 'array',
  items: { type: 'object', required: ['value', 'count'], properties: { value: { type: 'string' }, count: { type: 'integer' }, label: { type: 'string' } } },
};

const searchResult = {
  type: 'object',
  required: ['total', 'page', 'perPage', 'hits', 'tookMs', 'terms', 'facets'],
  properties: {
    total: { type: 'integer', description: 'Matching documents (not pages) the viewer may read' },
    page: { type: 'integer' },
    perPage: { type: 'integer' },
    tookMs: { type: 'number' },
    terms: { type: 'array', items: { type: 'string' }, description: 'Words to mark in the hits: the folded query words and the words matched through typos (empty without hits)' },
    hits: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          documentId: { type: 'string' },
          title: { type: 'string' },
          mediaType: { type: 'string' },
          documentDate: { type: ['string', 'null'] },
          matchingPages: { type: 'integer', description: 'Pages whose text holds every word and phrase of the query when there are such pages, else at least one (all words must be somewhere in the document); 0 when they stand only in the title or the linked parties\' names (the first page is then shown)' },
          matchingPageNumbers: { type: 'array', items: { type: 'integer' }, description: 'Those pages\' numbers in page order, at most the first 50' },
          pages: { type: 'array', description: 'The best pages: those holding the most of the query\'s words', items: { type: 'object', properties: { number: { type: 'integer' }, snippet: { type: 'string', description: 'HTML: escaped text, matches in <mark>' } } } },
          links: { type: 'object', properties: { html: { type: 'string' }, self: { type: 'string' } } },
        },
      },
    },
    facets: {
      type: 'object',
      description: 'Documents per value for this query and filters, by count then value, at most 100 per facet',
      properties: Object.fromEntries(
        ['mediaType', 'language', 'method', 'partyIds', 'parties_sender', 'parties_recipient', 'parties_cc', 'parties_mentioned', 'parties_subject', 'eventIds', 'storyIds', 'requestId'].map((f) => [f, facetValues]),
      ),
    },
    links: { type: 'object', properties: { html: { type: 'string', description: 'The same search as a page (only with hits)' } } },
  },
};

const reindexStatus = {
  type: 'object',
  properties: {
    running: { type: 'boolean' },
    engine: { type: 'string' },
    startedAt: { type: ['string', 'null'] },
    done: { type: 'integer' },
    total: { type: 'integer' },
    outboxBacklog: { type: 'integer' },
    last: {
      type: ['object', 'null'],
      properties: { finishedAt: { type: 'string' }, documents: { type: 'integer' }, pages: { type: 'integer' }, ms: { type: 'integer' }, requeued: { type: 'integer' }, error: { type: ['string', 'null'] } },
    },
  },
};

export const searchPaths = {
  '/api/search': {
    get: {
      summary: 'Full-text search, results grouped by document, with facet counts',
      description:
        'Words must all match; "exact phrase", -excluded, prefix*; the last word also matches as a prefix. Danish folding: æ/ae, ø/oe, å/aa, case and diacritics. ' +
        'Typos forgiven as Meilisearch does (1 from 5 letters, 2 from 9; none in phrases). A malformed query is searched as words. ' +
        'Only documents the caller may read are counted or shown. List filters repeat the parameter (type=a&type=b): values of one filter are ORed, different filters ANDed.',
      parameters: [
        { name: 'q', in: 'query', schema: { type: 'string', maxLength: 1000 } },
        { name: 'page', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 1000 } },
        { name: 'perPage', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 100 } },
        { name: 'sort', in: 'query', schema: { enum: ['relevance', 'date_desc', 'date_asc'] } },
        listParam('type', 'Media types'),
        listParam('language', 'Document languages (ISO codes)'),
        { name: 'method', in: 'query', schema: { type: 'array', items: { enum: ['text', 'ocr'] } }, description: 'Extraction method of the matching pages' },
        { name: 'from', in: 'query', schema: { type: 'string' }, description: 'YYYY, YYYY-MM or YYYY-MM-DD, inclusive' },
        { name: 'to', in: 'query', schema: { type: 'string' }, description: 'YYYY, YYYY-MM or YYYY-MM-DD, inclusive' },
        { name: 'undated', in: 'query', schema: { enum: ['include'] }, description: 'With from/to: also documents without a date of their own (else the range applies to their upload day)' },
        listParam('party', 'Party ids, any role'),
        listParam('sender', 'Party ids as sender'),
        listParam('recipient', 'Party ids as recipient'),
        listParam('cc', 'Party ids in cc'),
        listParam('mentioned', 'Party ids mentioned'),
        listParam('subject', 'Party ids the document is about'),
        listParam('event', 'Event ids'),
        listParam('story', 'Story ids'),
        listParam('request', 'FOI request ids'),
      ],
      responses: { '200': { description: 'Search results', content: { 'application/json': { schema: searchResult } } }, '400': error, '401': error, '503': error },
    },
  },
  '/api/health': {
    get: {
      summary: 'Health of the search engine, the index outbox backlog and whether a reindex runs; the database, the job queue and free disk space',
      responses: {
        '200': {
          description: 'Healthy',
          content: {
            'application/json': {
              schema: {
                type: 'object',
                properties: {
                  ok: { type: 'boolean' },
                  search: {
                    type: 'object',
                    properties: {
                      engine: { enum: ['embedded', 'meilisearch'] },
                      ok: { type: 'boolean' },
                      detail: { type: 'string' },
                      documents: { type: 'integer' },
                      outboxBacklog: { type: 'integer', description: 'Changes not yet applied to the index' },
                      lastError: { type: ['string', 'null'] },
                      reindexing: { type: 'boolean' },
                    },
                  },
                  database: { type: 'object', properties: { ok: { type: 'boolean' }, detail: { type: 'string' } } },
                  jobs: {
                    type: ['object', 'null'],
                    description: 'Jobs queued, running and failed for good; how long the oldest runnable one has waited',
                    properties: { queued: { type: 'integer' }, running: { type: 'integer' }, failed: { type: 'integer' }, oldestQueuedSeconds: { type: 'integer' } },
                  },
                  disk: {
                    type: 'object',
                    description: 'Free space where the data directory and the originals are (null when it cannot be read); low: under 1 GiB or 5 %',
                    properties: Object.fromEntries(['data', 'uploads'].map((k) => [k, { type: ['object', 'null'], properties: { freeBytes: { type: 'integer' }, totalBytes: { type: 'integer' }, low: { type: 'boolean' } } }])),
                  },
                },
              },
            },
          },
        },
        '503': { description: 'The search engine or the database is unavailable (the body has the same shape)' },
      },
    },
  },
  '/api/admin/reindex': {
    get: {
      summary: 'State of the search index rebuild (admins)',
      responses: { '200': { description: 'Rebuild state', content: { 'application/json': { schema: reindexStatus } } }, '401': error, '403': error },
    },
    post: {
      summary: 'Rebuild the active search engine from the database (admins)',
      description: 'Runs in the background: a new index is built beside the live one and swapped in at the end, so search stays up. Poll GET for progress.',
      responses: { '202': { description: 'Started', content: { 'application/json': { schema: reindexStatus } } }, '401': error, '403': error, '409': error },
    },
  },
  ...toolPaths(),
  ...alertPaths(),
};
