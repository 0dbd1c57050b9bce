import { Router } from 'express';
import { authPaths } from './openapi.auth';
import { pagesPaths } from './openapi.pages';
import { requestsPaths } from './openapi.requests';
import { searchPaths } from './openapi.search';
import { storyPaths } from './openapi.story';

/**
 * The OpenAPI 3.1 description of every JSON route. A test walks the app's routes and fails when one
 * under /api is missing here, so this document stays true.
 */
const error = { $ref: '#/components/responses/Error' };
const idParam = { name: 'id', in: 'path', required: true, schema: { type: 'string' }, description: 'Document id (doc_…)' };

export const openApiDocument = {
  openapi: '3.1.0',
  info: {
    title: 'Kilde API',
    version: '0.1.0',
    description: 'Document archive and FOI-request manager for newsrooms. Errors are `{ "error": { "code", "message" } }`. Authenticate scripts with `Authorization: Bearer <token>`.',
  },
  paths: {
    '/api/documents': {
      post: {
        summary: 'Upload a document',
        description: 'Stores the file by its SHA-256 and queues extraction. The type is decided from the bytes.',
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
    // /api/search and /api/health are described with the search area (openapi.search.ts).
    '/api/openapi.json': { get: { summary: 'This document', responses: { '200': { description: 'OpenAPI 3.1' } } } },
    ...authPaths,
    ...searchPaths,
    ...storyPaths,
    ...requestsPaths,
    ...pagesPaths,
  },
  components: {
    responses: {
      Error: {
        description: 'An error with a stable code and a human message',
        content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
      },
    },
    schemas: {
      Error: {
        type: 'object',
        required: ['error'],
        properties: { error: { type: 'object', required: ['code', 'message'], properties: { code: { type: 'string' }, message: { type: 'string' } } } },
      },
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
        },
      },
    },
  },
} as const;

export const openApiRoute = Router().get('/api/openapi.json', (_req, res) => {
  res.json(openApiDocument);
});
