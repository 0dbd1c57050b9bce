import type { Migration } from './index';

/**
 * Saved searches and alerts (server/alerts).
 *
 * - `saved_searches`: a user's named search (the search URL's parameters: query and filters), with
 *   the time of their last visit and whether new matches are e-mailed.
 * - `alert_settings`: per user, the address for e-mail alerts, whether FOI-request alerts are on,
 *   and the SHA-256 of the secret in their Atom feed's URL (the secret itself is shown once).
 * - `alerts`: what the bell counts and the feed and e-mail carry: a new match of a saved search, or
 *   an FOI-request event. `key` makes each alert happen once per user. No title is stored: pages
 *   read it from the document or request at the time they show it, through the access rule.
 */
export const m014_saved_searches: Migration = {
  version: 14,
  name: 'saved_searches',
  sql: `
CREATE TABLE saved_searches (
  id              TEXT PRIMARY KEY,
  user_id         TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  name            TEXT NOT NULL,
  params          TEXT NOT NULL,
  alert_email     INTEGER NOT NULL DEFAULT 0,
  last_visited_at TEXT NOT NULL,
  created_at      TEXT NOT NULL
);
CREATE INDEX saved_searches_user ON saved_searches (user_id, name);

CREATE TABLE alert_settings (
  user_id         TEXT PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
  email           TEXT,
  foi_alerts      INTEGER NOT NULL DEFAULT 1,
  feed_token_hash TEXT UNIQUE,
  created_at      TEXT NOT NULL
);

CREATE TABLE alerts (
  id              INTEGER PRIMARY KEY,
  user_id         TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  kind            TEXT NOT NULL CHECK (kind IN ('search_match', 'foi_answer', 'foi_due_tomorrow', 'foi_overdue')),
  key             TEXT NOT NULL,
  saved_search_id TEXT REFERENCES saved_searches(id) ON DELETE CASCADE,
  document_id     TEXT,
  request_id      TEXT,
  detail          TEXT NOT NULL DEFAULT '',
  created_at      TEXT NOT NULL,
  read_at         TEXT,
  emailed_at      TEXT,
  UNIQUE (user_id, key)
);
CREATE INDEX alerts_user ON alerts (user_id, id);
CREATE INDEX alerts_search ON alerts (saved_search_id, id);
`,
};
