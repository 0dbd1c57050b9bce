import type { Db } from '../../server/db/connection';

/**
 * The engine's per-document table (`search_docs`, `search_links`, `search_values`) kept in memory as
 * typed arrays indexed by document key, for what a search decides per matching document: the
 * filters, the access rule, the ranking's date, the method bits and the facet counts.
 *
 * A query of common words matches most of an archive: at 1M pages, 60–80k documents. Joining each
 * one to `search_docs` and writing it into a temp table cost 40–200 ms per search; reading the
 * matches' keys as one JSON array and deciding here costs a few. The copy follows this engine's own
 * writes document by document (`changed`) and is read again whole after a rebuild or another
 * connection's commit (`PRAGMA data_version`), so it never answers from an older access than the
 * table's. Memory: a few dozen bytes per document and one number per link.
 */
export const ACCESS = { none: 0, newsroom: 1, embargoed: 2, closed: 3 } as const;

export interface DocSnapshot {
  /** Per document key: ACCESS code (0: no such document). */
  access: Uint8Array;
  /** Per document key: the extraction methods of its pages (bit 1 text, bit 2 OCR). */
  methods: Uint8Array;
  /** Per document key: date as YYYYMMDD (its own date, else its upload day). */
  dateNum: Int32Array;
  /** Per document key: 1 when the document has no date of its own. */
  undated: Uint8Array;
  /** Per document key: index into `strings` of its media type and language (-1: none). */
  media: Int32Array;
  language: Int32Array;
  /** Embargo ends as stored (ISO text, compared as text like the SQL rule), by document key. */
  embargo: Map<number, string>;
  /** Per document key: the ids (`vid`) of its linked values. */
  links: Array<number[] | undefined>;
  strings: string[];
  stringIds: Map<string, number>;
  /** vid → [kind, value], and back (`${kind}\n${value}` → vid). */
  values: Map<number, [string, string]>;
  valueIds: Map<string, number>;
  maxVid: number;
  /** One past the largest document key held. */
  size: number;
}

export interface DocTable {
  current(): DocSnapshot;
  /** A document was written or removed under these keys (either may be null). */
  changed(oldKey: number | null, newKey: number | null): void;
  /** Everything changed (rebuild, clear). */
  reset(): void;
}

type DocRow = [number, string, string | null, string | null, number, string, string | null, number];

const DOC_COLUMNS = 'doc_key, media_type, language, document_date, date_num, access_level, embargo_until, methods';

export function valueKey(kind: string, value: string): string {
  return `${kind}\n${value}`;
}

export function createDocTable(db: Db): DocTable {
  const allDocs = db.prepare(`SELECT ${DOC_COLUMNS} FROM search_docs`).raw();
  const allLinks = db.prepare('SELECT doc_key, vid FROM search_links').raw();
  const valuesFrom = db.prepare('SELECT vid, kind, value FROM search_values WHERE vid > ?').raw();
  const oneDoc = db.prepare(`SELECT ${DOC_COLUMNS} FROM search_docs WHERE doc_key = ?`).raw();
  const oneDocLinks = db.prepare('SELECT vid FROM search_links WHERE doc_key = ?').pluck();
  const dataVersion = db.prepare('PRAGMA data_version').pluck();

  let snap: DocSnapshot | null = null;
  let seenVersion = -1;
  // Keys written since the snapshot was taken: refreshed before the next search.
  const pending = new Set<number>();

  function intern(s: DocSnapshot, value: string | null): number {
    if (value === null) return -1;
    let id = s.stringIds.get(value);
    if (id === undefined) {
      id = s.strings.length;
      s.strings.push(value);
      s.stringIds.set(value, id);
    }
    return id;
  }

  function grow<T extends Uint8Array | Int32Array>(old: T, size: number, fill: number): T {
    const next = (old instanceof Uint8Array ? new Uint8Array(size) : new Int32Array(size)) as T;
    if (fill !== 0) next.fill(fill);
    next.set(old);
    return next;
  }

  function ensureSize(s: DocSnapshot, key: number): void {
    if (key < s.size) return;
    if (key >= s.access.length) {
      const size = Math.max(key + 1, s.access.length * 2);
      s.access = grow(s.access, size, 0);
      s.methods = grow(s.methods, size, 0);
      s.dateNum = grow(s.dateNum, size, 0);
      s.undated = grow(s.undated, size, 0);
      s.media = grow(s.media, size, -1);
      s.language = grow(s.language, size, -1);
    }
    s.size = key + 1;
  }

  function set(s: DocSnapshot, key: number, row: DocRow | undefined): void {
    ensureSize(s, key);
    s.embargo.delete(key);
    if (!row) {
      s.access[key] = ACCESS.none;
      s.media[key] = -1;
      s.language[key] = -1;
      return;
    }
    const [, media, language, documentDate, dateNum, access, embargo, methods] = row;
    s.access[key] = access === 'newsroom' ? ACCESS.newsroom : access === 'embargoed' ? ACCESS.embargoed : ACCESS.closed;
    s.methods[key] = methods;
    s.dateNum[key] = dateNum;
    s.undated[key] = documentDate === null || documentDate === '' ? 1 : 0;
    s.media[key] = intern(s, media);
    s.language[key] = intern(s, language);
    if (embargo !== null) s.embargo.set(key, embargo);
  }

  function readValues(s: DocSnapshot): void {
    for (const [vid, kind, value] of valuesFrom.all(s.maxVid) as Array<[number, string, string]>) {
      s.values.set(vid, [kind, value]);
      s.valueIds.set(valueKey(kind, value), vid);
      if (vid > s.maxVid) s.maxVid = vid;
    }
  }

  function load(): DocSnapshot {
    const s: DocSnapshot = {
      access: new Uint8Array(1024), methods: new Uint8Array(1024), dateNum: new Int32Array(1024), undated: new Uint8Array(1024),
      media: new Int32Array(1024).fill(-1), language: new Int32Array(1024).fill(-1), embargo: new Map(), links: [],
      strings: [], stringIds: new Map(), values: new Map(), valueIds: new Map(), maxVid: 0, size: 0,
    };
    for (const row of allDocs.iterate() as Iterable<DocRow>) set(s, row[0], row);
    for (const [key, vid] of allLinks.iterate() as Iterable<[number, number]>) (s.links[key] ??= []).push(vid);
    readValues(s);
    return s;
  }

  function refresh(s: DocSnapshot, key: number): void {
    const row = oneDoc.get(key) as DocRow | undefined;
    set(s, key, row);
    const vids = row ? (oneDocLinks.all(key) as number[]) : [];
    s.links[key] = vids.length > 0 ? vids : undefined;
  }

  return {
    current() {
      const version = dataVersion.get() as number;
      if (!snap || version !== seenVersion) {
        snap = load();
        seenVersion = version;
        pending.clear();
      } else if (pending.size > 0) {
        // Values first: a refreshed document may link to a value written with it.
        readValues(snap);
        for (const key of pending) refresh(snap, key);
        pending.clear();
      }
      return snap;
    },
    changed(oldKey, newKey) {
      if (!snap) return;
      if (oldKey !== null) pending.add(oldKey);
      if (newKey !== null) pending.add(newKey);
    },
    reset() {
      snap = null;
      pending.clear();
    },
  };
}
