/**
 * The shared parts of the FOI requests area's OpenAPI paths: the request, its input, a deadline,
 * a clock stop, an exemption record, and the parameters they share. Schemas are inline (no new
 * components); errors use the shared Error response.
 */

export const error = { $ref: '#/components/responses/Error' };
export const json = (schema: Record<string, unknown>, description: string) => ({ description, content: { 'application/json': { schema } } });
export const id = { name: 'id', in: 'path', required: true, schema: { type: 'string' }, description: 'Request id (req_…)' };
export const day = { type: 'string', format: 'date', description: 'YYYY-MM-DD' };
/** The jurisdiction a deadline report counts by. */
export const reportJurisdiction = {
  type: ['object', 'null'],
  properties: { code: { type: 'string' }, name: { type: 'string' }, nameDa: { type: 'string' }, law: { type: 'string' }, citation: { type: 'string' } },
};

/** Whether a notice of extension extends the deadlines; `explanation` says why not, in English and Danish. */
export const reportExtension = {
  type: ['object', 'null'],
  properties: {
    state: { enum: ['none', 'lawful', 'not_allowed', 'too_late'] },
    explanation: { type: ['string', 'null'] },
    explanationDa: { type: ['string', 'null'] },
  },
};

/** A report's `assumptions` or `notes` in Danish, one for one; null where part of a sentence is the rules file's English. */
export const sentencesDa = (of: string) => ({ type: 'array', items: { type: ['string', 'null'] }, description: `The ${of} in Danish, one for one; null where a part exists in English only` });
const nullableDay = { type: ['string', 'null'], format: 'date', description: 'YYYY-MM-DD; "" or null clears it' };

export const STATUSES = ['draft', 'sent', 'acknowledged', 'extended', 'granted', 'partly_granted', 'refused', 'no_documents', 'appealed', 'appeal_decided', 'withdrawn'];
const CHANNELS = ['email', 'web_form', 'digital_post', 'letter'];
export const ROLES = ['request', 'response', 'correspondence'];

export const request = {
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

export const requestInput = {
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

export const deadline = {
  type: 'object',
  required: ['key', 'name', 'date', 'rule', 'source'],
  properties: {
    key: { type: 'string' }, name: { type: 'string' }, nameDa: { type: ['string', 'null'] }, date: day,
    rule: { type: 'string', description: 'How the date was reached, with the citation' },
    ruleDa: { type: ['string', 'null'], description: 'The same in Danish; null where a part of it (a condition in the rules file) has no Danish words' }, source: { type: 'string' },
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

export const idParam = (name: string) => ({ name, in: 'path', required: true, schema: { type: 'integer', minimum: 1 } });
export const clockStop = {
  type: 'object', required: ['kind', 'from'],
  properties: { kind: { enum: ['clarification', 'fee'] }, from: day, to: { ...day, type: ['string', 'null'] }, note: { type: 'string', maxLength: 2000 } },
};
export const exemption = {
  type: 'object', required: ['title', 'decision'],
  properties: {
    number: { type: 'string', maxLength: 40 }, title: { type: 'string', maxLength: 500 }, documentDate: { ...day, type: ['string', 'null'] },
    decision: { enum: ['granted', 'partly', 'refused', 'not_held'] },
    bases: { type: 'array', items: { type: 'string' }, description: 'Keys of the jurisdiction’s rules file (`exemptions`), e.g. ofl_23' },
    note: { type: 'string', maxLength: 2000 }, documentId: { type: ['string', 'null'] },
    state: { enum: ['suggested', 'accepted', 'dismissed'], readOnly: true },
  },
};

export const requestDeadlines = {
  type: 'object',
  properties: {
    today: day,
    problem: { type: ['string', 'null'] },
    jurisdiction: reportJurisdiction,
    extension: reportExtension,
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
    assumptionsDa: sentencesDa('assumptions'),
    notes: { type: 'array', items: { type: 'string' } },
    notesDa: sentencesDa('notes'),
  },
};

export const listParams = [
  { name: 'status', in: 'query', schema: { type: 'array', items: { enum: STATUSES } }, description: 'One or more (repeat or comma-separate)' },
  { name: 'story', in: 'query', schema: { type: 'string' } },
  { name: 'authority', in: 'query', schema: { type: 'string' } },
  { name: 'mine', in: 'query', schema: { enum: ['1', '0', 'true', 'false'] }, description: 'Only requests I filed' },
];

export const letterKind = { name: 'kind', in: 'path', required: true, schema: { enum: ['request', 'reminder', 'appeal'] } };
export const letterLang = { name: 'lang', in: 'path', required: true, schema: { enum: ['da', 'en'] } };
