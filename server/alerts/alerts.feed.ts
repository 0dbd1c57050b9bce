import { escapeHtml } from '../../search/highlight';

/**
 * An Atom feed (RFC 4287) of a user's alerts. Written by hand: a dozen elements, every text
 * escaped. Entry ids are tag: URIs, stable across feed reads, so a reader shows each alert once.
 */
export interface FeedEntry {
  id: number;
  title: string;
  summary: string;
  /** Absolute when the server knows its public address; else a path. */
  link: string;
  updated: string;
}

/**
 * Characters XML 1.0 does not allow at all, even escaped (most C0 controls, lone surrogates,
 * U+FFFE/U+FFFF). A title holding one (anyone can upload it) would make the whole feed unreadable.
 */
const NOT_XML = /[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu;

export function atomFeed(opts: { id: string; title: string; selfUrl: string; updated: string; author: string; entries: FeedEntry[] }): string {
  const x = (s: string) => escapeHtml(s.replace(NOT_XML, ''));
  const entries = opts.entries.map((e) => `  <entry>
    <id>tag:kilde,2025:alert:${e.id}</id>
    <title>${x(e.title)}</title>
    <link rel="alternate" href="${x(e.link)}"/>
    <updated>${x(e.updated)}</updated>
    <summary>${x(e.summary)}</summary>
  </entry>`);
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <id>${x(opts.id)}</id>
  <title>${x(opts.title)}</title>
  <link rel="self" href="${x(opts.selfUrl)}"/>
  <updated>${x(opts.updated)}</updated>
  <author><name>${x(opts.author)}</name></author>
${entries.join('\n')}
</feed>
`;
}
