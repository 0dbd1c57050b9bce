/**
 * OpenAPI paths of the law of a request beyond its dates: the deadline calculator, clock stops and
 * exemption records (part of requestsPaths in requests.openapi.ts).
 */
import { clockStop, day, deadline, error, exemption, id, idParam, json, reportExtension, reportJurisdiction, sentencesDa } from './requests.openapi.schemas';

export const requestsLawPaths = {
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
      responses: { '200': json({ type: 'object', properties: { jurisdiction: reportJurisdiction, start: day, deadlines: { type: 'array', items: deadline }, extension: reportExtension, assumptions: { type: 'array', items: { type: 'string' } }, assumptionsDa: sentencesDa('assumptions'), notes: { type: 'array', items: { type: 'string' } }, notesDa: sentencesDa('notes') } }, 'Deadlines'), '400': error },
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
};
