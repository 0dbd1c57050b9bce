/** OpenAPI paths of search inside a document and batch search (part of searchPaths in search.openapi.ts). */
import { error, idParam, json } from './search.openapi.common';

/** Search inside a document, and batch search. */
export function toolPaths() {
  const batchParams = [
    { name: 'names', in: 'query', schema: { type: 'string', maxLength: 100_000 }, description: 'One name or term a line (or CSV, names in the first column); at most 200 lines are searched' },
    { name: 'perLine', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 10, default: 3 }, description: 'Top hits per line' },
    { name: 'format', in: 'query', schema: { enum: ['json', 'csv'] }, description: 'csv: a CSV download (cells that would start a formula are prefixed with \')' },
    { name: 'upTo', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 200 }, description: 'Search only the list\'s first lines, this many (`partial`; the CSV then says so in a row after the list\'s)' },
  ];
  const batchResult = json('Per line: the line number, the text, the matching documents the caller may read, and the top hits with their best pages; `truncated` when lines past 200 were left out, `partial` when `upTo` asked for fewer than the list holds; `listed`, the lines of the list', {
    type: 'object',
    properties: {
      truncated: { type: 'boolean' },
      listed: { type: 'integer' },
      partial: { type: 'boolean' },
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
            'application/json': { schema: { type: 'object', required: ['names'], properties: { names: { type: 'string', maxLength: 100_000 }, perLine: { type: 'integer' }, upTo: { type: 'integer', minimum: 1, maximum: 200 } } } },
            'multipart/form-data': { schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } } } },
          },
        },
        responses: { '200': batchResult, '400': error, '413': error, '415': error, '503': error },
      },
    },
  };
}
