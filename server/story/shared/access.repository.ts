import type { Guarded } from '../../auth/access';
import type { Db } from '../../db/connection';

/** The rows the story area's guards check access against: who is named on a document or story, and a story's level. */
export function createAccessRepository(db: Db) {
  const namedDocument = db.prepare<[string, string]>('SELECT 1 FROM document_access WHERE document_id = ? AND user_id = ?');
  const namedStory = db.prepare<[string, string]>('SELECT 1 FROM story_access WHERE story_id = ? AND user_id = ?');
  const storyById = db.prepare<[string], { id: string; access_level: Guarded['accessLevel']; embargo_until: string | null }>('SELECT id, access_level, embargo_until FROM stories WHERE id = ?');
  return {
    isNamedOnDocument: (documentId: string, userId: string): boolean => namedDocument.get(documentId, userId) !== undefined,
    isNamedOnStory: (storyId: string, userId: string): boolean => namedStory.get(storyId, userId) !== undefined,
    story(id: string): Guarded | null {
      const s = storyById.get(id);
      return s ? { id: s.id, accessLevel: s.access_level, embargoUntil: s.embargo_until } : null;
    },
  };
}
