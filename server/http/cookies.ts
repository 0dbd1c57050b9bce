import type { Request } from 'express';

/**
 * Reads one cookie from the request. A cookie is whatever the client sent, so a value with broken
 * %-encoding (`%E0%A4%A`, a lone `%`) counts as absent instead of throwing a URIError: the browser
 * behaves as if it had no such cookie (signed out, default language) rather than getting a 500.
 */
export function readCookie(req: Pick<Request, 'headers'>, name: string): string | undefined {
  const header = req.headers.cookie;
  if (typeof header !== 'string' || header.length === 0) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0 || part.slice(0, eq).trim() !== name) continue;
    let raw = part.slice(eq + 1).trim();
    if (raw.startsWith('"') && raw.endsWith('"') && raw.length >= 2) raw = raw.slice(1, -1);
    try {
      return decodeURIComponent(raw);
    } catch {
      return undefined;
    }
  }
  return undefined;
}
