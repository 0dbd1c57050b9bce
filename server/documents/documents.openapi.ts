/**
 * OpenAPI paths of the documents area (listing, editing, bulk actions, tags, originals, the upload
 * endpoint) and the schemas they refer to; assembled with the other areas' in server/openapi.ts.
 */
const error = { $ref: '#/components/responses/Error' };
const idParam = { name: 'id', in: 'path', required: true, schema: { type: 'string' }, description: 'Document id (doc_…)' };

export const documentsPaths = {
  '/api/documents': {
    post: {
      summary: 'Upload a document',
      description:
        'Stores the file by its SHA-256 and queues extraction. The type is decided from the bytes. Access (`access`, `users`, `embargoUntil`) is set before the document is stored, extracted or indexed; files found inside an e-mail or zip follow it. The uploader is always among the named users. The same bytes as a document the uploader may read answer 200 with that document (duplicate: true); bytes held only by documents the uploader may not read give the uploader a document of their own (202), revealing nothing about the other.',
      requestBody: {
        required: true,
        content: {
          'multipart/form-data': {
            schema: {
              type: 'object',
              required: ['file'],
              properties: {
                file: { type: 'string', format: 'binary' },
                title: { type: 'string', maxLength: 500 },
                date: { type: 'string', description: 'YYYY-MM-DD, YYYY-MM or YYYY' },
                notes: { type: 'string', maxLength: 20000 },
                access: { type: 'string', enum: ['newsroom', 'restricted', 'embargoed'], default: 'newsroom', description: 'Who may read it: the whole newsroom, only the named users, or only the named users until `embargoUntil`' },
                users: { type: 'string', maxLength: 5000, description: 'User names or ids, separated by commas (unknown ones: 400 naming them); the uploader is always included' },
                embargoUntil: { type: 'string', description: 'When the embargo ends: 2026-12-01, 2026-12-01T06:00 (UTC) or an ISO date-time with offset; years 1970–9999. Required with access=embargoed' },
              },
            },
          },
        },
      },
      responses: {
        '202': { description: 'Stored; extraction queued', content: { 'application/json': { schema: { $ref: '#/components/schemas/UploadResult' } } } },
        '200': { description: 'The same bytes are already in the archive (duplicate: true)', content: { 'application/json': { schema: { $ref: '#/components/schemas/UploadResult' } } } },
        '400': error,
        '413': error,
        '415': error,
      },
    },
    get: {
      summary: 'List documents, newest first',
      parameters: [
        { name: 'page', in: 'query', schema: { type: 'integer', minimum: 1 } },
        { name: 'perPage', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 200 } },
      ],
      responses: { '200': { description: 'A page of documents' }, '400': error },
    },
  },
  '/api/documents/{id}': {
    delete: {
      summary: 'Delete a document: index entries, pages, page images and the original (when no other document shares it); the audit entry stays',
      parameters: [idParam],
      responses: { '204': { description: 'Deleted' }, '403': error, '404': error },
    },
    get: {
      summary: 'A document with its status and extraction progress',
      parameters: [idParam],
      responses: { '200': { description: 'The document', content: { 'application/json': { schema: { $ref: '#/components/schemas/Document' } } } }, '404': error },
    },
    patch: {
      summary: 'Edit title, date (its precision follows how it is written: 2018-09-28, 2018-09, 2018), notes, language and tags; absent fields stay; audited before and after',
      parameters: [idParam],
      requestBody: {
        content: {
          'application/json': {
            schema: {
              type: 'object',
              properties: {
                title: { type: 'string', maxLength: 500 },
                date: { type: 'string', description: 'YYYY-MM-DD, YYYY-MM or YYYY; empty clears it' },
                notes: { type: 'string', maxLength: 20000 },
                language: { type: 'string', description: 'ISO 639 code such as da or en; empty means unknown' },
                tags: { oneOf: [{ type: 'array', items: { type: 'string', maxLength: 60 }, maxItems: 50 }, { type: 'string', description: 'comma-separated' }] },
              },
            },
          },
        },
      },
      responses: { '200': { description: 'The document with its tags' }, '400': error, '403': error, '404': error },
    },
  },
  '/api/documents/bulk': {
    post: {
      summary: 'One action on many documents (tag, add to story, link to request, change access, delete), each checked against the access rules; one outcome per document',
      requestBody: {
        content: {
          'application/json': {
            schema: {
              type: 'object',
              required: ['ids', 'action'],
              properties: {
                ids: { type: 'array', items: { type: 'string' }, minItems: 1, maxItems: 200 },
                action: { type: 'string', enum: ['tag', 'story', 'request', 'access', 'delete'] },
                tags: { type: 'array', items: { type: 'string' } },
                storyId: { type: 'string' },
                requestId: { type: 'string' },
                role: { type: 'string', enum: ['request', 'response', 'correspondence'] },
                level: { type: 'string', enum: ['newsroom', 'restricted', 'embargoed'] },
                embargoUntil: { type: 'string' },
                users: { type: 'array', items: { type: 'string' } },
              },
            },
          },
        },
      },
      responses: { '200': { description: '{ results: [{ id, ok, reason? }] } — a document the caller cannot read is reported without its title' }, '400': error },
    },
  },
  '/api/tags': {
    get: {
      summary: 'Tags in use on documents the caller may read, for type-ahead',
      parameters: [{ name: 'prefix', in: 'query', schema: { type: 'string', maxLength: 60 } }],
      responses: { '200': { description: '{ tags: string[] }' } },
    },
  },
  '/api/documents/{id}/pages': {
    get: { summary: "A document's pages with text, method and OCR confidence", parameters: [idParam], responses: { '200': { description: 'Pages' }, '404': error } },
  },
  '/api/documents/{id}/original': {
    get: {
      summary: 'Download the original file',
      parameters: [idParam],
      responses: { '200': { description: 'The original bytes, as an attachment' }, '404': error },
    },
  },
  '/api/documents/{id}/extract': {
    post: {
      summary: 'Run extraction again, optionally with the password of an encrypted PDF',
      parameters: [idParam],
      requestBody: { content: { 'application/json': { schema: { type: 'object', properties: { password: { type: 'string' } } } } } },
      responses: { '202': { description: 'Queued' }, '404': error, '409': error },
    },
  },
};

