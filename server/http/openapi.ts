import { Router } from 'express';

/**
 * The frame of the OpenAPI 3.1 document: its info, the shared Error response, and the route that
 * serves it. Each area describes its own JSON routes in a fragment beside them
 * (`<area>.openapi.ts`); server/openapi.ts assembles the fragments into the one document. A test
 * walks the app's routes and fails when one under /api is missing, so the document stays true.
 */
type Paths = Record<string, Record<string, unknown>>;

export function assembleOpenApi(parts: { paths: Paths[]; schemas: Record<string, unknown> }) {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Kilde API',
      version: '0.1.0',
      description: 'Document archive and FOI-request manager for newsrooms. Errors are `{ "error": { "code", "message" } }`. Authenticate scripts with `Authorization: Bearer <token>`.',
    },
    // Later fragments win on a path both describe (none do: the test of the document checks every route once).
    paths: Object.assign({}, ...parts.paths) as Paths,
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
        ...parts.schemas,
      },
    },
  };
}

export type OpenApiDocument = ReturnType<typeof assembleOpenApi>;

/** The document's own path, described beside the route that serves it. */
export const openApiPaths = {
  '/api/openapi.json': { get: { summary: 'This document', responses: { '200': { description: 'OpenAPI 3.1' } } } },
};

export function openApiRoute(document: OpenApiDocument): Router {
  return Router().get('/api/openapi.json', (_req, res) => {
    res.json(document);
  });
}
