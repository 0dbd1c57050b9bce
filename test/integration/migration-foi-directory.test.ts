import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { migrate } from '../../server/db/migrate';
import { MIGRATIONS } from '../../server/db/migrations';
import { DIRECTORY_010, DIRECTORY_SOURCES } from '../../server/db/migrations/010_foi_law.directory';

/**
 * Migrations 010 (seeds the FOI directory) and 017 (marks rows that differ from that seed as edited
 * by hand) read the directory frozen beside them, never today's data file: an archive upgrading
 * across both, whenever it does, gets the rows 010 was written with, and 017 compares with those.
 */
const MIGRATIONS_DIR = path.resolve(__dirname, '../../server/db/migrations');

function migratedUpTo(below: number): Database.Database {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  db.exec('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
  for (const m of MIGRATIONS.filter((x) => x.version < below)) {
    db.exec(m.sql);
    db.prepare('INSERT INTO schema_migrations VALUES (?, ?, ?)').run(m.version, m.name, '2026-01-01T00:00:00Z');
  }
  return db;
}

describe('migrations 010 and 017 — the FOI directory frozen beside them', () => {
  test('migrations — every import — stays inside the migrations folder', () => {
    const outside = fs.readdirSync(MIGRATIONS_DIR).filter((f) => f.endsWith('.ts')).flatMap((f) => {
      const source = fs.readFileSync(path.join(MIGRATIONS_DIR, f), 'utf8');
      return [...source.matchAll(/(?:from|require\()\s*'([^']+)'/g)].map((m) => m[1]!).filter((spec) => !spec.startsWith('./')).map((spec) => `${f}: ${spec}`);
    });
    expect(outside).toEqual([]);
  });

  test('an archive at 008 — upgraded across 010 and 017 — holds the frozen directory, nothing marked edited', () => {
    const db = migratedUpTo(10);
    migrate(db);
    const rows = db.prepare('SELECT key, name, category, appeal_body_key AS appealBody, source, edited_fields AS edited FROM foi_directory ORDER BY key').all();
    expect(rows).toEqual(
      [...DIRECTORY_010]
        .sort((a, b) => (a.key < b.key ? -1 : 1))
        .map((a) => ({ key: a.key, name: a.name, category: a.category, appealBody: a.appealBody, source: DIRECTORY_SOURCES[a.category] ?? '', edited: '[]' })),
    );
    expect(rows.length).toBe(130);
    db.close();
  });

  test('an archive edited by hand between 010 and 017 — upgraded — only the edited fields are marked', () => {
    const db = migratedUpTo(17);
    db.prepare("UPDATE foi_directory SET name = 'Odense Kommune, Borgmesterforvaltningen' WHERE key = 'kom_odense'").run();
    db.prepare("UPDATE foi_directory SET appeal_body_key = 'folketingets_ombudsmand' WHERE key = 'kom_aarhus'").run();
    migrate(db);
    const edited = db.prepare("SELECT key, edited_fields FROM foi_directory WHERE edited_fields <> '[]' ORDER BY key").all();
    expect(edited).toEqual([
      { key: 'kom_aarhus', edited_fields: '["appealBodyKey"]' },
      { key: 'kom_odense', edited_fields: '["name"]' },
    ]);
    db.close();
  });
});
