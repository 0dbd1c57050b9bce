import type { Request } from 'express';
import { z } from 'zod';
import { AppError } from '../errors';

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
