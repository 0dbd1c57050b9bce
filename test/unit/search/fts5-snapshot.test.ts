import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { createFts5Engine } from '../../../search/fts5/fts5.engine';
import { doc, NOW, USERS } from '../../contract/search-fixtures';

/**
 * A search reads one snapshot of the database. Another process may commit while it runs (a
 * rebuild from the command line, a deletion); the search's hits, counts and snippets then all
 * come from the moment it started, never half from before and half from after.
 */
const letter = (id: string, text: string) => doc({ id, title: `Brev ${id}`, pages: [{ number: 1, method: 'text', text }] });

describe('embedded engine — one snapshot per search', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kilde-fts5-snapshot-'));
  const file = path.join(dir, 'kilde.sqlite');
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  // A second connection to the same file stands for another process.
  const other = new Database(file);
  db.exec('CREATE TABLE page_texts (document_id TEXT, number INTEGER, text TEXT)');
  const textOf = db.prepare<[string, string], { number: number; text: string }>('SELECT number, text FROM page_texts WHERE document_id = ? AND number IN (SELECT value FROM json_each(?))');
  let duringSearch: (() => void) | null = null;
  const engine = createFts5Engine({
    db,
    pageTexts(id, numbers) {
      // The first hit's texts are read; then the other process deletes every page text and commits.
      const rows = textOf.all(id, JSON.stringify(numbers));
      duringSearch?.();
      duringSearch = null;
      return new Map(rows.map((r) => [r.number, r.text]));
    },
  });
  const docs = [letter('doc_a', 'Budgettet for skyløsningen blev godkendt.'), letter('doc_b', 'Budgettet for skyløsningen blev udskudt.')];

  beforeAll(async () => {
    await engine.init();
    for (const d of docs) {
      await engine.upsertDocument(d);
      db.prepare('INSERT INTO page_texts VALUES (?, 1, ?)').run(d.id, d.pages[0]?.text);
    }
  });
  afterAll(() => {
    other.close();
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('a commit by another connection in the middle of a search does not reach that search; the next one sees it', async () => {
    duringSearch = () => {
      other.exec('DELETE FROM page_texts');
    };
    const during = await engine.search({ query: 'budgettet skyløsningen', viewer: USERS.other, now: NOW });
    expect(duringSearch).toBeNull(); // the other connection did commit, mid-search
    expect(during.hits.map((h) => h.documentId).sort()).toEqual(['doc_a', 'doc_b']);
    for (const hit of during.hits) expect(hit.pages[0]?.snippet).toMatch(/<mark>Budgettet<\/mark>/);

    const after = await engine.search({ query: 'budgettet skyløsningen', viewer: USERS.other, now: NOW });
    expect(after.hits).toHaveLength(2);
    for (const hit of after.hits) expect(hit.pages).toEqual([]);
  });
});
