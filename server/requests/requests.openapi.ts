/**
 * OpenAPI paths of the FOI requests area, assembled into the document by server/openapi.ts. Schemas are inline (no new
 * components), so merging the paths is all it takes; errors use the shared Error response.
 */
const error = { $ref: '#/components/responses/Error' };
const json = (schema: Record<string, unknown>, description: string) => ({ description, content: { 'application/json': { schema } } });
const id = { name: 'id', in: 'path', required: true, schema: { type: 'string' }, description: 'Request id (req_…)' };
const day = { type: 'string', format: 'date', description: 'YYYY-MM-DD' };
const nullableDay = { type: ['string', 'null'], format: 'date', description: 'YYYY-MM-DD; "" or null clears it' };

const STATUSES = ['draft', 'sent', 'acknowledged', 'extended', 'granted', 'partly_granted', 'refused', 'no_documents', 'appealed', 'appeal_decided', 'withdrawn'];
const CHANNELS = ['email', 'web_form', 'digital_post', 'letter'];
const ROLES = ['request', 'response', 'correspondence'];

const request = {
  type: 'object',
  required: ['id', 'subject', 'status', 'jurisdiction', 'law'],
  properties: {
    id: { type: 'string' },
    subject: { type: 'string' },
    body: { type: 'string', description: 'The request text' },
    authorityId: { type: ['string', 'null'] },
    authority: { type: ['object', 'null'], properties: { id: { type: 'string' }, name: { type: 'string' }, kind: { type: 'string' } } },
    jurisdiction: { type: 'string', examples: ['DK'] },
    law: { type: 'string', examples: ['offentlighedsloven'] },
    channel: { enum: [...CHANNELS, null] },
    sentDate: nullableDay,
    receivedDate: nullableDay,
    ourReference: { type: 'string' },
    authorityReference: { type: 'string', description: "The authority's case number" },
    storyId: { type: ['string', 'null'] },
    story: { type: ['object', 'null'], properties: { id: { type: 'string' }, title: { type: 'string' } } },
    notes: { type: 'string' },
    status: { enum: STATUSES },
    statusDate: day,
    createdBy: { type: ['string', 'null'] },
    createdAt: { type: 'string', format: 'date-time' },
    updatedAt: { type: 'string', format: 'date-time' },
  },
};

const requestInput = {
  type: 'object',
  properties: {
    authorityId: { type: 'string', description: 'A party id; an authority is expected' },
    subject: { type: 'string', maxLength: 500 },
    body: { type: 'string', maxLength: 50000 },
    jurisdiction: { type: 'string', description: 'DK (default), UK, UK-SCT, US, DE, SE, NO, EU' },
    law: { type: 'string', maxLength: 200, description: 'Default: offentlighedsloven for DK, else the jurisdiction’s law' },
    channel: { enum: [...CHANNELS, '', null] },
    sentDate: nullableDay,
    receivedDate: nullableDay,
    ourReference: { type: 'string', maxLength: 200 },
    authorityReference: { type: 'string', maxLength: 200 },
    storyId: { type: ['string', 'null'] },
    notes: { type: 'string', maxLength: 20000 },
  },
};

const deadline = {
  type: 'object',
  required: ['key', 'name', 'date', 'rule', 'source'],
  properties: {
    key: { type: 'string' }, name: { type: 'string' }, nameDa: { type: ['string', 'null'] }, date: day,
    rule: { type: 'string', description: 'How the date was reached, with the citation' }, source: { type: 'string' },
    basis: { enum: ['received', 'sent', 'decided', 'appealed', 'appeal_decided', 'promised', 'period_end'] }, binding: { enum: ['statutory', 'guidance'] },
    from: {
      type: 'object', description: 'The day the period counts from and what that day is (receipt, the letter’s date, the day it was received, the end of another period…)',
      properties: { date: day, what: { type: 'string' }, whatDa: { type: 'string' } },
    },
    stage: { type: ['integer', 'null'], description: 'The appeal step the deadline belongs to' },
    awaits: { enum: ['decision', 'answer', 'appeal', 'appeal_decision'], description: 'What meets it; `answer` is a decision or a lawful notice of extension given in time' },
    confidence: { enum: ['confirmed', 'secondary', 'unconfirmed'] },
  },
};

const idParam = (name: string) => ({ name, in: 'path', required: true, schema: { type: 'integer', minimum: 1 } });
const clockStop = {
  type: 'object', required: ['kind', 'from'],
  properties: { kind: { enum: ['clarification', 'fee'] }, from: day, to: { ...day, type: ['string', 'null'] }, note: { type: 'string', maxLength: 2000 } },
};
const exemption = {
  type: 'object', required: ['title', 'decision'],
  properties: {
    number: { type: 'string', maxLength: 40 }, title: { type: 'string', maxLength: 500 }, documentDate: { ...day, type: ['string', 'null'] },
    decision: { enum: ['granted', 'partly', 'refused', 'not_held'] },
    bases: { type: 'array', items: { type: 'string' }, description: 'Keys of the jurisdiction’s rules file (`exemptions`), e.g. ofl_23' },
    note: { type: 'string', maxLength: 2000 }, documentId: { type: ['string', 'null'] },
    state: { enum: ['suggested', 'accepted', 'dismissed'], readOnly: true },
  },
};

