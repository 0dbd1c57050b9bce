import { escapeHtml, findMatches } from '../../search/highlight';
import type { Query } from '../../search/query/ast';
import type { Lang } from '../i18n/messages';
import type { ManifestEntry } from './bundle.service';
import type { ShareLinkRecord } from './citations.repository';
import type { CheckedQuote, QuoteOpening } from './quotes.service';

/** Shapes citations output: dates in words, marked page text, CSV, the bundle's index.html. */
const MONTHS: Record<Lang, string[]> = {
  da: ['januar', 'februar', 'marts', 'april', 'maj', 'juni', 'juli', 'august', 'september', 'oktober', 'november', 'december'],
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
};

/** "28. juni 2018" / "28 June 2018", "juni 2018", "2018". */
export function formatPartialDate(iso: string, precision: string | null, lang: Lang): string {
  const [y, m, d] = iso.slice(0, 10).split('-');
  const month = m ? MONTHS[lang][Number(m) - 1] : undefined;
  if (precision === 'year' || !month) return y ?? iso;
  if (precision === 'month' || !d) return `${month} ${y}`;
  return lang === 'da' ? `${Number(d)}. ${month} ${y}` : `${Number(d)} ${month} ${y}`;
}

export function formatDay(iso: string, lang: Lang): string {
  return formatPartialDate(iso, 'day', lang);
}

/**
 * Page text as HTML with the spans marked: `quote` spans get the class "quote" and an id for the
 * first one (so the page scrolls to it), search words a plain <mark>. Everything is escaped here.
 */
export function markedText(text: string, spans: Array<{ start: number; end: number; quote?: boolean }>): string {
  const sorted = [...spans].filter((s) => s.end > s.start).sort((a, b) => a.start - b.start);
  let out = '';
  let at = 0;
  let firstQuote = true;
  for (const s of sorted) {
    if (s.start < at) continue;
    out += escapeHtml(text.slice(at, s.start));
    const attrs = s.quote ? ` class="quote"${firstQuote ? ' id="quote"' : ''}` : '';
    if (s.quote) firstQuote = false;
    out += `<mark${attrs}>${escapeHtml(text.slice(s.start, s.end))}</mark>`;
    at = s.end;
  }
  return out + escapeHtml(text.slice(at));
}

/** The spans of a search query's words on a page (the same marking as search snippets). */
export function querySpans(text: string, query: Query | null, matched: string[] = []): Array<{ start: number; end: number }> {
  return query ? findMatches(text, query, matched).map((m) => ({ start: m.start, end: m.end })) : [];
}

/** One CSV line; a cell that a spreadsheet would run as a formula is kept as text. */
export function csvLine(cells: Array<string | number>): string {
  return cells.map((c) => {
    let s = String(c);
    if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
    return /[",\r\n;]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  }).join(',');
}

export function checkCsv(results: CheckedQuote[], base: string): string {
  const head = ['n', 'quote', 'status', 'score', 'document', 'title', 'page', 'quote_link'];
  const rows = results.map((r) => [r.index, r.text, r.status, r.score ?? '', r.documentId ?? '', r.title ?? '', r.page ?? '', r.quoteId ? `${base}/q/${r.quoteId}` : '']);
  return `\ufeff${[head, ...rows].map(csvLine).join('\r\n')}\r\n`;
}

/** A file name inside the zip: numbered, no folders, no control characters, not too long. */
export function safeZipName(n: number, filename: string): string {
  const clean = filename.replace(/[\u0000-\u001f\u007f/\\:*?"<>|]+/g, '_').replace(/^\.+/, '_').slice(-120) || 'original';
  return `${String(n).padStart(3, '0')}-${clean}`;
}

export function bundleIndexHtml(label: string, at: string, entries: ManifestEntry[], lang: Lang): string {
  const t = lang === 'da'
    ? { heading: 'Kildepakke', made: 'Lavet', doc: 'Dokument', date: 'Dato', parties: 'Parter', file: 'Original', link: 'Permanent link', missing: 'mangler i arkivet', check: 'Kontrollér filerne med: sha256sum -c SHA256SUMS' }
    : { heading: 'Source bundle', made: 'Made', doc: 'Document', date: 'Date', parties: 'Parties', file: 'Original', link: 'Permanent link', missing: 'missing from the archive', check: 'Check the files with: sha256sum -c SHA256SUMS' };
  const rows = entries.map((e) => `<tr>
  <td><strong>${escapeHtml(e.title)}</strong><br><small>${escapeHtml(e.fullCitation)}</small>${e.provenance ? `<br><small>${escapeHtml(e.provenance)}</small>` : ''}</td>
  <td>${escapeHtml(e.date ?? '')}</td>
  <td>${Object.entries(e.parties).map(([role, names]) => `${escapeHtml(role)}: ${names.map(escapeHtml).join(', ')}`).join('<br>')}</td>
  <td>${e.path ? `<a href="${escapeHtml(encodeURI(e.path))}">${escapeHtml(e.filename)}</a>` : escapeHtml(t.missing)}<br><code>${escapeHtml(e.sha256)}</code></td>
  <td><a href="${escapeHtml(e.permalink)}">${escapeHtml(e.permalink)}</a></td>
</tr>`).join('\n');
  return `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><title>${escapeHtml(t.heading)} — ${escapeHtml(label)}</title>
<style>body{font-family:system-ui,sans-serif;margin:2rem}table{border-collapse:collapse;width:100%}td,th{border:1px solid #ccc;padding:.4rem;vertical-align:top;text-align:left}code{font-size:.75rem;word-break:break-all}</style>
</head><body>
<h1>${escapeHtml(t.heading)}: ${escapeHtml(label)}</h1>
<p>${escapeHtml(t.made)} ${escapeHtml(at)} · ${entries.length} · ${escapeHtml(t.check)}</p>
<table><thead><tr><th>${t.doc}</th><th>${t.date}</th><th>${t.parties}</th><th>${t.file}</th><th>${t.link}</th></tr></thead>
<tbody>
${rows}
</tbody></table>
</body></html>
`;
}

/** A quote link's opening, as JSON: nothing about the document when it is not available. */
export function presentOpening(o: QuoteOpening): Record<string, unknown> {
  if (o.kind === 'unavailable') return { status: 'unavailable' };
  const base = { quoteId: o.quote.id, documentId: o.document.id, title: o.document.title, text: o.quote.text, takenFromPage: o.quote.pageNumber };
  if (o.kind === 'lost') return { ...base, status: 'not_found' };
  return { ...base, status: o.score === 100 ? 'found' : 'found_with_differences', page: o.page, start: o.start, end: o.end, score: o.score, moved: o.moved, reread: o.reread };
}

export function presentShare(l: ShareLinkRecord & { title?: string | null }, base: string): Record<string, unknown> {
  const url = `${base}/s/${l.token}`;
  return {
    id: l.id, documentId: l.documentId, page: l.pageNumber, title: l.title ?? null, url, embedUrl: `${url}/embed`,
    embed: embedSnippet(url, l.title ?? 'Kilde'), createdAt: l.createdAt, expiresAt: l.expiresAt, revokedAt: l.revokedAt,
  };
}

export function embedSnippet(url: string, title: string): string {
  return `<iframe src="${escapeHtml(url)}/embed" title="${escapeHtml(title)}" width="100%" height="600" style="border:1px solid #ccc" loading="lazy" referrerpolicy="no-referrer"></iframe>`;
}
