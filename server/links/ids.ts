import { z } from 'zod';

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
 * Accepts a bare id or a pasted link to it ("https://kilde.example/documents/doc_…#page-2"), which
 * is what people copy from the address bar.
 */
export function idFromInput(entity: Entity, input: string): string {
  const s = input.trim();
  const m = new RegExp(`(${ID_PREFIX[entity]}_[A-Za-z0-9_-]{10,40})`).exec(s);
  return m ? m[1] : s;
}
