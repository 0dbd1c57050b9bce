import { z } from 'zod';

/** Parses input with a zod schema; a failure becomes a 400 with the first problem (see error handler). */
export function parse<T extends z.ZodType>(schema: T, input: unknown): z.infer<T> {
  return schema.parse(input);
}

/** A query string or form field arrives as string | string[]: the first value counts, as browsers send one. */
export const firstValue = (v: unknown): unknown => (Array.isArray(v) ? v[0] : v);
/**
 * The first value, where '' is none given: a form sends an empty field, and a list's blank first
 * option ("any", "none"), as '' — the same as leaving the field out.
 */
export const givenValue = (v: unknown): unknown => {
  const x = firstValue(v);
  return x === '' ? undefined : x;
};

export const oneString = z.preprocess(firstValue, z.string());
export const optionalString = z.preprocess(firstValue, z.string().optional());
/** A form's list whose first option is blank: '' is no choice made (undefined), as the field left out. */
export const optionalChoice = z.preprocess(givenValue, z.string().optional());
export const pageNumber = z.preprocess(givenValue, z.coerce.number().int().min(1).max(10_000).default(1));
