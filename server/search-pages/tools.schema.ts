import { z } from 'zod';
import { MAX_BATCH_LINES } from '../../search/batch';
import { firstValue, givenValue } from '../http/validate';

/** Search inside one document: `?q=`. */
export const inDocumentQuery = z.object({
  q: z.preprocess((v) => firstValue(v) ?? '', z.string().max(1000, 'the query is longer than 1,000 characters')),
});

/** Batch search: the list pasted (`names`), or a file uploaded; `format` csv for the export. */
export const batchInput = z.object({
  // A list given as repeated fields is joined a line each; anything but text in it is refused (an
  // object would be searched as "[object Object]").
  names: z.preprocess((v) => (Array.isArray(v) && v.every((x) => typeof x === 'string') ? v.join('\n') : v) ?? '', z.string({ error: 'names: give the list as text, one name a line' }).max(100_000, 'the list is longer than 100,000 characters')),
  format: z.preprocess(givenValue, z.enum(['html', 'json', 'csv']).optional()),
  perLine: z.preprocess(givenValue, z.coerce.number().int().min(1).max(10).default(3)),
  /** Only the list's first lines, as many as given (the page's export of the lines searched before Stop). */
  upTo: z.preprocess(givenValue, z.coerce.number({ error: 'upTo: give a number of lines' }).int('upTo: give a whole number of lines').min(1, 'upTo: give at least 1 line').max(MAX_BATCH_LINES, `upTo: give at most ${MAX_BATCH_LINES} lines`).optional()),
});
export type BatchInput = z.infer<typeof batchInput>;
