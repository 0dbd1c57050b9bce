import type { AuditLog } from '../auth/audit';
import type { Viewer } from '../auth/viewer';
import type { Db } from '../db/connection';
import { AppError } from '../lib/errors';
import type { Clock } from '../lib/clock';
import { newId } from '../lib/ids';
import { readAktliste } from './aktliste';
import { getRules } from './deadlines';
import { assertCanWrite, visibleDocuments, visibleRequests } from './core/requests.access';
import { checkDay, todayOf } from './core/requests.dates';
import type { DirectoryEntry, ExemptionFields, LawRepository } from './core/requests.law.repository';
import type { RequestsRepository } from './core/requests.repository';
import type { ClockStopInput, ExemptionInput, ExemptionUpdate } from './core/requests.schema';
import type { ClockStopRecord, ExemptionRecord, RequestSummary } from './core/requests.types';

/**
 * What the law needs beside a request's dates: the stops of its clock (a clarification, a fees
 * notice), the authority's list of documents with what it refused and why (exemption records,
 * suggested from the aktliste in its answer), and the Danish authority directory.
 */
export function createLawService(deps: { db: Db; requests: RequestsRepository; law: LawRepository; audit: AuditLog; clock: Clock }) {
  const { db, requests: repo, law, audit, clock } = deps;
  const now = () => clock.now().toISOString();

  function request(viewer: Viewer, id: string): RequestSummary {
    const r = repo.get(id, visibleRequests(viewer, clock.now()));
    if (!r) throw AppError.notFound('This request');
    return r;
  }

  /** Legal bases must be keys of the request's rules file, so counts per paragraph add up. */
  function checkBases(req: RequestSummary, bases: string[]): string[] {
    const known = getRules(req.jurisdiction).exemptions;
    const unknown = bases.filter((b) => !known.some((e) => e.key === b));
    if (unknown.length) {
      const list = known.map((e) => `${e.key} (${e.ref})`).join(', ') || 'none are listed for this law';
      throw AppError.invalid(`bases: ${unknown.join(', ')} ${unknown.length === 1 ? 'is' : 'are'} not a legal basis of ${getRules(req.jurisdiction).law.name}. Use: ${list}.`);
    }
    return [...new Set(bases)];
  }

  function fields(viewer: Viewer, req: RequestSummary, input: ExemptionInput): ExemptionFields {
    if (input.documentId && !repo.document(input.documentId, visibleDocuments(viewer, clock.now()))) throw AppError.notFound('This document');
    return {
      number: input.number?.trim() ?? '',
      title: input.title.trim(),
      documentDate: input.documentDate ? checkDay(input.documentDate, 'documentDate') : null,
      decision: input.decision,
      bases: checkBases(req, input.bases),
      note: input.note?.trim() ?? '',
      documentId: input.documentId ?? null,
    };
  }

  /** Reads the aktliste of one document linked to the request; new lines become suggestions. */
  function suggestFrom(req: RequestSummary, documentId: string, by: string | null): number {
    const text = law.documentText(req.id, documentId);
    if (!text) return 0;
    const lines = readAktliste(text, getRules(req.jurisdiction).exemptions);
    let added = 0;
    const at = now();
    for (const l of lines) {
      const id = law.addExemption(req.id, {
        number: l.number, title: l.title, documentDate: l.documentDate, decision: l.decision, bases: l.bases,
        note: l.unknownRefs.length ? `Also cited: ${l.unknownRefs.join(', ')}` : '', documentId: null,
      }, 'suggested', documentId, by, at);
      if (id !== null) added++;
    }
    return added;
  }

  return {
    // — clock stops —
    stops: (viewer: Viewer, requestId: string): ClockStopRecord[] => (request(viewer, requestId), law.stops(requestId)),

    addStop(viewer: Viewer, requestId: string, input: ClockStopInput): ClockStopRecord {
      assertCanWrite(viewer);
      const req = request(viewer, requestId);
      const from = checkDay(input.from, 'from');
      const to = input.to ? checkDay(input.to, 'to') : null;
      const today = todayOf(clock);
      if (from > today || (to && to > today)) throw AppError.invalid('A clock stop records what happened; its dates cannot be in the future.');
      if (to && to < from) throw AppError.invalid(`to ${to} is before from ${from}.`);
      const start = req.receivedDate ?? req.sentDate;
      if (!start) throw AppError.invalid('The request has not been sent, so its clock cannot stop.');
      if (from < start) throw AppError.invalid(`from ${from} is before the authority received the request (${start}).`);
      let id = 0;
      db.transaction(() => {
        id = law.addStop({ requestId, kind: input.kind, from, to, note: input.note?.trim() ?? '', createdBy: viewer.userId, createdAt: now() });
        audit.record(viewer, { action: 'create', entityType: 'request_clock_stop', entityId: String(id), summary: `${input.kind} on ${requestId}`, after: { from, to } });
      })();
      return law.stop(requestId, id)!;
    },

    endStop(viewer: Viewer, requestId: string, id: number, toDate: string | null, note: string | undefined): ClockStopRecord {
      assertCanWrite(viewer);
      request(viewer, requestId);
      const stop = law.stop(requestId, id);
      if (!stop) throw AppError.notFound('This clock stop');
      const to = toDate ? checkDay(toDate, 'to') : null;
      if (to && to < stop.from) throw AppError.invalid(`to ${to} is before the stop began (${stop.from}).`);
      if (to && to > todayOf(clock)) throw AppError.invalid(`to ${to} is in the future.`);
      db.transaction(() => {
        law.updateStop(requestId, id, to, note?.trim() ?? stop.note);
        audit.record(viewer, { action: 'update', entityType: 'request_clock_stop', entityId: String(id), before: stop, after: { to } });
      })();
      return law.stop(requestId, id)!;
    },

    deleteStop(viewer: Viewer, requestId: string, id: number): void {
      assertCanWrite(viewer);
      request(viewer, requestId);
      db.transaction(() => {
        if (!law.deleteStop(requestId, id)) throw AppError.notFound('This clock stop');
        audit.record(viewer, { action: 'delete', entityType: 'request_clock_stop', entityId: String(id), summary: requestId });
      })();
    },

    // — exemption records —
    exemptions(viewer: Viewer, requestId: string): ExemptionRecord[] {
      request(viewer, requestId);
      return law.exemptions(requestId);
    },

    addExemption(viewer: Viewer, requestId: string, input: ExemptionInput): ExemptionRecord {
      assertCanWrite(viewer);
      const req = request(viewer, requestId);
      const f = fields(viewer, req, input);
      let id: number | null = null;
      db.transaction(() => {
        id = law.addExemption(requestId, f, 'accepted', null, viewer.userId, now());
        audit.record(viewer, { action: 'create', entityType: 'request_exemption', entityId: String(id), summary: `${f.decision} ${f.title}`, after: f });
      })();
      return law.exemption(requestId, id!)!;
    },

    /** Edits a record; accepting or dismissing a suggestion is an edit of its state. */
    updateExemption(viewer: Viewer, requestId: string, id: number, input: ExemptionUpdate): ExemptionRecord {
      assertCanWrite(viewer);
      const req = request(viewer, requestId);
      const before = law.exemption(requestId, id);
      if (!before) throw AppError.notFound('This record');
      const merged = fields(viewer, req, {
        number: input.number ?? before.number, title: input.title ?? before.title,
        documentDate: input.documentDate === undefined ? before.documentDate : input.documentDate,
        decision: input.decision ?? before.decision, bases: input.bases ?? before.bases, note: input.note ?? before.note,
        documentId: input.documentId === undefined ? before.documentId : input.documentId,
      });
      const state = input.state ?? (before.state === 'suggested' ? 'accepted' : before.state);
      db.transaction(() => {
        law.updateExemption(requestId, id, merged, state, now());
        audit.record(viewer, { action: 'update', entityType: 'request_exemption', entityId: String(id), before, after: { ...merged, state } });
      })();
      return law.exemption(requestId, id)!;
    },

    deleteExemption(viewer: Viewer, requestId: string, id: number): void {
      assertCanWrite(viewer);
      request(viewer, requestId);
      db.transaction(() => {
        if (!law.deleteExemption(requestId, id)) throw AppError.notFound('This record');
        audit.record(viewer, { action: 'delete', entityType: 'request_exemption', entityId: String(id), summary: requestId });
      })();
    },

    /** Reads the aktliste of a linked document the viewer may read; returns how many suggestions were new. */
    readAktliste(viewer: Viewer, requestId: string, documentId: string): { added: number } {
      assertCanWrite(viewer);
      const req = request(viewer, requestId);
      if (!repo.document(documentId, visibleDocuments(viewer, clock.now()))) throw AppError.notFound('This document');
      if (!repo.documentIdsOf(requestId).includes(documentId)) throw AppError.invalid('Link the document to the request first; only its answers are read.');
      let added = 0;
      db.transaction(() => { added = suggestFrom(req, documentId, viewer.userId); })();
      return { added };
    },

    /**
     * Suggestions from every answer the request received, read when the request is opened (as party
     * suggestions are read when a document is opened). A line suggested once — accepted, dismissed or
     * open — is never suggested again (unique per source document, number and title).
     */
    suggestFromAnswers(viewer: Viewer, req: RequestSummary): void {
      const docs = repo.documents(req.id, visibleDocuments(viewer, clock.now())).filter((d) => d.role === 'response' && d.status === 'ready');
      if (docs.length === 0) return;
      db.transaction(() => { for (const d of docs) suggestFrom(req, d.documentId, null); })();
    },

    // — directory —
    directory: (filter: { q?: string; category?: string }): DirectoryEntry[] => law.directory(filter),
    directoryOfParty: (partyId: string): DirectoryEntry | null => law.directoryOfParty(partyId),

    /** A person's edit of an entry; `undefined` keeps a field, null clears an address. */
    updateDirectory(viewer: Viewer, key: string, input: { name?: string; appealBodyKey?: string | null; email?: string | null; postalAddress?: string | null }): DirectoryEntry {
      assertCanWrite(viewer);
      const before = law.directoryEntry(key);
      if (!before) throw AppError.notFound('This authority');
      const appeal = input.appealBodyKey === undefined ? before.appealBodyKey : input.appealBodyKey;
      if (appeal && !law.directoryEntry(appeal)) throw AppError.invalid(`appealBodyKey: "${appeal}" is not in the directory.`);
      if (appeal === key) throw AppError.invalid('appealBodyKey: an authority cannot hear complaints about itself.');
      const name = input.name ?? before.name;
      const email = input.email === undefined ? before.email : input.email;
      const postalAddress = input.postalAddress === undefined ? before.postalAddress : input.postalAddress;
      // Remember what a person changed, so reloading the data files (`kilde seed`) keeps it.
      const edited = [...before.editedFields];
      if (name !== before.name) edited.push('name');
      if (appeal !== before.appealBodyKey) edited.push('appealBodyKey');
      if (email !== before.email) edited.push('email');
      if (postalAddress !== before.postalAddress) edited.push('postalAddress');
      db.transaction(() => {
        law.updateDirectory(key, { name, appealBodyKey: appeal, email, postalAddress }, edited, now());
        // Its party, when it has one, gets an address it lacks; one recorded on the party stays.
        if (before.partyId) law.fillPartyContact(before.partyId, { email, postalAddress }, now());
        audit.record(viewer, { action: 'update', entityType: 'foi_directory', entityId: key, before, after: input });
      })();
      return law.directoryEntry(key)!;
    },

    /**
     * Gives an authority's party the addresses of its directory entry where it has none of its own:
     * a request filed with the form's address fields left empty is still addressed.
     */
    fillFromDirectory(viewer: Viewer, partyId: string): void {
      assertCanWrite(viewer);
      const entry = law.directoryOfParty(partyId);
      if (!entry || (!entry.email && !entry.postalAddress)) return;
      db.transaction(() => {
        if (law.fillPartyContact(partyId, entry, now())) {
          audit.record(viewer, { action: 'update', entityType: 'party', entityId: partyId, summary: `addresses from the FOI directory (${entry.key})` });
        }
      })();
    },

    /** The party for a directory entry: the linked one, one of the same name, or a new authority. */
    partyFor(viewer: Viewer, key: string): { partyId: string; created: boolean } {
      assertCanWrite(viewer);
      const entry = law.directoryEntry(key);
      if (!entry) throw AppError.notFound('This authority');
      if (entry.partyId) return { partyId: entry.partyId, created: false };
      let result = { partyId: '', created: false };
      db.transaction(() => {
        const existing = law.partyByName(entry.name);
        const partyId = existing ?? newId('pty');
        // The directory's addresses go with it: a new party gets them, an existing one where it has none.
        if (!existing) law.insertAuthorityParty(partyId, entry, viewer.userId, now());
        else law.fillPartyContact(partyId, entry, now());
        law.linkDirectoryParty(key, partyId, now());
        audit.record(viewer, { action: existing ? 'link' : 'create', entityType: 'party', entityId: partyId, summary: `${entry.name} (FOI directory ${key})` });
        result = { partyId, created: !existing };
      })();
      return result;
    },
  };
}

export type LawService = ReturnType<typeof createLawService>;
