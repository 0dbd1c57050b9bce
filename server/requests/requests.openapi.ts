/**
 * OpenAPI paths of the FOI requests area, assembled into the document by server/openapi.ts. Schemas are inline (no new
 * components), so merging the paths is all it takes; errors use the shared Error response. A request's own paths are
 * here; the law's and the FOI tools' are merged in after them, in that order.
 */
import {
  day, error, id, json, letterKind, listParams, request, requestDeadlines, requestInput, ROLES, STATUSES,
} from './requests.openapi.schemas';
import { requestsFoiPaths } from './requests.foi.openapi';
import { requestsLawPaths } from './requests.law.openapi';

export const requestsPaths = {
  '/api/requests': {
    get: {
      summary: 'List FOI requests (those the caller may see: a request follows its story’s access)',
      parameters: [...listParams, { name: 'page', in: 'query', schema: { type: 'integer', minimum: 1 } }, { name: 'perPage', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 500 } }],
      responses: { '200': json({ type: 'object', properties: { total: { type: 'integer' }, page: { type: 'integer' }, perPage: { type: 'integer' }, requests: { type: 'array', items: request } } }, 'A page of requests'), '400': error, '401': error },
    },
    post: {
      summary: 'File a request',
      description: 'Status is "sent" when sentDate is given, else "draft" (or set status to draft/sent). Unknown authority or story → 404; impossible or future dates → 400.',
      requestBody: { required: true, content: { 'application/json': { schema: { allOf: [requestInput, { type: 'object', required: ['authorityId', 'subject'], properties: { status: { enum: ['draft', 'sent'] } } }] } } } },
      responses: { '201': json(request, 'Created'), '400': error, '401': error, '403': error, '404': error },
    },
  },
  '/api/requests/overview': {
    get: {
      summary: 'What needs attention: overdue, due this week, waiting for an appeal, appealable, open, drafts, closed',
      parameters: [...listParams, { name: 'groupBy', in: 'query', schema: { enum: ['none', 'story', 'authority'] } }],
      responses: { '200': json({ type: 'object', properties: { today: day, groupBy: { type: 'string' }, counts: { type: 'object' }, buckets: { type: 'object', description: 'bucket → groups → requests (each with the deadline that placed it)' } } }, 'The overview'), '400': error },
    },
  },
  '/api/requests/{id}': {
    get: {
      summary: 'A request with its status history, correspondence log, documents and deadlines',
      parameters: [id],
      responses: { '200': json({ allOf: [request, { type: 'object', properties: { history: { type: 'array' }, log: { type: 'array' }, documents: { type: 'array' }, deadlines: requestDeadlines } }] }, 'The request'), '404': error },
    },
    patch: {
      summary: 'Change a request’s fields (status changes go through /status)',
      parameters: [id],
      requestBody: { required: true, content: { 'application/json': { schema: requestInput } } },
      responses: { '200': json(request, 'Updated'), '400': error, '403': error, '404': error },
    },
    delete: { summary: 'Delete a request (its documents stay in the archive)', parameters: [id], responses: { '204': { description: 'Deleted' }, '403': error, '404': error } },
  },
  '/api/requests/{id}/status': {
    post: {
      summary: 'Record a status change',
      description: 'Legal moves: draft → sent | withdrawn; sent → acknowledged | extended | a decision | withdrawn; acknowledged → extended | a decision | withdrawn; extended → a decision | withdrawn; partly_granted, refused, no_documents → appealed | withdrawn; appealed → appeal_decided | withdrawn; appeal_decided → appealed | a decision | withdrawn. Decisions: granted, partly_granted, refused, no_documents. Anything else → 400 naming both states.',
      parameters: [id],
      requestBody: { required: true, content: { 'application/json': { schema: { type: 'object', required: ['status'], properties: { status: { enum: STATUSES }, date: { ...day, description: 'The day it happened (default today; not in the future)' }, note: { type: 'string', maxLength: 2000 }, receivedDate: day } } } } },
      responses: { '200': json({ type: 'object', properties: { request, change: { type: 'object' } } }, 'Recorded'), '400': error, '403': error, '404': error },
    },
  },
  '/api/requests/{id}/history': {
    get: { summary: 'Every status change, dated, with who made it', parameters: [id], responses: { '200': json({ type: 'object', properties: { history: { type: 'array' } } }, 'The history'), '404': error } },
  },
  '/api/requests/{id}/deadlines': {
    get: { summary: 'The request’s deadlines with the rule behind each, and whether each is met, due or overdue today', parameters: [id], responses: { '200': json(requestDeadlines, 'Deadlines'), '404': error } },
  },
  '/api/requests/{id}/log': {
    get: { summary: 'The correspondence log', parameters: [id], responses: { '200': json({ type: 'object', properties: { log: { type: 'array' } } }, 'Log entries'), '404': error } },
    post: {
      summary: 'Add a log entry, optionally with documents',
      description: 'Uploaded documents are stored like any upload, linked to the request (role "response" for received letters, "request" for sent ones, else "correspondence") and inherit its story and its authority as sender (recipient for sent letters) unless storyId/senderId say otherwise ("none" for nothing).',
      parameters: [id],
      requestBody: {
        required: true,
        content: {
          'multipart/form-data': {
            schema: {
              type: 'object', required: ['kind'],
              properties: {
                kind: { enum: ['sent', 'received', 'phone', 'note'] }, date: day, summary: { type: 'string', maxLength: 500 }, body: { type: 'string', maxLength: 20000 },
                role: { enum: ROLES }, storyId: { type: 'string' }, senderId: { type: 'string' }, files: { type: 'array', items: { type: 'string', format: 'binary' } },
                access: { enum: ['newsroom', 'restricted', 'embargoed'], default: 'newsroom', description: 'Access of the uploaded files, set before they are stored (as for POST /api/documents)' },
                users: { type: 'string', description: 'User names or ids, comma-separated; the writer is always included' },
                embargoUntil: { type: 'string', description: 'When the embargo ends (ISO date-time; years 1970–9999)' },
              },
            },
          },
          'application/json': { schema: { type: 'object', required: ['kind'], properties: { kind: { enum: ['sent', 'received', 'phone', 'note'] }, date: day, summary: { type: 'string' }, body: { type: 'string' } } } },
        },
      },
      responses: { '201': json({ type: 'object', properties: { entry: { type: 'object' }, documents: { type: 'array' }, refused: { type: 'array' } } }, 'Added'), '400': error, '403': error, '404': error, '413': error },
    },
  },
  '/api/requests/{id}/log/{entryId}': {
    delete: { summary: 'Delete a log entry (its documents stay linked)', parameters: [id, { name: 'entryId', in: 'path', required: true, schema: { type: 'integer' } }], responses: { '204': { description: 'Deleted' }, '403': error, '404': error } },
  },
  '/api/requests/{id}/documents': {
    get: { summary: 'Documents linked to the request (those the caller may read)', parameters: [id], responses: { '200': json({ type: 'object', properties: { documents: { type: 'array' } } }, 'Documents'), '404': error } },
    post: {
      summary: 'Link a document already in the archive',
      parameters: [id],
      requestBody: { required: true, content: { 'application/json': { schema: { type: 'object', required: ['documentId'], properties: { documentId: { type: 'string' }, role: { enum: ROLES } } } } } },
      responses: { '201': json({ type: 'object' }, 'Linked'), '200': json({ type: 'object' }, 'Already linked'), '400': error, '403': error, '404': error },
    },
  },
  '/api/requests/{id}/documents/{documentId}': {
    delete: { summary: 'Unlink a document', parameters: [id, { name: 'documentId', in: 'path', required: true, schema: { type: 'string' } }], responses: { '204': { description: 'Unlinked' }, '403': error, '404': error } },
  },
  '/api/requests/{id}/letters/{kind}': {
    get: {
      summary: 'A letter filled from the request: the request itself, a reminder of the late answer, or an appeal',
      parameters: [id, letterKind, { name: 'lang', in: 'query', schema: { enum: ['da', 'en'] } }],
      responses: { '200': json({ type: 'object', properties: { kind: { type: 'string' }, lang: { type: 'string' }, subject: { type: 'string' }, body: { type: 'string' }, template: { enum: ['shipped', 'newsroom'] }, to: { type: ['object', 'null'], description: 'The authority: partyId, name, email and postalAddress (null when not recorded)' } } }, 'The letter'), '400': error, '404': error },
    },
  },
  '/api/parties/{id}/foi-record': {
    get: {
      summary: 'An authority’s record: its requests, median days to answer, share answered on time, refusals',
      parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' }, description: 'Party id' }],
      responses: { '200': json({ type: 'object', properties: { authority: { type: 'object' }, asOf: day, requests: { type: 'array' }, figures: { type: 'object' } } }, 'The record'), '404': error },
    },
  },
  ...requestsLawPaths,
  ...requestsFoiPaths,
};
