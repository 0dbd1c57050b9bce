import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';

/**
 * Keeps `kilde serve` and an offline `kilde import` from using one data directory at once.
 *
 * The lock is SQLite's own file lock on a small file, `<data dir>/kilde.lock` (rollback journal,
 * never WAL): a server keeps a read transaction open (a SHARED lock; several servers may share
 * it), an offline import an EXCLUSIVE transaction. Why this rather than a pid file: the operating
 * system drops the lock when the process ends, however it ends (kill -9, a crash, a power cut), so
 * a stale lock can never refuse a start; there is no pid to be reused by another program; and
 * SQLite already knows how to lock a file on every platform Kilde runs on, between processes and
 * between connections of one process (its own test suite relies on that). Network file systems
 * without working POSIX locks are the one place it cannot help — the database itself is unsafe
 * there too.
 */
export const LOCK_FILE = 'kilde.lock';

export interface DataDirLock {
  release(): void;
}

/** Who holds the lock when it could not be taken. */
export type LockHolder = 'server' | 'import';

export class DataDirBusy extends Error {
  constructor(readonly holder: LockHolder, readonly dataDir: string) {
    super(holder === 'server' ? `a Kilde server is using ${dataDir}` : `an import is using ${dataDir}`);
  }
}

const isBusy = (err: unknown) => (err as { code?: string }).code === 'SQLITE_BUSY' || (err as { code?: string }).code === 'SQLITE_LOCKED';

function open(dataDir: string): Database.Database {
  fs.mkdirSync(dataDir, { recursive: true });
  // No waiting: whoever holds the lock holds it for as long as it runs.
  return new Database(path.join(dataDir, LOCK_FILE), { timeout: 0 });
}

/** Held by `kilde serve` for as long as it runs. Throws DataDirBusy when an import holds the directory. */
export function lockForServer(dataDir: string): DataDirLock {
  const db = open(dataDir);
  try {
    db.exec('BEGIN');
    db.prepare('SELECT count(*) FROM sqlite_master').get();
  } catch (err) {
    db.close();
    if (isBusy(err)) throw new DataDirBusy('import', dataDir);
    throw err;
  }
  return { release: () => db.close() };
}

/** Held by an offline `kilde import`. Throws DataDirBusy naming a server or another import. */
export function lockForImport(dataDir: string): DataDirLock {
  const db = open(dataDir);
  try {
    db.exec('BEGIN EXCLUSIVE');
  } catch (err) {
    db.close();
    if (!isBusy(err)) throw err;
    throw new DataDirBusy(sharedOnly(dataDir) ? 'server' : 'import', dataDir);
  }
  return { release: () => db.close() };
}

/** True when only SHARED locks are held (servers): a reader gets in; under an import it would not. */
function sharedOnly(dataDir: string): boolean {
  const db = open(dataDir);
  try {
    db.exec('BEGIN');
    db.prepare('SELECT count(*) FROM sqlite_master').get();
    return true;
  } catch {
    return false;
  } finally {
    db.close();
  }
}
