import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase, type Db } from '../../../server/db/connection';

/**
 * The database is read through a memory map. Another process (`npm run reindex`, `kilde backup`)
 * may write, checkpoint and shrink the same file meanwhile: what this connection reads must follow,
 * and a file shrunk under the map must not take the server down.
 */
describe('database connection', () => {
  const dirs: string[] = [];
  const dbs: Db[] = [];
  const open = (dir: string) => {
    const db = openDatabase(dir);
    dbs.push(db);
    return db;
  };
  const tempDir = () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kilde-db-'));
    dirs.push(dir);
    return dir;
  };
  afterAll(() => {
    for (const db of dbs) if (db.open) db.close();
    for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('opens in WAL mode with foreign keys on and the file memory-mapped', () => {
    const db = open(tempDir());
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('mmap_size', { simple: true })).toBeGreaterThanOrEqual(2 ** 30);
  });

  it("reads another connection's commits, checkpointed into the mapped file and after it shrank", () => {
    const dir = tempDir();
    const server = open(dir);
    const other = open(dir);
    server.exec('CREATE TABLE scratch (id INTEGER PRIMARY KEY, text TEXT NOT NULL)');
    const insert = server.prepare('INSERT INTO scratch (text) VALUES (?)');
    server.transaction(() => {
      for (let i = 0; i < 2000; i++) insert.run(`side ${i} `.repeat(40));
    })();
    server.pragma('wal_checkpoint(TRUNCATE)');
    const count = server.prepare('SELECT COUNT(*) AS n, SUM(LENGTH(text)) AS chars FROM scratch');
    expect(count.get()).toEqual({ n: 2000, chars: expect.any(Number) });
    const before = fs.statSync(path.join(dir, 'kilde.sqlite')).size;

    // The other process deletes most rows and VACUUMs: the file shrinks under this connection's map.
    other.exec('DELETE FROM scratch WHERE id > 10');
    other.exec('VACUUM');
    other.pragma('wal_checkpoint(TRUNCATE)');
    expect(fs.statSync(path.join(dir, 'kilde.sqlite')).size).toBeLessThan(before / 2);

    expect((count.get() as { n: number }).n).toBe(10);
    expect(server.prepare('SELECT text FROM scratch WHERE id = 10').pluck().get()).toBe('side 9 '.repeat(40));
    other.prepare('INSERT INTO scratch (text) VALUES (?)').run('late');
    expect(server.prepare('SELECT text FROM scratch ORDER BY id DESC LIMIT 1').pluck().get()).toBe('late');
  });
});
