import { z } from 'zod';

/** Field shapes shared by the story area's schemas. */

/** Control characters never belong in a name or a note; tabs and newlines stay. */
export const clean = (s: string) => s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '').trim();

export const requiredText = (max: number, what: string) =>
  z.string({ error: () => `${what} is required` }).transform(clean).pipe(z.string().min(1, `${what} is required`).max(max, `${what} is longer than ${max} characters`));

export const optionalText = (max: number, what: string) =>
  z.string({ error: () => `${what} must be text` }).transform(clean).pipe(z.string().max(max, `${what} is longer than ${max} characters`)).nullable().optional();

/** Query strings arrive as string | string[] | ''; keep the first value, '' meaning absent. */
export const firstValue = (v: unknown) => (Array.isArray(v) ? v[0] : v === '' ? undefined : v);

export const flag = z.preprocess(firstValue, z.enum(['true', 'false', '1', '0', 'on']).optional()).transform((v) => v === 'true' || v === '1' || v === 'on');

export const forceQuery = z.object({ force: flag });

export const searchText = z.preprocess(firstValue, z.string().max(300, 'the search text is longer than 300 characters').optional());
