import { DIRECTORY_010 } from './010_foi_law.directory';
import type { Migration } from './index';

/**
 * The FOI directory remembers which fields a person changed (`PATCH /api/foi/authorities/:key`),
 * so `kilde seed` can reload the data files without undoing an edit. Rows that already differ
 * from what migration 010 seeded (its frozen directory, never today's data file) were edited by
 * hand, so those fields start out marked as edited.
 */
const q = (s: string) => `'${s.replace(/'/g, "''")}'`;

function markEdited(): string {
  return DIRECTORY_010.map((a) => `UPDATE foi_directory SET edited_fields = (
  SELECT json_group_array(f) FROM (
    SELECT 'name' AS f FROM foi_directory WHERE key = ${q(a.key)} AND name <> ${q(a.name)}
    UNION ALL
    SELECT 'appealBodyKey' FROM foi_directory WHERE key = ${q(a.key)} AND appeal_body_key IS NOT ${a.appealBody ? q(a.appealBody) : 'NULL'}
  )) WHERE key = ${q(a.key)};`).join('\n');
}

export const m017_foi_directory_edits: Migration = {
  version: 17,
  name: 'foi_directory_edits',
  sql: `
ALTER TABLE foi_directory ADD COLUMN edited_fields TEXT NOT NULL DEFAULT '[]'
  CHECK (json_valid(edited_fields) AND json_type(edited_fields) = 'array');
${markEdited()}
`,
};
