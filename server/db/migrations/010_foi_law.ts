import { DIRECTORY_010, DIRECTORY_SOURCES } from './010_foi_law.directory';
import type { Migration } from './index';

/**
 * FOI law in full (issue 16): what the deadline engine needs besides the dates it already had, the
 * record of what an authority refused and why, and the Danish authority directory.
 *
 * - requests: the authority's seat (a German Land, for its holidays), the day a routed US request
 *   reached the right office, and whether expedited processing was asked for;
 * - status history: the day a decision letter was received (its date is `effective_date`), and the
 *   date an authority promised in its notice of delay;
 * - clock stops: a clarification asked for (restarts the clock) or a fees notice (pauses it);
 * - exemptions: one row per document on the authority's list of documents (aktliste), with its
 *   decision and legal bases; refused documents have no file. Rows the aktliste reader suggests
 *   wait in state 'suggested' until a person accepts or dismisses them;
 * - foi_directory: the Danish authorities (ministries, the 98 municipalities, the 5 regions) and the
 *   body that hears complaints about each, seeded from the directory frozen beside this migration
 *   (`010_foi_law.directory.ts`), so the rows are the same whenever an archive upgrades.
 *   It is reference data, editable afterwards; an entry becomes a party of the archive only when
 *   someone uses it (so 129 authorities do not crowd the party lists and name suggestions).
 */
const q = (s: string) => `'${s.replace(/'/g, "''")}'`;
const NOW = "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')";

function seed(): string {
  return DIRECTORY_010.map((a) =>
    `INSERT INTO foi_directory (key, name, category, appeal_body_key, source, updated_at)
       VALUES (${q(a.key)}, ${q(a.name)}, ${q(a.category)}, ${a.appealBody ? q(a.appealBody) : 'NULL'}, ${q(DIRECTORY_SOURCES[a.category] ?? '')}, ${NOW});`).join('\n');
}

export const m010_foi_law: Migration = {
  version: 10,
  name: 'foi_law',
  sql: `
ALTER TABLE requests ADD COLUMN region TEXT;
ALTER TABLE requests ADD COLUMN routed_date TEXT;
ALTER TABLE requests ADD COLUMN expedited INTEGER NOT NULL DEFAULT 0 CHECK (expedited IN (0, 1));

ALTER TABLE request_status_history ADD COLUMN received_on TEXT;
ALTER TABLE request_status_history ADD COLUMN promised_date TEXT;

CREATE TABLE request_clock_stops (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  request_id  TEXT NOT NULL REFERENCES requests(id) ON DELETE CASCADE,
  kind        TEXT NOT NULL CHECK (kind IN ('clarification', 'fee')),
  from_date   TEXT NOT NULL,
  to_date     TEXT CHECK (to_date IS NULL OR to_date >= from_date),
  note        TEXT NOT NULL DEFAULT '',
  created_by  TEXT,
  created_at  TEXT NOT NULL
);
CREATE INDEX request_clock_stops_request ON request_clock_stops (request_id, from_date);

CREATE TABLE request_exemptions (
  id                 INTEGER PRIMARY KEY AUTOINCREMENT,
  request_id         TEXT NOT NULL REFERENCES requests(id) ON DELETE CASCADE,
  number             TEXT NOT NULL DEFAULT '',
  title              TEXT NOT NULL,
  document_date      TEXT,
  decision           TEXT NOT NULL CHECK (decision IN ('granted', 'partly', 'refused', 'not_held')),
  -- JSON array of keys of the jurisdiction's rules file, e.g. ["ofl_23"]
  bases              TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(bases) AND json_type(bases) = 'array'),
  note               TEXT NOT NULL DEFAULT '',
  document_id        TEXT REFERENCES documents(id) ON DELETE SET NULL,
  state              TEXT NOT NULL DEFAULT 'accepted' CHECK (state IN ('suggested', 'accepted', 'dismissed')),
  source_document_id TEXT REFERENCES documents(id) ON DELETE SET NULL,
  created_by         TEXT,
  created_at         TEXT NOT NULL,
  updated_at         TEXT NOT NULL
);
CREATE INDEX request_exemptions_request ON request_exemptions (request_id, state, id);
-- a suggestion is made once per line of a source document, so reading it again adds nothing
CREATE UNIQUE INDEX request_exemptions_suggested ON request_exemptions (request_id, source_document_id, number, title)
  WHERE source_document_id IS NOT NULL;

CREATE TABLE foi_directory (
  key             TEXT PRIMARY KEY,
  name            TEXT NOT NULL,
  category        TEXT NOT NULL CHECK (category IN ('ministry', 'agency', 'municipality', 'region', 'appeal_body', 'other')),
  appeal_body_key TEXT REFERENCES foi_directory(key) ON DELETE SET NULL,
  -- the archive's party for this authority, once someone files a request to it or links it
  party_id        TEXT UNIQUE REFERENCES parties(id) ON DELETE SET NULL,
  source          TEXT NOT NULL DEFAULT '',
  updated_at      TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX foi_directory_name ON foi_directory (name COLLATE NOCASE);

${seed()}
`,
};
