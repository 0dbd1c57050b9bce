import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { IndexedDocument, SearchRequest } from '../../../search/engine';
import { createFts5Engine } from '../../../search/fts5/fts5.engine';

/**
 * The embedded engine filters, applies the access rule and counts facets from an in-memory copy of
 * each document's access, type, language, date and links. The copy must follow every way the index
 * changes: this connection's writes, deletions, rebuilds — and another connection's commits (`npm
 * run reindex` runs in its own process). A stale copy would show a document closed since.
 */
function doc(id: string, over: Partial<IndexedDocument> = {}): IndexedDocument {
  return {
    id, title: `Notat ${id}`, filename: `${id}.pdf`, mediaType: 'application/pdf', language: 'da', documentDate: '2018-06-01',
    createdAt: '2024-01-01T00:00:00.000Z', accessLevel: 'newsroom', embargoUntil: null, allowedUserIds: [],
    parties: [{ id: 'p_kl', role: 'recipient', names: ['KL'] }], eventIds: [], storyIds: [], requestIds: [],
    pages: [{ number: 1, method: 'text', text: 'Brev om aktindsigt i kommunerne.' }],
    ...over,
  };
}

describe('embedded engine — facet counts and access follow the index', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kilde-facets-'));
  const open = () => {
    const db = new Database(path.join(dir, 'index.sqlite'));
    db.pragma('journal_mode = WAL');
    return db;
  };
  const a = open();
  const b = open();
  const engineA = createFts5Engine({ db: a, pageTexts: () => new Map() });
  const engineB = createFts5Engine({ db: b, pageTexts: () => new Map() });
  const ask: SearchRequest = { query: 'aktindsigt', viewer: { userId: 'u', role: 'researcher' }, now: new Date('2025-01-01T00:00:00Z'), facets: ['mediaType', 'language', 'partyIds', 'parties_sender', 'requestId', 'method'] };
  const facets = async () => (await engineA.search(ask)).facets;

  afterAll(() => {
    a.close();
    b.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('writes, changes and deletions on this connection — counted at once', async () => {
    await engineA.upsertDocument(doc('d1'));
    await engineA.upsertDocument(doc('d2', { mediaType: 'message/rfc822', language: 'en', requestIds: ['req_1', 'req_2'] }));
    expect(await facets()).toEqual({
      mediaType: [{ value: 'application/pdf', count: 1 }, { value: 'message/rfc822', count: 1 }],
      language: [{ value: 'da', count: 1 }, { value: 'en', count: 1 }],
      partyIds: [{ value: 'p_kl', count: 2 }],
      parties_sender: [],
      requestId: [{ value: 'req_1', count: 1 }, { value: 'req_2', count: 1 }],
      method: [{ value: 'text', count: 2 }],
    });

    // A changed document: new type, a new party as sender, one request fewer.
    await engineA.upsertDocument(doc('d2', { mediaType: 'application/pdf', parties: [{ id: 'p_star', role: 'sender', names: ['STAR'] }], requestIds: ['req_2'] }));
    const after = await facets();
    expect(after.mediaType).toEqual([{ value: 'application/pdf', count: 2 }]);
    expect(after.partyIds).toEqual([{ value: 'p_kl', count: 1 }, { value: 'p_star', count: 1 }]);
    expect(after.parties_sender).toEqual([{ value: 'p_star', count: 1 }]);
    expect(after.requestId).toEqual([{ value: 'req_2', count: 1 }]);

    await engineA.removeDocument('d1');
    expect((await facets()).partyIds).toEqual([{ value: 'p_star', count: 1 }]);
  });

  test('another connection\'s commit — read again before the next count', async () => {
    await facets();
    await engineB.upsertDocument(doc('d3', { language: 'de', requestIds: ['req_9'] }));
    const seen = await facets();
    expect(seen.language).toEqual([{ value: 'da', count: 1 }, { value: 'de', count: 1 }]);
    expect(seen.requestId).toEqual([{ value: 'req_2', count: 1 }, { value: 'req_9', count: 1 }]);
  });

  test('access changed on this connection, then on another: the next search obeys it', async () => {
    const found = async (engine: typeof engineA, userId: string) =>
      (await engine.search({ ...ask, viewer: { userId, role: 'researcher' }, facets: [] })).hits.map((h) => h.documentId).sort();
    await engineA.upsertDocument(doc('d5'));
    expect(await found(engineA, 'u')).toContain('d5');
    await engineA.upsertDocument(doc('d5', { accessLevel: 'restricted', allowedUserIds: ['u_named'] }));
    expect(await found(engineA, 'u')).not.toContain('d5');
    expect(await found(engineA, 'u_named')).toContain('d5');
    expect((await engineA.search({ ...ask, filters: { documentIds: ['d5'] } })).total).toBe(0);

    // Embargoed until after `now`: closed; then another connection moves the embargo before `now`.
    await engineB.upsertDocument(doc('d5', { accessLevel: 'embargoed', embargoUntil: '2025-06-01T00:00:00Z' }));
    expect(await found(engineA, 'u_named')).not.toContain('d5');
    await engineB.upsertDocument(doc('d5', { accessLevel: 'embargoed', embargoUntil: '2024-12-31T00:00:00Z' }));
    expect(await found(engineA, 'u')).toContain('d5');
    await engineB.upsertDocument(doc('d5', { accessLevel: 'restricted', allowedUserIds: [] }));
    expect(await found(engineA, 'u')).not.toContain('d5');
    expect(await found(engineA, 'u_named')).not.toContain('d5');
  });

  test('a rebuild — counts come from the new index', async () => {
    await engineA.rebuild({ total: 1, documents: () => [doc('d4', { mediaType: 'text/plain' })] });
    expect(await facets()).toMatchObject({ mediaType: [{ value: 'text/plain', count: 1 }], requestId: [] });
  });
});