export const documentsSchemas = {
  UploadResult: {
    type: 'object',
    required: ['id', 'sha256', 'status', 'duplicate'],
    properties: { id: { type: 'string' }, sha256: { type: 'string' }, status: { $ref: '#/components/schemas/Status' }, duplicate: { type: 'boolean' } },
  },
  Status: { enum: ['queued', 'extracting', 'ready', 'failed', 'needs_password'] },
  Document: {
    type: 'object',
    properties: {
      id: { type: 'string' },
      sha256: { type: 'string' },
      title: { type: 'string' },
      filename: { type: 'string' },
      mediaType: { type: 'string' },
      size: { type: 'integer' },
      status: { $ref: '#/components/schemas/Status' },
      error: { type: ['string', 'null'] },
      progress: { type: ['object', 'null'], properties: { done: { type: 'integer' }, total: { type: 'integer' }, method: { type: ['string', 'null'] } } },
      pageCount: { type: ['integer', 'null'] },
      documentDate: { type: ['string', 'null'] },
      indexed: { type: 'boolean' },
      accessLevel: { enum: ['newsroom', 'restricted', 'embargoed'], description: 'Its own access; a container it sits in may narrow it further' },
      embargoUntil: { type: ['string', 'null'] },
      accessFromContainer: { type: 'boolean', description: 'An e-mail or zip it came in narrows who may read it' },
      parentId: { type: ['string', 'null'] },
    },
  },
};
