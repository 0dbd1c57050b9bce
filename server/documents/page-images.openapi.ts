/** OpenAPI paths of page images (assembled into the document by server/openapi.ts). */
const error = { $ref: '#/components/responses/Error' };

export const pagesPaths = {
  '/api/documents/{id}/pages/{n}/image': {
    get: {
      summary: 'The image of one page, to check its text (OCR) against the page itself',
      description:
        'A PDF page rendered at 150 dpi (less for oversized pages), a TIFF page as PNG, or a single PNG/JPEG/WebP image as stored. ' +
        'Drawn on first request and cached; sent with Cache-Control: private, no-cache. 404 when the document has no page images ' +
        '(text, e-mail, Word, zip, a password-protected PDF, or not yet extracted) or no such page.',
      parameters: [
        { name: 'id', in: 'path', required: true, schema: { type: 'string' } },
        { name: 'n', in: 'path', required: true, schema: { type: 'integer', minimum: 1 } },
      ],
      responses: {
        '200': { description: 'The page image', content: { 'image/png': {}, 'image/jpeg': {}, 'image/webp': {} } },
        '404': error,
      },
    },
  },
};
