/**
 * `Content-Disposition: attachment` with an ASCII fallback name and the UTF-8 name (RFC 6266 /
 * RFC 5987), so "Brev til KL – æøå.pdf" downloads under its own name and no name can inject headers.
 */
export function attachmentHeader(filename: string): string {
  const fallback = filename.normalize('NFKD').replace(/[^\x20-\x7e]/g, '').replace(/["\\;]/g, '_').trim() || 'document';
  const encoded = encodeURIComponent(filename).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
