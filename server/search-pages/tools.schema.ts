import { z } from 'zod';

/** Search inside one document: `?q=`. */
export const inDocumentQuery = z.object({
  q: z.preprocess((v) => (Array.isArray(v) ? v[0] : v) ?? '', z.string().max(1000, 'the query is longer than 1,000 characters')),
});

/** Batch search: the list pasted (`names`), or a file uploaded; `format` csv for the export. */
export const batchInput = z.object({
  names: z.preprocess((v) => (Array.isArray(v) ? v.join('\n') : v) ?? '', z.string().max(100_000, 'the list is longer than 100,000 characters')),
  format: z.preprocess((v) => (Array.isArray(v) ? v[0] : v) || undefined, z.enum(['html', 'json', 'csv']).optional()),
  perLine: z.preprocess((v) => (Array.isArray(v) ? v[0] : v) || undefined, z.coerce.number().int().min(1).max(10).default(3)),
});
export type BatchInput = z.infer<typeof batchInput>;
