/**
 * OpenAPI paths of the search area ('/api/search', '/api/health', the admin's reindex), assembled
 * into the document by server/openapi.ts. Schemas are inline; errors use the shared Error response.
 */
const error = { $ref: '#/components/responses/Error' };
const json = (description: string, schema: object = { type: 'object' }) => ({ description, content: { 'application/json': { schema } } });
const idParam = (description: string) => ({ name: 'id', in: 'path', required: true, schema: { type: 'string' }, description });
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
          matchingPages: { type: 'integer', description: 'Pages holding at least one of the query\'s words or phrases (all words must be somewhere in the document)' },
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


/** Search inside a document, and batch search. */
function toolPaths() {
  const batchParams = [
    { name: 'names', in: 'query', schema: { type: 'string', maxLength: 100_000 }, description: 'One name or term a line (or CSV, names in the first column); at most 200 lines are searched' },
    { name: 'perLine', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 10, default: 3 }, description: 'Top hits per line' },
    { name: 'format', in: 'query', schema: { enum: ['json', 'csv'] }, description: 'csv: a CSV download (cells that would start a formula are prefixed with \')' },
  ];
  const batchResult = json('Per line: the line number, the text, the matching documents the caller may read, and the top hits with their best pages; `truncated` when lines past 200 were left out', {
    type: 'object',
    properties: {
      truncated: { type: 'boolean' },
      rows: { type: 'array', items: { type: 'object', properties: { line: { type: 'integer' }, text: { type: 'string' }, total: { type: 'integer' }, hits: { type: 'array', items: { type: 'object' } }, links: { type: 'object' } } } },
    },
  });
  return {
    '/api/documents/{id}/search': {
      get: {
        summary: 'Search inside one document: every page holding the query\'s words or phrases, with its number of matches and a snippet',
        parameters: [idParam('Document id'), { name: 'q', in: 'query', schema: { type: 'string', maxLength: 1000 } }],
        responses: {
          '200': json('The matching pages in page order', { type: 'object', properties: { documentId: { type: 'string' }, query: { type: 'string' }, terms: { type: 'array', items: { type: 'string' } }, total: { type: 'integer' }, pages: { type: 'array', items: { type: 'object', properties: { number: { type: 'integer' }, hits: { type: 'integer' }, snippet: { type: 'string' }, links: { type: 'object' } } } } } }),
          '400': error, '404': error,
        },
      },
    },
    '/api/search/batch': {
      get: { summary: 'Batch search: each line of a list searched on its own', parameters: batchParams, responses: { '200': batchResult, '400': error, '503': error } },
      post: {
        summary: 'Batch search of a list sent as JSON (`names`) or a text/CSV file (multipart field `file`, at most 1 MB)',
        parameters: batchParams.filter((p) => p.name !== 'names'),
        requestBody: {
          required: true,
          content: {
            'application/json': { schema: { type: 'object', required: ['names'], properties: { names: { type: 'string', maxLength: 100_000 }, perLine: { type: 'integer' } } } },
            'multipart/form-data': { schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } } } },
          },
        },
        responses: { '200': batchResult, '400': error, '413': error, '415': error, '503': error },
      },
    },
  };
}

/** Saved searches and alerts. */
function alertPaths() {
  const saved = { type: 'object', properties: { id: { type: 'string' }, name: { type: 'string' }, params: { type: 'string', description: 'The search URL\'s parameters' }, alertEmail: { type: 'boolean' }, lastVisitedAt: { type: 'string' }, createdAt: { type: 'string' }, newMatches: { type: 'integer' }, href: { type: 'string' } } };
  return {
    '/api/saved-searches': {
      get: { summary: 'The caller\'s saved searches, each with its matches new since the last visit', responses: { '200': json('Saved searches', { type: 'object', properties: { savedSearches: { type: 'array', items: saved } } }), '401': error } },
      post: {
        summary: 'Save a search (its URL or query string: q and filters) with a name; new matching documents then alert the caller',
        requestBody: { required: true, content: { 'application/json': { schema: { type: 'object', required: ['search'], properties: { name: { type: 'string', maxLength: 200 }, search: { type: 'string', maxLength: 4000 }, alertEmail: { type: 'boolean' } } } } } },
        responses: { '201': json('The saved search', saved), '400': error, '401': error },
      },
    },
    '/api/saved-searches/{id}': {
      get: { summary: 'A saved search with its matches new since the last visit (readable ones only); records the visit', parameters: [idParam('Saved search id')], responses: { '200': json('The saved search and its new matches'), '404': error } },
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
    },
  };
}
