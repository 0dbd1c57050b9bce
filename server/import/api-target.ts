import fs from 'node:fs';
import type { AccessChoice, AddOutcome, ExtractionState, FileMeta, ImportFile, ImportTarget, PartyRef } from './import.types';
import { isRequestId, isStoryId, memo, pickRequest, type RequestLike } from './resolve';

/**
 * A running Kilde server, through its JSON API with a personal token — the same routes a script
 * or the browser uses (`POST /api/documents` and the link routes), so the server's intake decides
 * type, size limit, access and duplicates exactly as for an upload.
 */

/** The server cannot go on (unreachable, the token refused): the import stops. */
export class ServerGone extends Error {}

interface ApiError {
  status: number;
  code: string;
  message: string;
}

export async function openApiTarget(opts: { server: string; token: string; storyAccess: AccessChoice }): Promise<ImportTarget> {
  let base: URL;
  try {
    base = new URL(opts.server.endsWith('/') ? opts.server : `${opts.server}/`);
    if (base.protocol !== 'http:' && base.protocol !== 'https:') throw new Error('not http');
  } catch {
    throw new ServerGone(`--server must be the server's address, e.g. http://localhost:3000 (got "${opts.server}")`);
  }
  const url = (p: string) => new URL(p.replace(/^\//, ''), base).toString();

  async function call(method: string, p: string, body?: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
    let res: Response;
    try {
      res = await fetch(url(p), {
        method,
        headers: { Authorization: `Bearer ${opts.token}`, Accept: 'application/json', ...(body !== undefined && !(body instanceof FormData) ? { 'Content-Type': 'application/json' } : {}) },
        body: body === undefined ? undefined : body instanceof FormData ? body : JSON.stringify(body),
      });
    } catch (err) {
      const cause = (err as { cause?: { code?: string; message?: string } }).cause;
      throw new ServerGone(`cannot reach the server at ${base.origin} (${cause?.code ?? cause?.message ?? (err as Error).message})`);
    }
    const text = await res.text();
    let json: Record<string, unknown> = {};
    try {
      json = text ? (JSON.parse(text) as Record<string, unknown>) : {};
    } catch {
      json = {};
    }
    if (res.status === 401) throw new ServerGone('the server refused the token (401): give a valid token with --token or KILDE_TOKEN');
    return { status: res.status, json };
  }

  const errorOf = (r: { status: number; json: Record<string, unknown> }): ApiError => {
    const e = (r.json.error ?? {}) as { code?: string; message?: string };
    return { status: r.status, code: e.code ?? 'error', message: e.message ?? `the server answered ${r.status}` };
  };
  /** A refusal of the metadata (400, 404, 409…) or a server error: this file failed, the run goes on. */
  const fail = (r: { status: number; json: Record<string, unknown> }): never => {
    const e = errorOf(r);
    throw new Error(r.status >= 500 ? `the server failed (${r.status}): ${e.message}` : e.message);
  };

  const me = await call('GET', '/api/me');
  if (me.status !== 200) fail(me);
  const user = { id: String(me.json.id), username: String(me.json.username) };
  if (me.json.role === 'researcher') throw new ServerGone(`the token is ${user.username}'s, a researcher, who cannot add documents`);

  const storyId = memo(async (value) => {
    if (isStoryId(value)) return value;
    for (let page = 1; ; page++) {
      const r = await call('GET', `/api/stories?limit=200&page=${page}`);
      if (r.status !== 200) fail(r);
      const list = (r.json.stories ?? []) as Array<{ id: string; title: string }>;
      const hit = list.find((s) => s.title === value);
      if (hit) return hit.id;
      if (list.length < 200) break;
    }
    const a = opts.storyAccess;
    const created = await call('POST', '/api/stories', { title: value, accessLevel: a.level, embargoUntil: a.embargoUntil, users: a.users });
    if (created.status !== 201) fail(created);
    return String(created.json.id);
  });

  const requestId = memo(async (value) => {
    if (isRequestId(value)) return value;
    const all: RequestLike[] = [];
    for (let page = 1; ; page++) {
      const r = await call('GET', `/api/requests?perPage=500&page=${page}`);
      if (r.status !== 200) fail(r);
      const list = (r.json.requests ?? []) as RequestLike[];
      all.push(...list);
      if (list.length < 500) break;
    }
    return pickRequest(all, value);
  });

  const partyBody = (ref: PartyRef, role: string) => ('partyId' in ref ? { partyId: ref.partyId, role } : { name: ref.name, kind: ref.kind, role });

  return {
    mode: 'server',
    target: base.toString().replace(/\/$/, ''),
    user,

    async add(file: ImportFile, meta: FileMeta): Promise<AddOutcome> {
      const form = new FormData();
      if (meta.title) form.append('title', meta.title);
      if (meta.date) form.append('date', meta.date);
      if (meta.notes) form.append('notes', meta.notes);
      form.append('access', meta.access.level);
      if (meta.access.users.length) form.append('users', meta.access.users.join(','));
      if (meta.access.embargoUntil) form.append('embargoUntil', meta.access.embargoUntil);
      // A file-backed Blob: the upload streams from disk, never held in memory.
      form.append('file', await fs.openAsBlob(file.path), file.filename);
      const r = await call('POST', '/api/documents', form);
      if (r.status === 202 || r.status === 200) {
        return { kind: r.json.duplicate === true ? 'duplicate' : 'stored', documentId: String(r.json.id) };
      }
      // Refused as an upload would be: a type Kilde does not read, larger than the limit.
      if (r.status === 415 || r.status === 413) return { kind: 'refused', reason: errorOf(r).message };
      if (r.status === 403) throw new ServerGone(errorOf(r).message);
      return fail(r);
    },

    async link(documentId: string, meta: FileMeta): Promise<void> {
      const doc = encodeURIComponent(documentId);
      const ok = (r: { status: number; json: Record<string, unknown> }) => (r.status === 200 || r.status === 201 ? undefined : fail(r));
      if (meta.request) ok(await call('POST', `/api/requests/${encodeURIComponent(await requestId(meta.request))}/documents`, { documentId, role: 'response' }));
      if (meta.story) ok(await call('POST', `/api/documents/${doc}/stories`, { storyId: await storyId(meta.story) }));
      for (const p of meta.senders) ok(await call('POST', `/api/documents/${doc}/parties`, partyBody(p, 'sender')));
      for (const p of meta.recipients) ok(await call('POST', `/api/documents/${doc}/parties`, partyBody(p, 'recipient')));
    },

    async extraction(ids: string[]): Promise<Map<string, ExtractionState>> {
      const states = new Map<string, ExtractionState>();
      for (const id of ids) {
        const r = await call('GET', `/api/documents/${encodeURIComponent(id)}`);
        if (r.status === 404) states.set(id, { status: 'gone' });
        else if (r.status !== 200) fail(r);
        else if (r.json.status === 'ready') states.set(id, { status: 'ready' });
        else if (r.json.status === 'failed' || r.json.status === 'needs_password') {
          states.set(id, { status: 'failed', reason: typeof r.json.error === 'string' && r.json.error ? r.json.error : r.json.status === 'needs_password' ? 'The PDF is encrypted: it needs a password.' : 'Extraction failed.' });
        } else states.set(id, { status: 'pending' });
      }
      return states;
    },

    async close() {},
  };
}
