import type { Migration } from './index';

/**
 * When a document's text was last scanned for suggestions (party names, dates, CPR numbers), and
 * against which extraction: a document extracted again, or one extracted before suggestions
 * existed, is scanned again the next time anyone looks at it.
 */
export const m004_story_links_extra: Migration = {
  version: 4,
  name: 'story_links_extra',
  sql: `
CREATE TABLE suggestion_scans (
  document_id  TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
  extracted_at TEXT,
  scanned_at   TEXT NOT NULL
) WITHOUT ROWID;
`,
};
