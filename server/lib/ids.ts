import { randomBytes } from 'node:crypto';

/**
 * Opaque, stable, URL-safe ids ("doc_…"): they appear in permanent citation links, so they never
 * encode anything that could change (title, position) and never reveal how many documents exist.
 */
export function newId(prefix: string): string {
  return `${prefix}_${randomBytes(10).toString('base64url')}`;
}
