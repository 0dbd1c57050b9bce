/**
 * OpenAPI paths of the FOI tools beside a single request: the authority directory, jurisdictions,
 * letter templates and the calendar feeds (part of requestsPaths in requests.openapi.ts).
 */
import { error, json, letterKind, letterLang } from './requests.openapi.schemas';

export const requestsFoiPaths = {
  '/api/foi/authorities': {
    get: {
      summary: 'The Danish authority directory (ministries, the 98 municipalities, the 5 regions) with each one’s appeal body',
      parameters: [{ name: 'q', in: 'query', schema: { type: 'string' } }, { name: 'category', in: 'query', schema: { enum: ['ministry', 'agency', 'municipality', 'region', 'appeal_body', 'other'] } }],
      responses: { '200': json({ type: 'object', properties: { authorities: { type: 'array' } } }, 'Authorities') },
    },
  },
  '/api/foi/authorities/{key}': {
    patch: {
      summary: 'Edit an entry (name, appeal body, e-mail, postal address; "" clears an address)', parameters: [{ name: 'key', in: 'path', required: true, schema: { type: 'string' } }],
      requestBody: { required: true, content: { 'application/json': { schema: { type: 'object', properties: { name: { type: 'string', maxLength: 300 }, appealBodyKey: { type: ['string', 'null'] }, email: { type: ['string', 'null'], maxLength: 254 }, postalAddress: { type: ['string', 'null'], maxLength: 1000 } } } } } },
      responses: { '200': json({ type: 'object' }, 'Updated'), '400': error, '403': error, '404': error },
    },
  },
  '/api/foi/authorities/{key}/party': {
    post: { summary: 'The archive’s party for an entry: linked, reused by name, or created', parameters: [{ name: 'key', in: 'path', required: true, schema: { type: 'string' } }], responses: { '200': json({ type: 'object' }, 'Existing'), '201': json({ type: 'object' }, 'Created'), '404': error } },
  },
  '/api/foi/jurisdictions': {
    get: { summary: 'Jurisdictions with deadline rules (Denmark first)', responses: { '200': json({ type: 'object', properties: {
        jurisdictions: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              code: { type: 'string' }, name: { type: 'string' }, nameDa: { type: 'string' }, law: { type: 'string' }, citation: { type: 'string' },
              language: { type: 'string' }, isDefault: { type: 'boolean' },
              regions: { type: ['object', 'null'], additionalProperties: { type: 'string' }, description: 'Subdivisions a request may name (code → name)' },
              regionsDa: { type: ['object', 'null'], additionalProperties: { type: 'string' }, description: 'The same names in Danish' },
            },
          },
        },
      } }, 'Jurisdictions') } },
  },
  '/api/foi/letter-templates': {
    get: { summary: 'The letter templates in use (newsroom’s own or shipped), with their placeholders', responses: { '200': json({ type: 'object', properties: { templates: { type: 'array' } } }, 'Templates') } },
  },
  '/api/foi/letter-templates/{kind}/{lang}': {
    put: {
      summary: 'Set the newsroom’s wording of a template (editors and admins)',
      parameters: [letterKind, letterLang],
      requestBody: { required: true, content: { 'application/json': { schema: { type: 'object', required: ['body'], properties: { body: { type: 'string', maxLength: 20000 } } } } } },
      responses: { '200': json({ type: 'object' }, 'Saved'), '400': error, '403': error, '404': error },
    },
    delete: { summary: 'Go back to the shipped wording', parameters: [letterKind, letterLang], responses: { '204': { description: 'Reset' }, '403': error, '404': error } },
  },
  '/api/calendar/feed': {
    get: { summary: 'Whether the caller has a secret calendar feed', responses: { '200': json({ type: 'object', properties: { exists: { type: 'boolean' }, createdAt: { type: ['string', 'null'] }, lastUsedAt: { type: ['string', 'null'] } } }, 'Status') } },
    post: {
      summary: 'Create (or replace) the caller’s secret calendar feed; the URL is returned once',
      description: '`url` is absolute when KILDE_PUBLIC_URL is set (never built from the Host header); otherwise it is the same-origin `path`.',
      responses: { '201': json({ type: 'object', properties: { url: { type: 'string' }, path: { type: 'string' }, createdAt: { type: 'string' } } }, 'Created'), '403': error, '409': error },
    },
    delete: { summary: 'Revoke the caller’s secret calendar feed', responses: { '204': { description: 'Revoked' } } },
  },
  '/requests/calendar.ics': {
    get: {
      summary: 'iCalendar feed of the deadlines of the signed-in user’s open requests',
      parameters: [{ name: 'lang', in: 'query', schema: { enum: ['da', 'en'] } }],
      responses: { '200': { description: 'text/calendar', content: { 'text/calendar': { schema: { type: 'string' } } } }, '401': error },
    },
  },
  '/calendar/{token}.ics': {
    get: {
      summary: 'The same feed for calendar apps that cannot sign in; the secret token is the credential',
      parameters: [{ name: 'token', in: 'path', required: true, schema: { type: 'string' } }, { name: 'lang', in: 'query', schema: { enum: ['da', 'en'] } }],
      responses: { '200': { description: 'text/calendar', content: { 'text/calendar': { schema: { type: 'string' } } } }, '404': error },
    },
  },
};
