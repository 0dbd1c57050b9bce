import type { Viewer } from '../auth/viewer';
import { AppError } from '../lib/errors';
import type { BulkAction } from './documents.schema';
import type { DocumentsService } from './documents.service';

/**
 * Bulk actions of the documents list: one action over many documents, each document checked on
 * its own by the rule the single action obeys (tagging: may change it; access and deletion: may
 * manage it; story and request: may write and read both). A refusal stops nothing: every document
 * gets its own outcome, and one the viewer may not read is "not found" like any missing one.
 */
export interface BulkInput {
  action: BulkAction;
  ids: string[];
  tags?: string[];
  storyId?: string;
  requestId?: string;
  role?: 'request' | 'response' | 'correspondence';
  level?: 'newsroom' | 'restricted' | 'embargoed';
  embargoUntil?: string;
  users?: string[];
  confirm?: string;
}

export interface BulkOutcome {
  id: string;
  /** Null when the document is not readable (or does not exist): its title is not told either. */
  title: string | null;
  ok: boolean;
  /** False when the action had nothing to do (already tagged, already in the story). */
  changed: boolean;
  code?: string;
  message?: string;
}

/** Links owned by other areas, wired by the app (stories, FOI requests); absent ones refuse. */
export interface BulkLinks {
  addToStory?(viewer: Viewer, storyId: string, documentId: string): { added: boolean };
  linkToRequest?(viewer: Viewer, requestId: string, documentId: string, role: 'request' | 'response' | 'correspondence'): { added: boolean };
}

export function createBulkActions(deps: { documents: DocumentsService; links: BulkLinks }) {
  const { documents, links } = deps;

  /** Refuses the whole batch when the action lacks what it needs (before touching any document). */
  function check(input: BulkInput): void {
    if (input.action === 'tag' && !input.tags?.length) throw AppError.invalid('tags: write at least one tag.');
    if (input.action === 'story' && !input.storyId) throw AppError.invalid('storyId: choose a story.');
    if (input.action === 'story' && !links.addToStory) throw new AppError('unavailable', 'Stories are not available.');
    if (input.action === 'request' && !input.requestId) throw AppError.invalid('requestId: choose an FOI request.');
    if (input.action === 'request' && !links.linkToRequest) throw new AppError('unavailable', 'FOI requests are not available.');
    if (input.action === 'access' && !input.level) throw AppError.invalid('level: choose who may read the documents.');
    if (input.action === 'delete' && input.confirm !== 'yes') throw AppError.invalid('confirm: tick the box to confirm the deletion.');
  }

  async function one(viewer: Viewer, input: BulkInput, id: string): Promise<boolean> {
    switch (input.action) {
      case 'tag':
        return documents.addTags(viewer, id, input.tags ?? []);
      case 'story':
        return links.addToStory!(viewer, input.storyId!, id).added;
      case 'request':
        return links.linkToRequest!(viewer, input.requestId!, id, input.role ?? 'response').added;
      case 'access':
        documents.setAccess(viewer, id, { level: input.level!, embargoUntil: input.embargoUntil ?? null, userIds: input.users ?? [] });
        return true;
      case 'delete':
        await documents.remove(viewer, id);
        return true;
    }
  }

  return {
    async run(viewer: Viewer, input: BulkInput): Promise<BulkOutcome[]> {
      check(input);
      const outcomes: BulkOutcome[] = [];
      for (const id of [...new Set(input.ids)]) {
        let title: string | null = null;
        try {
          title = documents.get(viewer, id).title;
          const changed = await one(viewer, input, id);
          outcomes.push({ id, title, ok: true, changed });
        } catch (err) {
          if (!(err instanceof AppError)) throw err;
          outcomes.push({ id, title, ok: false, changed: false, code: err.code, message: err.message });
        }
      }
      return outcomes;
    },
  };
}

export type BulkActions = ReturnType<typeof createBulkActions>;
