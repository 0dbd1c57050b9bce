import type { Migration } from './index';

/**
 * Access-to-documents (FOI) requests: the request itself, every change of its status (dated, with
 * who made it), the correspondence log, the documents it produced, the per-user secret calendar
 * feed, and the newsroom's own versions of the letter templates.
 *
 * Statuses, channels, log kinds and document roles are checked here too, so no code path can store
 * a value the product does not know. Dates the journalist enters (sent, received, the day a status
 * changed) are calendar days (YYYY-MM-DD); `*_at` columns are timestamps.
 */
export const m005_requests: Migration = {
  version: 5,
  name: 'requests',
  sql: `
CREATE TABLE requests (
  id                  TEXT PRIMARY KEY,
  -- Nullable only so that deleting a party never fails on a request; the service requires it.
  authority_id        TEXT REFERENCES parties(id) ON DELETE SET NULL,
  subject             TEXT NOT NULL,
  body                TEXT NOT NULL DEFAULT '',
  jurisdiction        TEXT NOT NULL DEFAULT 'DK',
  law                 TEXT NOT NULL DEFAULT 'offentlighedsloven',
  channel             TEXT CHECK (channel IN ('email', 'web_form', 'digital_post', 'letter')),
  sent_date           TEXT,
  received_date       TEXT,
  our_reference       TEXT NOT NULL DEFAULT '',
  authority_reference TEXT NOT NULL DEFAULT '',
  story_id            TEXT REFERENCES stories(id) ON DELETE SET NULL,
  notes               TEXT NOT NULL DEFAULT '',
  status              TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'sent', 'acknowledged', 'extended', 'granted',
                        'partly_granted', 'refused', 'no_documents', 'appealed', 'appeal_decided', 'withdrawn')),
  status_date         TEXT NOT NULL,
  created_by          TEXT,
  created_at          TEXT NOT NULL,
  updated_at          TEXT NOT NULL,
  CHECK (received_date IS NULL OR sent_date IS NULL OR received_date >= sent_date)
);
CREATE INDEX requests_authority ON requests (authority_id, sent_date);
CREATE INDEX requests_story ON requests (story_id);
CREATE INDEX requests_status ON requests (status);
CREATE INDEX requests_created_by ON requests (created_by, status);

CREATE TABLE request_status_history (
  id              INTEGER PRIMARY KEY AUTOINCREMENT,
  request_id      TEXT NOT NULL REFERENCES requests(id) ON DELETE CASCADE,
  from_status     TEXT,
  to_status       TEXT NOT NULL CHECK (to_status IN ('draft', 'sent', 'acknowledged', 'extended', 'granted',
                    'partly_granted', 'refused', 'no_documents', 'appealed', 'appeal_decided', 'withdrawn')),
  -- the day it happened (the authority's letter date, the day we sent), not the day it was entered
  effective_date  TEXT NOT NULL,
  note            TEXT NOT NULL DEFAULT '',
  changed_by      TEXT,
  changed_by_name TEXT,
  changed_at      TEXT NOT NULL
);
CREATE INDEX request_status_history_request ON request_status_history (request_id, id);

CREATE TABLE request_log (
  id              INTEGER PRIMARY KEY AUTOINCREMENT,
  request_id      TEXT NOT NULL REFERENCES requests(id) ON DELETE CASCADE,
  kind            TEXT NOT NULL CHECK (kind IN ('sent', 'received', 'phone', 'note')),
  entry_date      TEXT NOT NULL,
  summary         TEXT NOT NULL DEFAULT '',
  body            TEXT NOT NULL DEFAULT '',
  created_by      TEXT,
  created_by_name TEXT,
  created_at      TEXT NOT NULL
);
CREATE INDEX request_log_request ON request_log (request_id, entry_date, id);

CREATE TABLE request_documents (
  request_id   TEXT NOT NULL REFERENCES requests(id) ON DELETE CASCADE,
  document_id  TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  role         TEXT NOT NULL CHECK (role IN ('request', 'response', 'correspondence')),
  log_entry_id INTEGER REFERENCES request_log(id) ON DELETE SET NULL,
  created_by   TEXT,
  created_at   TEXT NOT NULL,
  PRIMARY KEY (request_id, document_id)
) WITHOUT ROWID;
CREATE INDEX request_documents_document ON request_documents (document_id);

-- One secret calendar feed per user, for calendar apps that cannot sign in. Only a hash of the
-- token is kept: the URL is shown once, and a stolen database does not reveal working feed URLs.
CREATE TABLE calendar_feeds (
  user_id      TEXT PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
  token_hash   TEXT NOT NULL UNIQUE,
  created_at   TEXT NOT NULL,
  last_used_at TEXT
);

-- The newsroom's own wording of a letter; without a row the template shipped with Kilde is used.
CREATE TABLE request_letter_templates (
  kind       TEXT NOT NULL CHECK (kind IN ('request', 'reminder', 'appeal')),
  lang       TEXT NOT NULL CHECK (lang IN ('da', 'en')),
  body       TEXT NOT NULL,
  updated_by TEXT,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (kind, lang)
) WITHOUT ROWID;
`,
};
