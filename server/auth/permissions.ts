import { AppError } from '../lib/errors';
import { isOpenToNewsroom, type Guarded } from './access';
import { canWrite, type Viewer } from './viewer';

type AccessLevel = Guarded['accessLevel'];

/**
 * THE write rules of Kilde, beside the read rule (`access.ts`). Every service asks here; none
 * decides "who may" on its own.
 *
 * - Reading: `access.ts` (documents, stories) and `follows.ts` (events, FOI requests).
 * - Changing content and links (titles, dates, text, links between things one can read): every
 *   role but researcher.
 * - Citing is reading: the quote check and quote links are open to every role, researchers
 *   included, through the one list of read-only POST routes below (`READ_ONLY_POSTS`).
 * - Managing — changing who may read something, and deleting it: the person who added it, editors
 *   and admins. So one journalist can neither lock another out of their document or story, nor
 *   delete it.
 * - A write that touches a second item (a link target, a story item) needs read access to it, and
 *   one the writer cannot read is answered exactly like one that does not exist (the callers use
 *   their read guard, which throws the same 404 for both).
 * - A non-newsroom story always names its creator, and whoever narrows access keeps reading.
 */
export interface Owned {
  createdBy: string | null;
}

/** Every role but researcher may change the archive's content and links. */
export function mayChange(viewer: Viewer): boolean {
  return canWrite(viewer);
}

export function assertMayChange(viewer: Viewer): void {
  if (!mayChange(viewer)) throw new AppError('forbidden', 'Your role can read the archive but not change it.');
}

/** Changing access and deleting: the item's creator, editors and admins. */
export function mayManage(viewer: Viewer, item: Owned): boolean {
  if (viewer.role === 'admin' || viewer.role === 'editor') return true;
  return viewer.role === 'journalist' && item.createdBy !== null && item.createdBy === viewer.userId;
}

/** `what` reads in a sentence: "this document", "this story", "this event". */
export function assertMayManage(viewer: Viewer, item: Owned, what: string): void {
  if (!mayManage(viewer, item)) {
    throw new AppError('forbidden', `Only the person who added ${what}, an editor or an admin may change who can read it or delete it.`);
  }
}

/**
 * Other changes to a document (extracting it again): writers; a journalist on a newsroom document
 * or one they added (a named journalist reads a restricted document but does not maintain it).
 */
export function mayChangeDocument(viewer: Viewer, doc: Owned & { accessLevel: AccessLevel }): boolean {
  if (!mayChange(viewer)) return false;
  if (viewer.role !== 'journalist') return true;
  return doc.createdBy === viewer.userId || doc.accessLevel === 'newsroom';
}

/**
 * The named users a story keeps after a change: for a story not open to everyone, its creator and
 * the person making the change are always on the list (nobody restricts a story away from the
 * person who started it, or from themselves).
 */
export function keepNamed(level: AccessLevel, named: string[], keepers: Array<string | null | undefined>): string[] {
  const ids = new Set(named);
  if (level !== 'newsroom') for (const k of keepers) if (k) ids.add(k);
  return [...ids];
}

/**
 * An FOI request follows its story's access. Adding it to another story shows it to that story's
 * readers, so a request of a story not open to the newsroom may only be listed in that story itself.
 */
export function mayAddRequestToStory(requestStory: Guarded | null, targetStoryId: string, now: Date): boolean {
  return requestStory === null || requestStory.id === targetStoryId || isOpenToNewsroom(requestStory, now);
}

/**
 * The POST routes that change nothing in the archive, so researchers (who read and search only) may
 * use them: the quote check of a draft only searches what the viewer may read, and a quote link is
 * a citation of a passage the viewer can read, not a change to the document. Share links are not
 * here: publishing a document is for whoever may manage it. Keep this list short and explicit.
 */
export const READ_ONLY_POSTS: readonly RegExp[] = [
  /^\/check$/, // quote check: the page
  /^\/check\.csv$/, // quote check: its CSV
  /^\/api\/quotes\/check$/, // quote check: JSON
  /^\/quotes$/, // a quote link, from the page's form
  /^\/api\/quotes$/, // a quote link, JSON
  /^\/search\/batch$/, // batch search of a list of names: the page's form
  /^\/api\/search\/batch$/, // batch search of a list of names: a search
];

export function isReadOnlyPost(method: string, path: string): boolean {
  return method === 'POST' && READ_ONLY_POSTS.some((p) => p.test(path));
}

/**
 * Writes that change only the viewer's own things — their saved searches and alert settings — and
 * nothing in the archive, so researchers may make them too (saving a search is how a researcher
 * follows a subject).
 */
export const OWN_WRITES: readonly RegExp[] = [
  /^\/saved-searches(\/[^/]+\/delete)?$/,
  /^\/alerts\/(read|settings|feed)$/,
  /^\/api\/saved-searches(\/[^/]+)?$/,
  /^\/api\/alerts\/(read|settings|feed)$/,
];

/** May a researcher (who reads and searches only) make this request? */
export function researcherMay(method: string, path: string): boolean {
  return isReadOnlyPost(method, path) || OWN_WRITES.some((p) => p.test(path));
}
