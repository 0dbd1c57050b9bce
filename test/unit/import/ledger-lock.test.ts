import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DataDirBusy, lockForImport, lockForServer } from '../../../server/import/data-dir-lock';
import { openLedger, type LedgerKey } from '../../../server/import/ledger';
import { createProgress } from '../../../server/import/progress';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kilde-import-unit-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('import ledger', () => {
  const key: LedgerKey = { target: 'local:/srv/data', userId: 'usr_1', source: '/drive/a.pdf', size: 10, mtimeMs: 1700000000123.7, sha256: 'a'.repeat(64) };

  test('a recorded file — found again after reopening; any of path, size, mtime, hash, user or archive changed — not found', () => {
    const file = path.join(dir, 'state', 'ledger.sqlite');
    const ledger = openLedger(file);
    expect(ledger.find(key)).toBeNull();
    ledger.record(key, { outcome: 'imported', documentId: 'doc_1', reason: null }, new Date());
    ledger.close();

    const again = openLedger(file);
    expect(again.find(key)).toEqual({ outcome: 'imported', documentId: 'doc_1', reason: null });
    for (const change of [{ source: '/drive/b.pdf' }, { size: 11 }, { mtimeMs: 1700000001000 }, { sha256: 'b'.repeat(64) }, { userId: 'usr_2' }, { target: 'http://kilde:3000' }]) {
      expect([change, again.find({ ...key, ...change })]).toEqual([change, null]);
    }
    expect(again.count('local:/srv/data', 'usr_1')).toBe(1);
    again.close();
  });
});

describe('data directory lock', () => {
  test('a server holds it — an import is refused naming the server; a second server may share it', () => {
    const server = lockForServer(dir);
    const second = lockForServer(dir);
    let err: unknown;
    try {
      lockForImport(dir);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(DataDirBusy);
    expect((err as DataDirBusy).holder).toBe('server');
    server.release();
    second.release();
    lockForImport(dir).release();
  });

  test('an import holds it — a server and a second import are refused naming the import; released — both may start', () => {
    const imp = lockForImport(dir);
    expect(() => lockForServer(dir)).toThrow(expect.objectContaining({ holder: 'import' }));
    expect(() => lockForImport(dir)).toThrow(expect.objectContaining({ holder: 'import' }));
    imp.release();
    lockForServer(dir).release();
  });
});

describe('import progress without a terminal', () => {
  test('plain lines — one per tenth, with the rate and the time left; the last says how long it took', () => {
    let t = 0;
    const lines: string[] = [];
    const p = createProgress({ tty: false, write: (s) => lines.push(s), now: () => t });
    p.start('Importing', 'files', 20);
    for (let i = 1; i <= 20; i++) {
      t += 500;
      p.update(i);
    }
    expect(lines).toHaveLength(10);
    expect(lines[0]).toBe('Importing: 2/20 files (10%), 2.0 files/s, about 9 s left\n');
    expect(lines[9]).toBe('Importing: 20/20 files (100%), 2.0 files/s, done in 10 s\n');
  });
});
