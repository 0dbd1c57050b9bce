import Database from 'better-sqlite3';
import { migrate } from '../../server/db/migrate';
import { MIGRATIONS } from '../../server/db/migrations';

/**
 * Migration 007 rebuilds `documents` without the unique hash (duplicates reveal nothing: the same
 * bytes can back a document of another user). On a database in use it must keep every row and
 * everything that points at documents — a DROP TABLE with foreign keys on would cascade pages,
 * access lists and links away — and queue every document inside a container for the index.
 */
describe('migration 007 — documents share originals — on a database in use', () => {
  test('upgrade — keeps documents, pages, access lists and links; the hash repeats; children queued for the index', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    db.exec('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
    for (const m of MIGRATIONS.filter((x) => x.version < 7)) {
      db.exec(m.sql);
      db.prepare('INSERT INTO schema_migrations VALUES (?, ?, ?)').run(m.version, m.name, '2026-01-01T00:00:00Z');
    }
    const at = '2026-01-01T00:00:00.000Z';
    db.prepare("INSERT INTO users (id, username, display_name, role, created_at, updated_at) VALUES ('usr_a', 'anna', 'Anna', 'journalist', ?, ?)").run(at, at);
    const doc = db.prepare(`INSERT INTO documents (id, sha256, filename, media_type, size, title, status, parent_id, relation, access_level, created_by, created_at, updated_at)
      VALUES (?, ?, ?, 'application/pdf', 1, ?, 'ready', ?, ?, ?, 'usr_a', ?, ?)`);
    doc.run('doc_mail000000', 'a'.repeat(64), 'mail.eml', 'Mail', null, null, 'restricted', at, at);
    doc.run('doc_child00000', 'b'.repeat(64), 'bilag.pdf', 'Bilag', 'doc_mail000000', 'attachment_of', 'newsroom', at, at);
    db.prepare("INSERT INTO pages (document_id, number, text, method) VALUES ('doc_child00000', 1, 'Bilagets tekst', 'text')").run();
    db.prepare("INSERT INTO document_access (document_id, user_id) VALUES ('doc_mail000000', 'usr_a')").run();

    expect(migrate(db)).toBe(MIGRATIONS.filter((x) => x.version >= 7).length);

    expect(db.prepare('SELECT id, parent_id FROM documents ORDER BY id').all()).toEqual([
      { id: 'doc_child00000', parent_id: 'doc_mail000000' },
      { id: 'doc_mail000000', parent_id: null },
    ]);
    expect(db.prepare('SELECT COUNT(*) FROM pages').pluck().get()).toBe(1);
    expect(db.prepare('SELECT user_id FROM document_access').pluck().all()).toEqual(['usr_a']);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.prepare("SELECT document_id FROM search_outbox WHERE op = 'upsert'").pluck().all()).toEqual(['doc_child00000']);
    // The same bytes can now back a second document.
    doc.run('doc_copy000000', 'b'.repeat(64), 'kopi.pdf', 'Kopi', null, null, 'newsroom', at, at);
    expect(db.prepare('SELECT COUNT(*) FROM documents WHERE sha256 = ?').pluck().get('b'.repeat(64))).toBe(2);
    // The parent reference still works: deleting the e-mail leaves its attachment without a parent.
    db.prepare("DELETE FROM documents WHERE id = 'doc_mail000000'").run();
    expect(db.prepare("SELECT parent_id FROM documents WHERE id = 'doc_child00000'").pluck().get()).toBeNull();
    expect(db.prepare('SELECT COUNT(*) FROM pages').pluck().get()).toBe(1);
  });
});
