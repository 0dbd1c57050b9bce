import type { FacetName, SearchResult } from '../../search/engine';
import { escapeHtml, highlightAll } from '../../search/highlight';
import { parseQuery } from '../../search/query/parse';
import { LIST_PARAMS, type ListParam, type SearchQuery } from './search.schema';

/**
 * Shapes a search for the page and for JSON. Every link on the results page is built from the
 * whole search, changed in one place (a filter toggled, another page, another sort), so any view of
 * the results can be bookmarked or shared and reproduces exactly.
 */
export const FACET_PARAM: Record<FacetName, ListParam> = {
  mediaType: 'type',
  language: 'language',
  method: 'method',
  partyIds: 'party',
  parties_sender: 'sender',
  parties_recipient: 'recipient',
  parties_cc: 'cc',
  parties_mentioned: 'mentioned',
  parties_subject: 'subject',
  eventIds: 'event',
  storyIds: 'story',
  requestId: 'request',
};

/** The sidebar's groups, in order. */
const GROUPS: FacetName[] = [
  'mediaType', 'language', 'method', 'partyIds',
  'parties_sender', 'parties_recipient', 'parties_cc', 'parties_mentioned', 'parties_subject',
  'eventIds', 'storyIds', 'requestId',
];

export interface Labels {
  parties: Map<string, string>;
  events: Map<string, string>;
  stories: Map<string, string>;
  requests: Map<string, string>;
}

export interface FacetValueView {
  value: string;
  label: string;
  /** Key of a translated label (t), when the value has one. */
  labelKey: string | null;
  count: number;
  selected: boolean;
  href: string;
}

export interface FacetGroupView {
  facet: FacetName;
  param: ListParam;
  titleKey: string;
  values: FacetValueView[];
}

/** `/search?…` for the search `q` with `change` applied; defaults are left out of the URL. */
export function searchUrl(q: SearchQuery, change: Partial<SearchQuery> = {}): string {
  const s = { ...q, ...change };
  const params = new URLSearchParams();
  params.set('q', s.q);
  for (const name of LIST_PARAMS) for (const v of (s[name] as string[] | undefined) ?? []) params.append(name, v);
  if (s.from) params.set('from', s.from);
  if (s.to) params.set('to', s.to);
  if (s.undated && (s.from || s.to)) params.set('undated', s.undated);
  if (s.sort !== 'relevance') params.set('sort', s.sort);
  if (s.perPage !== 20) params.set('perPage', String(s.perPage));
  if (s.page > 1) params.set('page', String(s.page));
  return `/search?${params.toString()}`;
}

function toggled(q: SearchQuery, param: ListParam, value: string): string {
  const current = (q[param] as string[] | undefined) ?? [];
  const next = current.includes(value) ? current.filter((v) => v !== value) : [...current, value];
  return searchUrl(q, { [param]: next.length > 0 ? next : undefined, page: 1 });
}

const MEDIA_LABELS: Record<string, string> = {
  'application/pdf': 'search.media.pdf',
  'message/rfc822': 'search.media.email',
  'application/vnd.ms-outlook': 'search.media.email',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'search.media.word',
  'application/msword': 'search.media.word',
  'text/plain': 'search.media.text',
  'application/zip': 'search.media.zip',
};

function labelFor(facet: FacetName, value: string, labels: Labels): { label: string; labelKey: string | null } {
  switch (facet) {
    case 'mediaType':
      return { label: value, labelKey: MEDIA_LABELS[value] ?? (value.startsWith('image/') ? 'search.media.image' : null) };
    case 'language':
      return { label: value, labelKey: /^[a-z]{2,3}$/.test(value) ? `search.language.${value}` : null };
    case 'method':
      return { label: value, labelKey: `search.method.${value}` };
    case 'eventIds':
      return { label: labels.events.get(value) ?? value, labelKey: labels.events.has(value) ? null : 'search.facet.unnamed' };
    case 'storyIds':
      return { label: labels.stories.get(value) ?? value, labelKey: labels.stories.has(value) ? null : 'search.facet.unnamed' };
    case 'requestId':
      return { label: labels.requests.get(value) ?? value, labelKey: labels.requests.has(value) ? null : 'search.facet.unnamed' };
    default:
      return { label: labels.parties.get(value) ?? value, labelKey: null };
  }
}

/** The sidebar: every facet with values, selected values first kept even at zero so they can be removed. */
export function facetGroups(q: SearchQuery, result: SearchResult, labels: Labels): FacetGroupView[] {
  const groups: FacetGroupView[] = [];
  for (const facet of GROUPS) {
    const param = FACET_PARAM[facet];
    const selected = (q[param] as string[] | undefined) ?? [];
    const counts = result.facets[facet] ?? [];
    const values = new Map(counts.map((c) => [c.value, c.count]));
    for (const v of selected) if (!values.has(v)) values.set(v, 0);
    if (values.size === 0) continue;
    groups.push({
      facet,
      param,
      titleKey: `search.facet.${facet}`,
      values: [...values].map(([value, count]) => ({
        value,
        ...labelFor(facet, value, labels),
        count,
        selected: selected.includes(value),
        href: toggled(q, param, value),
      })),
    });
  }
  return groups;
}

export interface PagerView {
  page: number;
  pages: number;
  prev: string | null;
  next: string | null;
  /** Nearby page numbers with links (null marks a gap). */
  around: Array<{ n: number; href: string; current: boolean } | null>;
}

