import Database from 'better-sqlite3';
import { createFts5Engine } from '../../../search/fts5/fts5.engine';
import { docRowids } from '../../../search/fts5/fts5.schema';
import { doc } from '../../contract/search-fixtures';

/**
 * Writing a document again, or removing it, leaves none of its old page rows in the page table: a
 * row left behind would be found by every search for its words (and dropped only afterwards, for
 * want of a document), and would grow the index with every edit of a document's metadata.
 */
const pages = (n: number, word: string) => Array.from({ length: n }, (_, i) => ({ number: i + 1, method: (i % 2 === 0 ? 'text' : 'ocr') as 'text' | 'ocr', text: `Side ${i + 1} om ${word}.` }));

describe('embedded engine — page rows of a document written again or removed', () => {
  const db = new Database(':memory:');
  const engine = createFts5Engine({ db, pageTexts: () => new Map() });
  const rows = () => db.prepare('SELECT id FROM search_fts_docsize ORDER BY id').pluck().all() as number[];
  const keyOf = (id: string) => db.prepare('SELECT doc_key FROM search_docs WHERE document_id = ?').pluck().get(id) as number;
  const inRangeOf = (id: string) => {
    const { lo, hi } = docRowids(keyOf(id));
    return rows().filter((r) => r >= lo && r <= hi);
  };
  beforeAll(() => engine.init());
  afterAll(() => db.close());

  test('five pages written again as two: two rows, both of the document as it is now; the other document keeps its own', async () => {
    await engine.upsertDocument(doc({ id: 'doc_other', pages: pages(3, 'vejen') }));
    await engine.upsertDocument(doc({ id: 'doc_a', pages: pages(5, 'budgettet') }));
    expect(inRangeOf('doc_a')).toHaveLength(5);
    await engine.upsertDocument(doc({ id: 'doc_a', pages: pages(2, 'regnskabet') }));
    expect(inRangeOf('doc_a')).toHaveLength(2);
    expect(inRangeOf('doc_other')).toHaveLength(3);
    expect(rows()).toHaveLength(5);
    const ids = async (q: string) => (await engine.search({ query: q, viewer: { userId: 'u', role: 'admin' } })).hits.map((h) => h.documentId);
    expect(await ids('budgettet')).toEqual([]);
    expect(await ids('regnskabet')).toEqual(['doc_a']);
  });

  test('a long document (written in steps) written again, then removed: no row of it stays', async () => {
    await engine.upsertDocument(doc({ id: 'doc_long', pages: pages(130, 'driften') }));
    expect(inRangeOf('doc_long')).toHaveLength(130);
    await engine.upsertDocument(doc({ id: 'doc_long', pages: pages(60, 'driften') }));
    expect(inRangeOf('doc_long')).toHaveLength(60);
    await engine.removeDocument('doc_long');
    expect(rows()).toHaveLength(5);
  });
});
