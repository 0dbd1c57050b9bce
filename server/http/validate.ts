import { z } from 'zod';

/** Parses input with a zod schema; a failure becomes a 400 with the first problem (see error handler). */
export function parse<T extends z.ZodType>(schema: T, input: unknown): z.infer<T> {
  return schema.parse(input);
}

/** Query strings arrive as string | string[]; keep the first value, as browsers send one. */
export const oneString = z.preprocess((v) => (Array.isArray(v) ? v[0] : v), z.string());
export const optionalString = z.preprocess((v) => (Array.isArray(v) ? v[0] : v), z.string().optional());
/** A form's list whose first option is blank: '' is no choice made (undefined), as the field left out. */
export const optionalChoice = z.preprocess((v) => {
  const x = Array.isArray(v) ? v[0] : v;
  return x === '' ? undefined : x;
}, z.string().optional());
export const pageNumber = z.preprocess(
  (v) => (Array.isArray(v) ? v[0] : v === '' ? undefined : v),
  z.coerce.number().int().min(1).max(10_000).default(1),
);
