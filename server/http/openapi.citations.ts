/** OpenAPI paths of citing: citations, quote links, the quote check, bundles, share links (merged in openapi.ts). */
const error = { $ref: '#/components/responses/Error' };
const id = (description: string) => ({ name: 'id', in: 'path', required: true, schema: { type: 'string' }, description });
const json = (description: string) => ({ description, content: { 'application/json': { schema: { type: 'object' } } } });

export const citationsPaths = {
  '/api/documents/{id}/citation': {
    get: {
      summary: 'Citations of a document or one page: newsroom line, FOI provenance, full citation, permanent link, SHA-256, CSL-JSON, RIS and BibTeX',
      parameters: [id('Document id'), { name: 'page', in: 'query', schema: { type: 'integer', minimum: 1 } }, { name: 'lang', in: 'query', schema: { enum: ['da', 'en'] } }],
      responses: { '200': json('The citation'), '400': error, '404': error },
    },
  },
  '/api/documents/{id}/pages/{n}/highlights': {
    get: {
      summary: 'Where a page link marks the words: the character ranges in the page text and, where character or OCR word boxes are stored, one rectangle per marked range and line on the page image',
      description: 'Rectangles are fractions of the page (x, y, width, height from 0 to 1, top-left origin) with kind `quote` or `term`; a page without stored boxes gives none. `q` marks the words of a search, `quote` (a quote link id of this document) its passage when it is found on this page. A page the caller may not read answers 404, as one that does not exist.',
      parameters: [id('Document id'), { name: 'n', in: 'path', required: true, schema: { type: 'integer', minimum: 1 } }, { name: 'q', in: 'query', schema: { type: 'string', maxLength: 1000 } }, { name: 'quote', in: 'query', schema: { type: 'string' }, description: 'Quote id (q_…)' }],
      responses: { '200': json('documentId, page, q, quote (id, status, page), ranges and boxes'), '400': error, '404': error },
    },
  },
  '/api/quotes': {
    post: {
      summary: 'Create a quote link for a passage of a page (its text, found tolerantly on the page, or its offsets)',
      requestBody: { required: true, content: { 'application/json': { schema: { type: 'object', required: ['documentId', 'page'], properties: { documentId: { type: 'string' }, page: { type: 'integer' }, text: { type: 'string', maxLength: 5000 }, start: { type: 'integer' }, end: { type: 'integer' } } } } } },
      responses: { '201': json('The quote with its link (url)'), '400': error, '404': error },
    },
  },
  '/api/quotes/{id}': {
    get: {
      summary: 'Open a quote link: where the passage is now (status found, found_with_differences, not_found) with its score, or unavailable',
      parameters: [id('Quote id (q_…)')],
      responses: { '200': json('Where the quote is') },
    },
  },
  '/api/quotes/check': {
    post: {
      summary: 'Quote check of a draft: every quoted passage located in the documents the caller may read',
      description: 'JSON `{ "draft": "…" }`, or multipart with a .txt, .md or .docx file in `file`. Quotes under three words are listed as skipped. `?format=csv` answers CSV.',
      parameters: [{ name: 'format', in: 'query', schema: { enum: ['json', 'csv'] } }],
      requestBody: {
        required: true,
        content: {
          'application/json': { schema: { type: 'object', required: ['draft'], properties: { draft: { type: 'string' } } } },
          'multipart/form-data': { schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' }, draft: { type: 'string' } } } },
        },
      },
      responses: { '200': json('One entry per quote: status found | not_found | skipped, document, page, score, quote link'), '400': error, '413': error, '415': error },
    },
  },
  '/api/bundles': {
    get: {
      summary: 'A source bundle (zip, streamed): originals, manifest.json, manifest.csv, index.html and SHA256SUMS; audited',
      parameters: [
        { name: 'story', in: 'query', schema: { type: 'string' }, description: 'A story id' },
        { name: 'q', in: 'query', schema: { type: 'string' }, description: 'A search; takes the same filters and sort as GET /api/search (type, language, method, from, to, party, sender, recipient, cc, mentioned, subject, event, story, request)' },
        { name: 'ids', in: 'query', schema: { type: 'string' }, description: 'Document ids, comma-separated' },
      ],
      responses: { '200': { description: 'The zip', content: { 'application/zip': {} } }, '400': error, '404': error },
    },
  },
  '/api/share-links': {
    get: { summary: 'Share links made by the caller (every link for editors and admins)', responses: { '200': json('The links') } },
    post: {
      summary: 'Create a public, read-only, revocable share link to a document or page; refused (409) while it has unreviewed CPR flags not confirmed in `confirm` (the ids of its open `personal_data` suggestions, GET /api/documents/{id}/suggestions)',
      requestBody: { required: true, content: { 'application/json': { schema: { type: 'object', required: ['documentId'], properties: { documentId: { type: 'string' }, page: { type: ['integer', 'null'] }, expiresAt: { type: ['string', 'null'] }, confirm: { type: 'array', items: { type: 'integer' } } } } } } },
      responses: { '201': json('The link with its URL and embed snippet'), '400': error, '403': error, '404': error, '409': error },
    },
  },
  '/api/share-links/{id}': {
    delete: { summary: 'Revoke a share link', parameters: [id('Share link id (sh_…)')], responses: { '204': { description: 'Revoked' }, '404': error } },
  },
};
