import type { Migration } from './index';

/**
 * Parties, events, stories and the links between them and documents. Links carry a role; the
 * allowed roles are checked here too, so no code path can store a role the product does not know.
 */
export const m002_story_links: Migration = {
  version: 2,
  name: 'story_links',
  sql: `
CREATE TABLE parties (
  id          TEXT PRIMARY KEY,
  kind        TEXT NOT NULL CHECK (kind IN ('authority', 'organisation', 'company', 'person')),
  name        TEXT NOT NULL,
  short_name  TEXT,
  parent_id   TEXT REFERENCES parties(id) ON DELETE SET NULL,
  notes       TEXT NOT NULL DEFAULT '',
  identifiers TEXT NOT NULL DEFAULT '{}',
  created_by  TEXT,
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL
);
CREATE INDEX parties_name ON parties (name COLLATE NOCASE);
CREATE INDEX parties_parent ON parties (parent_id);

CREATE TABLE party_aliases (
  party_id TEXT NOT NULL REFERENCES parties(id) ON DELETE CASCADE,
  alias    TEXT NOT NULL,
  PRIMARY KEY (party_id, alias)
) WITHOUT ROWID;
CREATE INDEX party_aliases_alias ON party_aliases (alias COLLATE NOCASE);

CREATE TABLE stories (
  id            TEXT PRIMARY KEY,
  title         TEXT NOT NULL,
  description   TEXT NOT NULL DEFAULT '',
  access_level  TEXT NOT NULL DEFAULT 'newsroom' CHECK (access_level IN ('newsroom', 'restricted', 'embargoed')),
  embargo_until TEXT,
  created_by    TEXT,
  created_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL
);

CREATE TABLE events (
  id             TEXT PRIMARY KEY,
  title          TEXT NOT NULL,
  event_date     TEXT NOT NULL,
  date_precision TEXT NOT NULL CHECK (date_precision IN ('day', 'month', 'year')),
  end_date       TEXT,
  description    TEXT NOT NULL DEFAULT '',
  story_id       TEXT REFERENCES stories(id) ON DELETE SET NULL,
  created_by     TEXT,
  created_at     TEXT NOT NULL,
  updated_at     TEXT NOT NULL
);
CREATE INDEX events_story ON events (story_id, event_date);

CREATE TABLE event_parties (
  event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
  party_id TEXT NOT NULL REFERENCES parties(id) ON DELETE CASCADE,
  role     TEXT NOT NULL CHECK (role IN ('actor', 'target')),
  PRIMARY KEY (event_id, party_id, role)
) WITHOUT ROWID;

CREATE TABLE document_parties (
  document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  party_id    TEXT NOT NULL REFERENCES parties(id) ON DELETE CASCADE,
  role        TEXT NOT NULL CHECK (role IN ('sender', 'recipient', 'cc', 'mentioned', 'subject')),
  created_by  TEXT,
  created_at  TEXT NOT NULL,
  PRIMARY KEY (document_id, party_id, role)
) WITHOUT ROWID;
CREATE INDEX document_parties_party ON document_parties (party_id, role);

CREATE TABLE document_events (
  document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  event_id    TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
  created_at  TEXT NOT NULL,
  PRIMARY KEY (document_id, event_id)
) WITHOUT ROWID;
CREATE INDEX document_events_event ON document_events (event_id);

CREATE TABLE document_links (
  from_id    TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  to_id      TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  relation   TEXT NOT NULL CHECK (relation IN ('reply_to', 'attachment_of', 'version_of')),
  created_at TEXT NOT NULL,
  PRIMARY KEY (from_id, to_id, relation),
  CHECK (from_id <> to_id)
) WITHOUT ROWID;
CREATE INDEX document_links_to ON document_links (to_id);

CREATE TABLE story_items (
  story_id  TEXT NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
  item_type TEXT NOT NULL CHECK (item_type IN ('document', 'party', 'request')),
  item_id   TEXT NOT NULL,
  added_at  TEXT NOT NULL,
  PRIMARY KEY (story_id, item_type, item_id)
) WITHOUT ROWID;
CREATE INDEX story_items_item ON story_items (item_type, item_id);

-- Suggestions found in a document's text (party mentions, dates, personal data). A dismissed
-- suggestion keeps its row so it never comes back.
CREATE TABLE suggestions (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  kind        TEXT NOT NULL CHECK (kind IN ('party_mention', 'document_date', 'event_date', 'personal_data')),
  value       TEXT NOT NULL,
  page_number INTEGER,
  detail      TEXT NOT NULL DEFAULT '{}',
  state       TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'accepted', 'dismissed')),
  created_at  TEXT NOT NULL,
  decided_at  TEXT,
  decided_by  TEXT,
  UNIQUE (document_id, kind, value)
);
CREATE INDEX suggestions_document ON suggestions (document_id, state);
`,
};
