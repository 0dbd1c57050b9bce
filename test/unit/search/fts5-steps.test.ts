import Database from 'better-sqlite3';
import type { IndexedDocument, SearchEngine } from '../../../search/engine';
import { createFts5Engine } from '../../../search/fts5/fts5.engine';
import { NOW, USERS } from '../../contract/search-fixtures';

/**
 * A long document is indexed in steps with requests let through between them (a 500-page upload
 * no longer holds every search for a fifth of a second). What a search sees meanwhile must never be
 * more than the document's access allows, and the end result must be the same as one write.
 */
const PAGE_COUNT = 130;

function longDocument(over: Partial<IndexedDocument> = {}): IndexedDocument {
  return {
    id: 'doc_long',
    title: 'Referater fra styregruppen',
    filename: 'referater.pdf',
    mediaType: 'application/pdf',
    language: 'da',
    documentDate: '2024-03-01',
    createdAt: '2024-05-01T10:00:00.000Z',
    accessLevel: 'restricted',
    embargoUntil: null,
    allowedUserIds: [USERS.named.userId],
    parties: [],
    eventIds: [],
    storyIds: [],
    requestIds: [],
    pages: Array.from({ length: PAGE_COUNT }, (_, i) => ({
      number: i + 1,
      method: 'text' as const,
      text: i === 0 ? 'Styregruppen drøftede budgettet for skyløsningen.' : i === PAGE_COUNT - 1 ? 'Leverandøren Netcompany bekræftede tidsplanen.' : `Side ${i + 1} om almindelig drift og mødeplanlægning.`,
    })),
    ...over,
  };
}

function engineOn(docs: () => IndexedDocument[]): { engine: SearchEngine; db: Database.Database } {
  const db = new Database(':memory:');
  const pageTexts = (id: string, numbers: number[]) => {
    const doc = docs().find((d) => d.id === id);
    return new Map(numbers.map((n) => [n, doc?.pages.find((p) => p.number === n)?.text ?? '']));
  };
  return { engine: createFts5Engine({ db, pageTexts }), db };
}

const ids = async (engine: SearchEngine, query: string, viewer: (typeof USERS)[keyof typeof USERS]) =>
  (await engine.search({ query, viewer, now: NOW, perPage: 50 })).hits.map((h) => h.documentId);