const requestDeadlines = {
  type: 'object',
  properties: {
    today: day,
    problem: { type: ['string', 'null'] },
    answerDue: { type: ['object', 'null'] },
    appealDue: { type: ['object', 'null'] },
    deadlines: {
      type: 'array',
      items: {
        allOf: [deadline, {
          type: 'object',
          properties: {
            group: { enum: ['response', 'extension', 'escalation', 'appeal'] },
            state: { enum: ['met', 'late', 'due', 'overdue', 'closed'] },
            daysLeft: { type: 'integer' },
            metOn: { type: ['string', 'null'] },
          },
        }],
      },
    },
    assumptions: { type: 'array', items: { type: 'string' } },
    notes: { type: 'array', items: { type: 'string' } },
  },
};

const listParams = [
  { name: 'status', in: 'query', schema: { type: 'array', items: { enum: STATUSES } }, description: 'One or more (repeat or comma-separate)' },
  { name: 'story', in: 'query', schema: { type: 'string' } },
  { name: 'authority', in: 'query', schema: { type: 'string' } },
  { name: 'mine', in: 'query', schema: { enum: ['1', '0', 'true', 'false'] }, description: 'Only requests I filed' },
];

const letterKind = { name: 'kind', in: 'path', required: true, schema: { enum: ['request', 'reminder', 'appeal'] } };
const letterLang = { name: 'lang', in: 'path', required: true, schema: { enum: ['da', 'en'] } };

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
  '/api/foi/deadlines': {
    get: {
      summary: 'Deadline calculator: each deadline a jurisdiction’s rules give for these dates',
      parameters: [
        { name: 'jurisdiction', in: 'query', schema: { type: 'string', default: 'DK' } },
        { name: 'sent', in: 'query', required: true, schema: day },
        { name: 'received', in: 'query', schema: day },
        { name: 'decided', in: 'query', schema: day },
        { name: 'extended', in: 'query', schema: { enum: ['1', '0', 'true', 'false'] } },
      ],
      responses: { '200': json({ type: 'object', properties: { jurisdiction: { type: 'object' }, start: day, deadlines: { type: 'array', items: deadline }, assumptions: { type: 'array' }, notes: { type: 'array' } } }, 'Deadlines'), '400': error },
    },
  },
  '/api/requests/{id}/clock-stops': {
    get: { summary: 'Stops of the request clock (clarification asked for, fees notice)', parameters: [id], responses: { '200': json({ type: 'object', properties: { clockStops: { type: 'array', items: clockStop } } }, 'Clock stops'), '404': error } },
    post: { summary: 'Record a clock stop; a clarification restarts the clock where the law says so, a fees notice pauses it', parameters: [id], requestBody: { content: { 'application/json': { schema: clockStop } } }, responses: { '201': json(clockStop, 'Recorded'), '400': error, '404': error } },
  },
  '/api/requests/{id}/clock-stops/{stopId}': {
    patch: { summary: 'End a clock stop (the day the clarification or fee arrived)', parameters: [id, idParam('stopId')], responses: { '200': json(clockStop, 'Updated'), '400': error, '404': error } },
    delete: { summary: 'Remove a clock stop', parameters: [id, idParam('stopId')], responses: { '204': { description: 'Removed' }, '404': error } },
  },
  '/api/requests/{id}/exemptions': {
    get: { summary: 'The authority’s list of documents: per document the decision and legal bases (suggestions included)', parameters: [id], responses: { '200': json({ type: 'object', properties: { exemptions: { type: 'array', items: exemption } } }, 'Records'), '404': error } },
    post: { summary: 'Add a record (a refused document needs no file)', parameters: [id], requestBody: { content: { 'application/json': { schema: exemption } } }, responses: { '201': json(exemption, 'Added'), '400': error, '404': error } },
  },
  '/api/requests/{id}/exemptions/read': {
    post: { summary: 'Read the aktliste of a linked answer into suggestions', parameters: [id], requestBody: { content: { 'application/json': { schema: { type: 'object', required: ['documentId'], properties: { documentId: { type: 'string' } } } } } }, responses: { '200': json({ type: 'object', properties: { added: { type: 'integer' }, exemptions: { type: 'array', items: exemption } } }, 'Suggestions'), '400': error, '404': error } },
  },
  '/api/requests/{id}/exemptions/{recordId}': {
    patch: { summary: 'Edit a record; `state: accepted|dismissed` decides a suggestion', parameters: [id, idParam('recordId')], responses: { '200': json(exemption, 'Updated'), '400': error, '404': error } },
    delete: { summary: 'Remove a record', parameters: [id, idParam('recordId')], responses: { '204': { description: 'Removed' }, '404': error } },
  },
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
    get: { summary: 'Jurisdictions with deadline rules (Denmark first)', responses: { '200': json({ type: 'object', properties: { jurisdictions: { type: 'array' } } }, 'Jurisdictions') } },
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
