/** OpenAPI paths of accounts, tokens, user admin, the audit log and document access (assembled by server/openapi.ts). */
const error = { $ref: '#/components/responses/Error' };
const idParam = { name: 'id', in: 'path', required: true, schema: { type: 'string' } };

export const authPaths = {
  '/api/me': { get: { summary: 'The signed-in user', responses: { '200': { description: 'id, username, name, role' }, '401': error } } },
  '/api/tokens': {
    post: {
      summary: 'Create a personal API token (shown once)',
      requestBody: { required: true, content: { 'application/json': { schema: { type: 'object', required: ['name'], properties: { name: { type: 'string', maxLength: 100 } } } } } },
      responses: { '201': { description: '{ id, token }' }, '400': error },
    },
  },
  '/api/tokens/{id}': { delete: { summary: 'Revoke a token; it stops working at once', parameters: [idParam], responses: { '204': { description: 'Revoked' }, '404': error } } },
  '/api/admin/users': {
    get: { summary: 'Users (admin)', responses: { '200': { description: 'Users' }, '403': error } },
    post: {
      summary: 'Create a user (admin)',
      requestBody: {
        required: true,
        content: {
          'application/json': {
            schema: {
              type: 'object',
              required: ['username', 'role', 'password'],
              properties: { username: { type: 'string' }, displayName: { type: 'string' }, role: { enum: ['admin', 'editor', 'journalist', 'researcher'] }, password: { type: 'string', minLength: 10 } },
            },
          },
        },
      },
      responses: { '201': { description: 'Created' }, '400': error, '403': error, '409': error },
    },
  },
  '/api/admin/audit': {
    get: {
      summary: 'The audit log, newest first (admin)',
      parameters: ['actor', 'action', 'entityType', 'entityId', 'page'].map((name) => ({ name, in: 'query', schema: { type: 'string' } })),
      responses: { '200': { description: 'Entries' }, '403': error },
    },
  },
  '/api/documents/{id}/access': {
    put: {
      summary: "Set a document's access: newsroom, restricted to named users, or embargoed until a time",
      parameters: [idParam],
      requestBody: {
        required: true,
        content: {
          'application/json': {
            schema: {
              type: 'object',
              required: ['level'],
              properties: { level: { enum: ['newsroom', 'restricted', 'embargoed'] }, embargoUntil: { type: 'string', format: 'date-time' }, users: { type: 'array', items: { type: 'string' } } },
            },
          },
        },
      },
      responses: { '200': { description: 'The document' }, '400': error, '403': error, '404': error },
    },
  },
};
