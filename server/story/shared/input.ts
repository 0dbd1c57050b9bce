import type { Request } from 'express';
import { z } from 'zod';
import { AppError } from '../../lib/errors';
import { givenValue } from '../../http/validate';

/**
 * How the story area reads its input: id formats, the shared text fields of its schemas, and route
 * parameters and JSON bodies.
 */

// Ids

/**
 * Id formats of the story area. A malformed id in a URL or body can never name anything, so it is
 * answered as "not found" (404), the same as an id that does not exist.
 */
export const ID_PREFIX = { party: 'pty', event: 'evt', story: 'sto', document: 'doc' } as const;
export type Entity = keyof typeof ID_PREFIX;

const SHAPE: Record<Entity, RegExp> = {
  party: /^pty_[A-Za-z0-9_-]{10,40}$/,
  event: /^evt_[A-Za-z0-9_-]{10,40}$/,
  story: /^sto_[A-Za-z0-9_-]{10,40}$/,
  document: /^doc_[A-Za-z0-9_-]{10,40}$/,
};

export function isId(entity: Entity, value: unknown): value is string {
  return typeof value === 'string' && SHAPE[entity].test(value);
}

/** A body field holding an id: any string is accepted here; the service answers 404 for unknown ones. */
export const idField = z.string().trim().max(200);

/**
 * A body field naming where something is placed (a party's parent, an event's story): blank means
 * "none", as in the forms, which send an empty choice as ''; null clears it; undefined leaves it.
 */
export const placementField = z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? null : v), z.union([idField, z.null()]).optional());

/**
 * Accepts a bare id or a pasted link to it ("https://kilde.example/documents/doc_…#page-2"), which
 * is what people copy from the address bar.
 */
export function idFromInput(entity: Entity, input: string): string {
  const s = input.trim();
  const m = new RegExp(`(${ID_PREFIX[entity]}_[A-Za-z0-9_-]{10,40})`).exec(s);
  return m ? m[1] : s;
}

// Text fields

/** Control characters never belong in a name or a note; tabs and newlines stay. */
export const clean = (s: string) => s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '').trim();

export const requiredText = (max: number, what: string) =>
  z.string({ error: () => `${what} is required` }).transform(clean).pipe(z.string().min(1, `${what} is required`).max(max, `${what} is longer than ${max} characters`));

export const optionalText = (max: number, what: string) =>
  z.string({ error: () => `${what} must be text` }).transform(clean).pipe(z.string().max(max, `${what} is longer than ${max} characters`)).nullable().optional();


export const flag = z.preprocess(givenValue, z.enum(['true', 'false', '1', '0', 'on']).optional()).transform((v) => v === 'true' || v === '1' || v === 'on');

export const forceQuery = z.object({ force: flag });

export const searchText = z.preprocess(givenValue, z.string().max(300, 'the search text is longer than 300 characters').optional());

// Route parameters and bodies

/** Route parameters as strings; Express 5 gives string | string[] for wildcards, which we never use. */
export function param(req: Request, name: string): string {
  const v = req.params[name];
  if (typeof v !== 'string') throw AppError.notFound('This item');
  return v;
}

/** A role or relation in a URL: an unknown one is a 400 (the request is malformed, not missing). */
export function enumParam<T extends readonly [string, ...string[]]>(req: Request, name: string, values: T): T[number] {
  const v = param(req, name);
  if (!(values as readonly string[]).includes(v)) throw AppError.invalid(`${name} must be one of: ${values.join(', ')}`);
  return v as T[number];
}

/** JSON bodies must be objects; an array or a string is refused with a clear message. */
export function body(req: Request): Record<string, unknown> {
  const b = req.body as unknown;
  if (b === undefined || b === null) return {};
  if (typeof b !== 'object' || Array.isArray(b)) throw new AppError('bad_request', 'The request body must be a JSON object.');
  return b as Record<string, unknown>;
}

export const suggestionId = z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER);