describe('embedded engine — a long document indexed in steps', () => {
  let current = longDocument();
  const { engine, db } = engineOn(() => [current]);
  beforeAll(() => engine.init());
  afterAll(() => db.close());

  test('while the steps run nobody outside its access sees it; at the end its named reader finds words from its first and last page', async () => {
    const writing = engine.upsertDocument(current);
    // The first step has run (synchronously); the reader's grant is written last, so meanwhile
    // even the named reader is refused rather than anyone else let in.
    expect(db.prepare("SELECT access_level FROM search_docs WHERE document_id = 'doc_long'").pluck().get()).toBe('restricted');
    expect(await ids(engine, 'styregruppen ', USERS.other)).toEqual([]);
    expect(await ids(engine, 'styregruppen ', USERS.named)).toEqual([]);
    await writing;
    expect(await ids(engine, 'styregruppen ', USERS.named)).toEqual(['doc_long']);
    expect(await ids(engine, 'skyløsningen netcompany', USERS.named)).toEqual(['doc_long']);
    expect(await ids(engine, 'skyløsningen netcompany', USERS.other)).toEqual([]);
    const counts = db.prepare("SELECT COUNT(*) FROM search_fts WHERE rowid IN (SELECT rowid FROM search_fts WHERE search_fts MATCH 'drift')").pluck().get();
    expect(counts).toBe(PAGE_COUNT - 2);
  });

  test('written again with other text and newsroom access: the old words are gone and everyone finds the new', async () => {
    current = longDocument({ accessLevel: 'newsroom', allowedUserIds: [], pages: longDocument().pages.map((p) => ({ ...p, text: p.text.replace('Netcompany', 'Atea') })) });
    await engine.upsertDocument(current);
    expect(await ids(engine, 'netcompany ', USERS.named)).toEqual([]);
    expect(await ids(engine, 'skyløsningen atea', USERS.other)).toEqual(['doc_long']);
  });

  test('the same hits, pages and snippets as a document written in one step', async () => {
    const short = { ...current, id: 'doc_short' };
    const other = engineOn(() => [short]);
    await other.engine.init();
    // Written at once: the same document under the threshold would not step, so compare with the rebuild path.
    await other.engine.rebuild?.({ total: 1, async *documents() { yield short; } });
    const a = await engine.search({ query: 'drift mødeplanlægning', viewer: USERS.other, now: NOW });
    const b = await other.engine.search({ query: 'drift mødeplanlægning', viewer: USERS.other, now: NOW });
    expect(a.total).toBe(1);
    expect(a.hits.map((h) => ({ matching: h.matchingPages, pages: h.pages })).length).toBe(1);
    expect(a.hits.map((h) => ({ matching: h.matchingPages, pages: h.pages }))).toEqual(b.hits.map((h) => ({ matching: h.matchingPages, pages: h.pages })));
    other.db.close();
  });

  test('writes asked for at once — a long one and two short ones — follow one another: each document holds its own words only, the vocabulary all of them', async () => {
    const page = (number: number, text: string) => ({ number, method: 'text' as const, text });
    const long = longDocument({ id: 'doc_kattegat', accessLevel: 'newsroom', allowedUserIds: [], pages: longDocument().pages.map((p) => (p.number === 1 ? page(1, 'Kattegatforbindelsen og skyløsningen.') : p)) });
    const short = (id: string, word: string) => ({ ...longDocument({ id, accessLevel: 'newsroom' as const, allowedUserIds: [] }), pages: [page(1, `${word} nævnt én gang.`)] });
    await Promise.all([engine.upsertDocument(long), engine.upsertDocument(short('doc_femern', 'Femernbælt')), engine.upsertDocument(short('doc_storebaelt', 'Storebæltsbroen'))]);
    expect(await ids(engine, 'kattegatforbindelsen', USERS.other)).toEqual(['doc_kattegat']);
    expect(await ids(engine, 'femernbælt', USERS.other)).toEqual(['doc_femern']);
    expect(await ids(engine, 'storebæltsbroen', USERS.other)).toEqual(['doc_storebaelt']);
    // All words somewhere in one document: no document took another's words.
    expect(await ids(engine, 'kattegatforbindelsen femernbælt', USERS.other)).toEqual([]);
    expect(await ids(engine, 'femernbælt storebæltsbroen', USERS.other)).toEqual([]);
    expect(db.prepare("SELECT COUNT(*) FROM search_terms WHERE term IN ('kattegatforbindelsen', 'femernbaelt', 'storebaeltsbroen')").pluck().get()).toBe(3);
    for (const id of ['doc_kattegat', 'doc_femern', 'doc_storebaelt']) await engine.removeDocument(id);
  });
});

describe('embedded engine — one page of megabytes (a text file, a long web page) is written in steps too', () => {
  // ~1.6 MB on one page: a plain-text upload is one page however long it is.
  const sentence = 'Kommunen har behandlet anmodningen om aktindsigt i sagens dokumenter efter offentlighedsloven. ';
  const huge: IndexedDocument = {
    ...longDocument({ id: 'doc_huge', accessLevel: 'newsroom', allowedUserIds: [] }),
    pages: [{ number: 1, method: 'text', text: `${sentence.repeat(17_000)}Kystnærhedszonen nævnes én gang.` }],
  };
  const { engine, db } = engineOn(() => [huge]);
  beforeAll(() => engine.init());
  afterAll(() => db.close());

  test('requests get through while it is written; then its words are found, a typo of its rarest word too', async () => {
    let turns = 0;
    const ticking = setInterval(() => turns++, 0);
    try {
      const writing = engine.upsertDocument(huge);
      // The first step has run: the page is written, the document-level words not yet.
      expect(await ids(engine, 'kystnærhedszonen', USERS.other)).toEqual([]);
      await writing;
    } finally {
      clearInterval(ticking);
    }
    expect(turns).toBeGreaterThan(0);
    expect(await ids(engine, 'kystnærhedszonen', USERS.other)).toEqual(['doc_huge']);
    // The vocabulary typo tolerance reads holds the page's words (one letter wrong).
    expect(await ids(engine, 'kystnærhedszonan ', USERS.other)).toEqual(['doc_huge']);
    expect(db.prepare("SELECT COUNT(*) FROM search_terms WHERE term IN ('kystnaerhedszonen', 'offentlighedsloven')").pluck().get()).toBe(2);
  });
});
