import type { IndexedDocument, PartyRole, RebuildSource } from '../../search/engine';
import type { Db } from '../db/connection';
import type { DocumentsRepository } from '../documents/documents.repository';

/**
 * A document as the search index must hold it, read from the database (the source of truth): its
 * metadata and pages, its family's access (its own and every container's, folded into one level,
 * embargo end and list of named readers by server/auth/access.ts `familyAccess`: an attachment of a
 * restricted e-mail is restricted in the index too), and its links — parties by role (with their names, short names and aliases, which
 * are searchable), events, stories and the FOI requests it belongs to.
 */
export function createIndexedDocuments(db: Db, documents: DocumentsRepository) {
  const parties = db.prepare<[string], { id: string; role: PartyRole; name: string; shortName: string | null }>(
    `SELECT dp.party_id AS id, dp.role, p.name, p.short_name AS shortName
     FROM document_parties dp JOIN parties p ON p.id = dp.party_id WHERE dp.document_id = ? ORDER BY dp.party_id, dp.role`,
  );
  const aliases = db.prepare<[string], string>('SELECT alias FROM party_aliases WHERE party_id = ? ORDER BY alias').pluck();
  const events = db.prepare<[string], string>('SELECT event_id FROM document_events WHERE document_id = ? ORDER BY event_id').pluck();
  const stories = db.prepare<[string], string>("SELECT story_id FROM story_items WHERE item_type = 'document' AND item_id = ? ORDER BY story_id").pluck();
  const requests = db.prepare<[string], string>('SELECT request_id FROM request_documents WHERE document_id = ? ORDER BY request_id').pluck();
  const readyIds = db.prepare<[], string>("SELECT id FROM documents WHERE status = 'ready' ORDER BY created_at, id").pluck();

  function load(id: string): IndexedDocument | null {
    const d = documents.get(id);
    if (!d || d.status !== 'ready') return null;
    const access = documents.familyAccess(d);
    return {
      id: d.id,
      title: d.title,
      filename: d.filename,
      mediaType: d.mediaType,
      language: d.language,
      documentDate: d.documentDate,
      createdAt: d.createdAt,
      accessLevel: access.accessLevel,
      embargoUntil: access.embargoUntil,
      allowedUserIds: [...access.userIds],
      parties: parties.all(id).map((p) => ({ id: p.id, role: p.role, names: [p.name, ...(p.shortName ? [p.shortName] : []), ...aliases.all(p.id)] })),
      eventIds: events.all(id),
      storyIds: stories.all(id),
      requestIds: requests.all(id),
      pages: documents.pages(id).map((p) => ({ number: p.number, text: p.text, method: p.method })),
    };
  }

  return {
    load,
    /**
     * Every ready document, for a rebuild. The ids are read first (one query), then each document
     * is loaded when the engine asks for it: the rebuild writes between reads, which one open
     * SQLite statement would not allow, and memory holds one batch, not the archive.
     */
    source(): RebuildSource {
      const ids = readyIds.all();
      return {
        total: ids.length,
        *documents() {
          for (const id of ids) {
            const doc = load(id);
            if (doc) yield doc;
          }
        },
      };
    },
  };
}

export type IndexedDocuments = ReturnType<typeof createIndexedDocuments>;