export function pager(q: SearchQuery, result: SearchResult): PagerView {
  const pages = Math.max(1, Math.min(1000, Math.ceil(result.total / result.perPage)));
  const page = result.page;
  const link = (n: number) => searchUrl(q, { page: n });
  const around: PagerView['around'] = [];
  let last = 0;
  for (let n = 1; n <= pages; n++) {
    if (n === 1 || n === pages || Math.abs(n - page) <= 2) {
      if (last && n - last > 1) around.push(null);
      around.push({ n, href: link(n), current: n === page });
      last = n;
    }
  }
  return { page, pages, prev: page > 1 ? link(page - 1) : null, next: page < pages ? link(page + 1) : null, around };
}

/** Whether any filter is set (the page then offers to clear them all). */
export function hasFilters(q: SearchQuery): boolean {
  return LIST_PARAMS.some((p) => ((q[p] as string[] | undefined) ?? []).length > 0) || Boolean(q.from || q.to);
}

export function clearFiltersUrl(q: SearchQuery): string {
  const cleared: Partial<SearchQuery> = { from: undefined, to: undefined, undated: undefined, page: 1 };
  for (const p of LIST_PARAMS) (cleared as Record<string, unknown>)[p] = undefined;
  return searchUrl(q, cleared);
}

/** One active filter as the page shows it above the results: a link that removes it. */
export interface ChipView {
  /** Key of the filter's group name (t). */
  groupKey: string;
  label: string;
  labelKey: string | null;
  /** A date bound (YYYY, YYYY-MM or YYYY-MM-DD), for the view to write in the reader's language. */
  date?: string;
  href: string;
}

/** Every active filter, in the sidebar's order, then the dates. */
export function filterChips(q: SearchQuery, labels: Labels): ChipView[] {
  const chips: ChipView[] = [];
  for (const facet of GROUPS) {
    const param = FACET_PARAM[facet];
    for (const value of (q[param] as string[] | undefined) ?? []) {
      chips.push({ groupKey: `search.facet.${facet}`, ...labelFor(facet, value, labels), href: toggled(q, param, value) });
    }
  }
  // Removing the last bound removes the choice about undated documents with it.
  if (q.from) chips.push({ groupKey: 'search.from', label: q.from, labelKey: null, date: q.from, href: searchUrl(q, { from: undefined, page: 1 }) });
  if (q.to) chips.push({ groupKey: 'search.to', label: q.to, labelKey: null, date: q.to, href: searchUrl(q, { to: undefined, page: 1 }) });
  if ((q.from || q.to) && q.undated === 'include') {
    chips.push({ groupKey: 'search.facet.date', label: '', labelKey: 'search.undated.chip', href: searchUrl(q, { undated: undefined, page: 1 }) });
  }
  return chips;
}

/**
 * The search with the given typed words quoted: a quoted word is matched exactly (no typos, no
 * prefix), so this is "search for what I typed" after the engine matched other forms. Only words
 * standing alone (between spaces) are quoted; the rest of the query is kept as written.
 */
export function exactSearchUrl(q: SearchQuery, words: string[]): string | null {
  let text = q.q;
  let changed = false;
  for (const word of words) {
    const re = new RegExp(`(^|\\s)(${word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')})(?=\\s|$)`, 'u');
    const next = text.replace(re, '$1"$2"');
    if (next !== text) {
      text = next;
      changed = true;
    }
  }
  return changed ? searchUrl(q, { q: text, page: 1 }) : null;
}

/** The source bundle (a zip of the originals with manifests) of exactly this search, every page of it. */
export function bundleUrl(q: SearchQuery): string {
  return `/bundle${searchUrl(q, { page: 1, perPage: 20, sort: 'relevance' }).slice('/search'.length)}`;
}

/**
 * JSON: the result with links a script can follow, and the facet names. Nothing the caller typed is
 * echoed back when nothing was found (`terms` lists the words to mark in the hits), so an empty
 * answer says nothing at all — not even that the words were looked for.
 */
export function presentJson(q: SearchQuery, result: SearchResult, labels: Labels) {
  const named = (facet: FacetName, value: string) => {
    const { label } = labelFor(facet, value, labels);
    return label === value ? undefined : label;
  };
  const facets: Record<string, Array<{ value: string; count: number; label?: string }>> = {};
  for (const [facet, values] of Object.entries(result.facets) as Array<[FacetName, SearchResult['facets'][FacetName]]>) {
    facets[facet] = (values ?? []).map((v) => {
      const label = named(facet, v.value);
      return label ? { ...v, label } : { ...v };
    });
  }
  return {
    ...result,
    terms: result.hits.length > 0 ? result.terms : [],
    facets,
    hits: result.hits.map((h) => ({
      ...h,
      links: { html: `/documents/${encodeURIComponent(h.documentId)}?q=${encodeURIComponent(q.q)}`, self: `/api/documents/${encodeURIComponent(h.documentId)}` },
    })),
    ...(result.hits.length > 0 ? { links: { html: searchUrl(q) } } : {}),
  };
}

/**
 * A hit's title as HTML, the query's words marked as its snippets mark them (typo forms the engine
 * matched included): a document found by its title alone shows why.
 */
export function titleMarker(q: SearchQuery, result: SearchResult | null): (title: string) => string {
  if (!result || result.hits.length === 0) return escapeHtml;
  const query = parseQuery(q.q);
  return (title) => highlightAll(title, query, { matched: result.terms });
}
