import type { Migration } from './index';

/**
 * An event made from a document (accepting a date suggestion, titled after the document) follows
 * that document's access: only those who may read the document see the event (see
 * server/auth/follows.ts). The event goes with its document, since its title came from it.
 */
export const m008_event_source: Migration = {
  version: 8,
  name: 'event_source',
  sql: `
ALTER TABLE events ADD COLUMN source_document_id TEXT REFERENCES documents(id) ON DELETE CASCADE;
CREATE INDEX events_source_document ON events (source_document_id) WHERE source_document_id IS NOT NULL;
`,
};
