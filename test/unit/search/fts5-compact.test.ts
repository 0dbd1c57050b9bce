import Database from 'better-sqlite3';
import type { IndexedDocument, SearchRequest } from '../../../search/engine';
import { createFts5Engine } from '../../../search/fts5/fts5.engine';

/**
 * The embedded engine's upkeep: one-document writes leave FTS5 segments behind (each transaction
 * writes one), every search reads every segment, and compact() merges them in short steps.
 */
const WORDS = ['aktindsigt', 'kommune', 'styrelsen', 'databehandler', 'skyen', 'ministeriet', 'afgørelse', 'klage'];

function doc(i: number): IndexedDocument {
  const pick = (k: number) => WORDS[(i * 7 + k * 3) % WORDS.length] as string;
  return {
    id: `doc_${String(i).padStart(3, '0')}`,
    title: `Notat ${i}`,
    filename: `notat-${i}.pdf`,
    mediaType: 'application/pdf',
    language: 'da',
    documentDate: `2018-0${1 + (i % 9)}-1${i % 10}`,
    createdAt: '2024-01-01T00:00:00.000Z',
    accessLevel: 'newsroom',
    embargoUntil: null,
    allowedUserIds: [],
    pages: [1, 2].map((number) => ({ number, method: 'text' as const, text: `Side ${number}: ${pick(number)} og ${pick(number + 1)}, løbenummer ${i}.` })),
  };
}

describe('embedded engine — compact()', () => {
  const db = new Database(':memory:');
  const engine = createFts5Engine({ db, pageTexts: () => new Map() });
  const segments = () => db.prepare('SELECT COUNT(DISTINCT segid) FROM search_fts_idx').pluck().get() as number;
  const ask = (query: string): SearchRequest => ({ query, viewer: { userId: 'u', role: 'researcher' }, now: new Date('2025-01-01T00:00:00Z'), perPage: 100, facets: ['mediaType', 'method'] });
  const answers = async () => Promise.all(['aktindsigt', 'kommune klage', '"styrelsen og"', 'ministerit ', 'løbenummer 17 '].map(async (q) => {
    const r = await engine.search(ask(q));
    return { q, total: r.total, ids: r.hits.map((h) => h.documentId).sort(), facets: r.facets, pages: r.hits.map((h) => h.matchingPages) };
  }));

  afterAll(() => db.close());

  test('compact — after one-document writes — merges the segments down, and every answer stays the same', async () => {
    await engine.init();
    for (let i = 0; i < 60; i++) await engine.upsertDocument(doc(i));
    for (let i = 0; i < 60; i += 3) await engine.upsertDocument({ ...doc(i), title: `Notat ${i} (rettet)` });
    await engine.removeDocument('doc_005');
    const before = await answers();
    const spread = segments();
    expect(spread).toBeGreaterThan(2);

    let steps = 0;
    while (await engine.compact!()) steps++;
    expect(steps).toBeGreaterThan(0);
    expect(segments()).toBeLessThanOrEqual(2);
    expect(segments()).toBeLessThan(spread);
    expect(await answers()).toEqual(before);
    expect(before.find((a) => a.q === 'aktindsigt')?.total).toBeGreaterThan(0);
    expect(before.flatMap((a) => a.ids)).not.toContain('doc_005');
  });

  test('compact — on a compact index — has nothing to do', async () => {
    expect(await engine.compact!()).toBe(false);
  });

  test('compact — after new writes — has work again, and merges them too', async () => {
    for (let i = 60; i < 80; i++) await engine.upsertDocument(doc(i));
    expect(segments()).toBeGreaterThan(2);
    let steps = 0;
    while (await engine.compact!()) steps++;
    expect(steps).toBeGreaterThan(0);
    expect(segments()).toBeLessThanOrEqual(2);
  });
});
