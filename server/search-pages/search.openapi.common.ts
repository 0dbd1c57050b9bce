/** What the search area's OpenAPI paths share: the Error response, a JSON answer, an id in the path. */

export const error = { $ref: '#/components/responses/Error' };
export const json = (description: string, schema: object = { type: 'object' }) => ({ description, content: { 'application/json': { schema } } });
export const idParam = (description: string) => ({ name: 'id', in: 'path', required: true, schema: { type: 'string' }, description });
