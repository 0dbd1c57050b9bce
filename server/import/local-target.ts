import fs from 'node:fs';
import { canWrite, type Viewer } from '../auth/viewer';
import type { Config } from '../lib/config';
import type { InitialAccess } from '../documents/documents.repository';
import { createKilde } from '../kilde';
import { parsePartialDate } from '../lib/dates';
import type { Logger } from '../lib/logger';
import { SizeLimitError } from '../storage/blob-store';
import { lockForImport } from './data-dir-lock';
import type { AccessChoice, AddOutcome, ExtractionState, FileMeta, ImportFile, ImportTarget, PartyRef } from './import.types';
import { isRequestId, isStoryId, memo, pickRequest } from './resolve';
import { tooLarge } from './zip-source';

/** A user named by `--as` that cannot import: the command answers with the message (exit 2). */
export class ImportUserError extends Error {}

/**
 * The data directory, opened by this process when no server runs: the same intake service an
 * upload goes through (type sniffing, size limit, access, per-reader duplicates), the story and
 * request services for links, and the job runner, which extracts while the import goes on. The
 * data-dir lock is taken before the database is opened and held until `close()`.
 */
export async function openLocalTarget(deps: { config: Config; asUser: string; logger: Logger; storyAccess: AccessChoice }): Promise<ImportTarget> {
  const { config } = deps;
  const lock = lockForImport(config.dataDir);
  let kilde: ReturnType<typeof createKilde> | null = null;
  try {
    kilde = createKilde(config, { logger: deps.logger });
    await kilde.start();
    return build(kilde, deps, () => lock.release());
  } catch (err) {
    await kilde?.stop();
    lock.release();
    throw err;
  }
}

function build(kilde: ReturnType<typeof createKilde>, deps: { config: Config; asUser: string; storyAccess: AccessChoice }, release: () => void): ImportTarget {
  const { config } = deps;
  const user = kilde.auth.byUsername(deps.asUser);
  if (!user) throw new ImportUserError(`--as: no user "${deps.asUser}" (create one with kilde user:add)`);
  if (user.disabled) throw new ImportUserError(`--as: the user "${deps.asUser}" is disabled`);
  const viewer: Viewer = kilde.auth.toViewer(user);
  if (!canWrite(viewer)) throw new ImportUserError(`--as: "${deps.asUser}" is a ${viewer.role} and cannot add documents`);

  // The services of the opened archive, built once by its composition root.
  const { blobs, intake, requests } = kilde;
  const { links, stories } = kilde.story;

  const accessCache = new Map<string, InitialAccess>();
  const resolveAccess = (a: AccessChoice): InitialAccess => {
    const key = JSON.stringify(a);
    let hit = accessCache.get(key);
    if (!hit) {
      hit = intake.resolveAccess(viewer, { level: a.level, embargoUntil: a.embargoUntil, users: a.users });
      accessCache.set(key, hit);
    }
    return hit;
  };

  const storyId = memo(async (value) => {
    if (isStoryId(value)) return stories.get(viewer, value).id;
    const known = stories.findByTitle(value);
    if (known && readableStory(known.id)) return known.id;
    const readable = stories.pickList(viewer).find((s) => s.title === value);
    if (readable) return readable.id;
    const a = deps.storyAccess;
    return stories.create(viewer, { title: value, accessLevel: a.level, embargoUntil: a.embargoUntil, users: a.users }).id;
  });
  const readableStory = (id: string) => {
    try {
      stories.get(viewer, id);
      return true;
    } catch {
      return false;
    }
  };
  const requestId = memo(async (value) => {
    if (isRequestId(value)) return value;
    const all = [];
    for (let page = 1; ; page++) {
      const { requests: list, total } = requests.service.list(viewer, {}, page, 500);
      all.push(...list);
      if (all.length >= total || list.length === 0) break;
    }
    return pickRequest(all, value);
  });

  const linkParty = (documentId: string, ref: PartyRef, role: 'sender' | 'recipient') =>
    links.linkParty(viewer, documentId, 'partyId' in ref ? { partyId: ref.partyId, role } : { name: ref.name, kind: ref.kind, role });

  return {
    mode: 'local',
    target: `local:${fs.realpathSync(config.dataDir)}`,
    user: { id: viewer.userId, username: viewer.username },

    async add(file: ImportFile, meta: FileMeta): Promise<AddOutcome> {
      const access = resolveAccess(meta.access);
      const documentDate = meta.date ? parsePartialDate(meta.date) : undefined;
      let staged;
      try {
        staged = await blobs.stage(fs.createReadStream(file.path), config.maxUploadBytes);
      } catch (err) {
        if (err instanceof SizeLimitError) return { kind: 'refused', reason: tooLarge(config.maxUploadBytes) };
        throw err;
      }
      const out = await intake.intake(staged, { filename: file.filename, title: meta.title, notes: meta.notes, documentDate, createdBy: viewer, access });
      if (out.kind === 'unsupported') return { kind: 'refused', reason: out.reason };
      return { kind: out.kind, documentId: out.document.id };
    },

    async link(documentId: string, meta: FileMeta): Promise<void> {
      // The request first: linking a response also names its authority as sender and adds its story.
      if (meta.request) requests.log.linkDocument(viewer, await requestId(meta.request), documentId, 'response');
      if (meta.story) links.addToStory(viewer, documentId, await storyId(meta.story));
      for (const p of meta.senders) linkParty(documentId, p, 'sender');
      for (const p of meta.recipients) linkParty(documentId, p, 'recipient');
    },

    async extraction(ids: string[]): Promise<Map<string, ExtractionState>> {
      const states = new Map<string, ExtractionState>();
      for (const id of ids) {
        const doc = kilde.documents.get(id);
        if (!doc) states.set(id, { status: 'gone' });
        else if (doc.status === 'ready') states.set(id, { status: 'ready' });
        else if (doc.status === 'failed' || doc.status === 'needs_password') states.set(id, { status: 'failed', reason: doc.error ?? (doc.status === 'needs_password' ? 'The PDF is encrypted: it needs a password.' : 'Extraction failed.') });
        else states.set(id, { status: 'pending' });
      }
      return states;
    },

    async close() {
      try {
        await kilde.indexer.drain();
        await kilde.stop();
      } finally {
        release();
      }
    },
  };
}
