import type Database from 'better-sqlite3';
import { MIGRATIONS } from './migrations';

/**
 * Applies the numbered migrations not yet recorded in `schema_migrations`, each in its own
 * transaction, so a failed migration leaves the database at the previous version.
 */
export function migrate(db: Database.Database): number {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`);
  const applied = new Set(
    db.prepare('SELECT version FROM schema_migrations').pluck().all() as number[],
  );
  let count = 0;
  for (const m of MIGRATIONS) {
    if (applied.has(m.version)) continue;
    // A table rebuild (SQLite's documented way to change a constraint) runs with foreign keys off,
    // which only takes effect outside a transaction, and is checked before it commits.
    const fkWasOn = m.foreignKeysOff ? db.pragma('foreign_keys', { simple: true }) === 1 : false;
    if (m.foreignKeysOff) db.pragma('foreign_keys = OFF');
    try {
      db.transaction(() => {
        db.exec(m.sql);
        if (m.foreignKeysOff && (db.pragma('foreign_key_check') as unknown[]).length > 0) {
          throw new Error(`migration ${m.version} (${m.name}) broke a foreign key`);
        }
        db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(
          m.version,
          m.name,
          new Date().toISOString(),
        );
      })();
    } finally {
      if (fkWasOn) db.pragma('foreign_keys = ON');
    }
    count++;
  }
  return count;
}
