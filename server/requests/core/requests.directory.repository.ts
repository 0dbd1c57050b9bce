import type { Db } from '../../db/connection';

/**
 * SQL of the Danish authority directory: its entries with their appeal bodies and addresses, the
 * edits people made, and the parties the entries become (part of the law repository).
 */

export interface DirectoryEntry {
  key: string;
  name: string;
  category: string;
  appealBodyKey: string | null;
  appealBodyName: string | null;
  partyId: string | null;
  source: string;
  /** Where to write to it (migration 020); null until a person records it. */
  email: string | null;
  postalAddress: string | null;
  /** fields a person changed (`name`, `appealBodyKey`, …); `kilde seed` leaves them as they are. */
  editedFields: DirectoryField[];
  updatedAt: string;
}

export type DirectoryField = 'name' | 'appealBodyKey' | 'email' | 'postalAddress';

/** What a person may change of a directory entry. */
export type DirectoryEdit = Pick<DirectoryEntry, 'name' | 'appealBodyKey' | 'email' | 'postalAddress'>;

/** One authority as the data files describe it (see authorities/directory.seed.ts). */
export interface DirectorySeedRow { key: string; name: string; category: string; appealBodyKey: string | null; source: string }

export function createDirectoryRepository(db: Db) {
  return {
    directory(filter: { q?: string; category?: string } = {}): DirectoryEntry[] {
      const where: string[] = [];
      const params: Record<string, string> = {};
      if (filter.q) { where.push("d.name LIKE @q ESCAPE '\\' COLLATE NOCASE"); params.q = `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`; }
      if (filter.category) { where.push('d.category = @category'); params.category = filter.category; }
      const rows = db.prepare(
        `SELECT d.key, d.name, d.category, d.appeal_body_key AS appealBodyKey, a.name AS appealBodyName, d.party_id AS partyId,
           d.source, d.email, d.postal_address AS postalAddress, d.edited_fields AS editedFields, d.updated_at AS updatedAt
         FROM foi_directory d LEFT JOIN foi_directory a ON a.key = d.appeal_body_key
         ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
         ORDER BY d.category, d.name COLLATE NOCASE`,
      ).all(params) as Array<Omit<DirectoryEntry, 'editedFields'> & { editedFields: string }>;
      return rows.map((r) => ({ ...r, editedFields: JSON.parse(r.editedFields) as DirectoryField[] }));
    },
    directoryEntry(key: string): DirectoryEntry | null {
      return this.directory().find((d) => d.key === key) ?? null;
    },
    /** The directory entry of a party: linked to it, or (until linked) of the same name. */
    directoryOfParty(partyId: string): DirectoryEntry | null {
      const key = db.prepare(
        `SELECT d.key FROM foi_directory d LEFT JOIN parties p ON p.id = @partyId
         WHERE d.party_id = @partyId OR (d.party_id IS NULL AND p.name = d.name COLLATE NOCASE) ORDER BY d.party_id IS NULL LIMIT 1`,
      ).pluck().get({ partyId }) as string | undefined;
      return key ? this.directoryEntry(key) : null;
    },
    /** A person's edit: the fields they changed are remembered in `edited_fields`. */
    updateDirectory(key: string, edit: DirectoryEdit, edited: DirectoryField[], now: string): void {
      db.prepare('UPDATE foi_directory SET name = ?, appeal_body_key = ?, email = ?, postal_address = ?, edited_fields = ?, updated_at = ? WHERE key = ?')
        .run(edit.name, edit.appealBodyKey, edit.email, edit.postalAddress, JSON.stringify([...new Set(edited)].sort()), now, key);
    },
    /** A row from the data files; the appeal body is set in a second pass, once every key exists. */
    insertDirectory(row: DirectorySeedRow, now: string): void {
      db.prepare('INSERT INTO foi_directory (key, name, category, appeal_body_key, source, updated_at) VALUES (?, ?, ?, NULL, ?, ?)')
        .run(row.key, row.name, row.category, row.source, now);
    },
    /** Seeds the given fields of a row from the data files (never `edited_fields` or the party). */
    seedDirectoryFields(key: string, fields: Partial<Record<keyof Omit<DirectorySeedRow, 'key'>, string | null>>, now: string): void {
      const columns: Record<keyof Omit<DirectorySeedRow, 'key'>, string> = { name: 'name', category: 'category', appealBodyKey: 'appeal_body_key', source: 'source' };
      const set = Object.keys(fields).map((f) => `${columns[f as keyof typeof columns]} = @${f}`);
      if (set.length === 0) return;
      db.prepare(`UPDATE foi_directory SET ${set.join(', ')}, updated_at = @now WHERE key = @key`).run({ ...fields, key, now });
    },
    linkDirectoryParty(key: string, partyId: string, now: string): void {
      db.prepare('UPDATE foi_directory SET party_id = ?, updated_at = ? WHERE key = ?').run(partyId, now, key);
    },
    partyByName(name: string): string | null {
      return (db.prepare('SELECT id FROM parties WHERE name = ? COLLATE NOCASE ORDER BY created_at, id LIMIT 1').pluck().get(name) as string | undefined) ?? null;
    },
    insertAuthorityParty(id: string, entry: Pick<DirectoryEntry, 'key' | 'name' | 'email' | 'postalAddress'>, by: string | null, now: string): void {
      db.prepare(
        `INSERT INTO parties (id, kind, name, notes, identifiers, email, postal_address, created_by, created_at, updated_at)
         VALUES (?, 'authority', ?, '', ?, ?, ?, ?, ?, ?)`,
      ).run(id, entry.name, JSON.stringify({ 'dk-directory': entry.key }), entry.email, entry.postalAddress, by, now, now);
    },
    /** Gives a party the directory's addresses where it has none of its own; true when one was filled in. */
    fillPartyContact(partyId: string, contact: Pick<DirectoryEntry, 'email' | 'postalAddress'>, now: string): boolean {
      return db.prepare(
        `UPDATE parties SET email = COALESCE(email, @email), postal_address = COALESCE(postal_address, @postalAddress), updated_at = @now
         WHERE id = @partyId AND ((email IS NULL AND @email IS NOT NULL) OR (postal_address IS NULL AND @postalAddress IS NOT NULL))`,
      ).run({ partyId, email: contact.email, postalAddress: contact.postalAddress, now }).changes > 0;
    },
  };
}
