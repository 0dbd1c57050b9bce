import { createHash, randomBytes } from 'node:crypto';
import type { SearchEngine } from '../../search/engine';
import type { Viewer } from '../auth/viewer';
import { AppError } from '../lib/errors';
import type { Clock } from '../lib/clock';
import { newId } from '../lib/ids';
import type { Logger } from '../lib/logger';
import type { LinkAccess } from '../search-pages/link-access';
import { searchUrl } from '../search-pages/search.presenter';
import { searchQuery, toFilters, type SearchQuery } from '../search-pages/search.schema';
import type { AlertRow, AlertsRepository, SavedSearchRow, Subscriber } from './alerts.repository';
import { atomFeed } from './alerts.feed';
import type { Mailer } from './mailer';

/**
 * Saved searches and alerts. A saved search is the search URL's parameters with a name. When the
 * search outbox has indexed documents (`onIndexed`), each saved search is run again AS ITS OWNER,
 * restricted to those documents and to documents uploaded after the search was saved: the engine
 * applies the access rule at that moment, so an alert never names a document its subscriber cannot
 * read then. Each (user, document, saved search) alerts once. FOI-request alerts (`checkRequests`,
 * run on a timer) cover the requests a user filed: an answer received, the answer due tomorrow, the
 * answer overdue — through the requests area's public functions.
 *
 * Alerts reach the user three ways: the bell (unread count), an Atom feed at a secret URL (only
 * its SHA-256 is stored; it shows what the user may read at the time the feed is read), and
 * e-mail when SMTP is configured, the user gave an address, and (for searches) asked for it.
 */
export interface RequestEvents {
  list(viewer: Viewer, filter: { createdBy?: string }): { requests: Array<{ id: string; subject: string; createdBy: string | null }> };
  deadlines(viewer: Viewer, id: string): { answerDue: { date: string; state: string; daysLeft: number } | null };
  entries(viewer: Viewer, id: string): Array<{ id: number; kind: string; date: string; summary: string }>;
  /** Status changes: a decision recorded as one (granted, refused, …) is an answer arriving too. */
  history(viewer: Viewer, id: string): Array<{ id: number; toStatus: string; date: string; receivedOn?: string | null }>;
}

/** Statuses that record a letter from the authority answering the request. */
const ANSWERS = new Set(['granted', 'partly_granted', 'refused', 'no_documents', 'appeal_decided']);

const MAX_ALERTS_SHOWN = 200;
/**
 * Tries of an alert's e-mail before it is given up (the alert stays in the bell and the feed): the
 * first when the alert is made, then one at each alert check (KILDE_ALERT_INTERVAL_S, 15 minutes
 * by default: a mail server down for about two hours), and one at the next start.
 */
export const MAIL_ATTEMPTS = 8;
/** An alert older than this is not e-mailed any more, however many tries are left: old news by mail. */
export const MAIL_WINDOW_MS = 24 * 3_600_000;
/** How far back the first look for ended embargoes goes after a start. */
const EMBARGO_LOOKBACK_MS = 7 * 24 * 3600 * 1000;
/**
 * One mailbox: a plain local part and a domain with a dot (letters of any script). Commas, colons,
 * parentheses and quotes are refused: mail software reads "a@x.dk,b@y.dk" or "group:b@y.dk" as
 * more than one recipient, and alerts name documents.
 */
const EMAIL = /^[\p{L}\p{N}.!#$%&'*+/=?^_`{|}~-]{1,64}@[\p{L}\p{N}-]+(\.[\p{L}\p{N}-]+)+$/u;
/** Control characters and bidirectional overrides: a name holding them could fake an e-mail's subject or lines. */
const UNSHOWABLE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
/** A saved search's name as shown and mailed: those characters out, whitespace runs as one space. */
const shownName = (name: string): string => name.replace(UNSHOWABLE, ' ').replace(/\s+/g, ' ').trim();

export const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

export function createAlertsService(deps: {
  repo: AlertsRepository;
  engine: SearchEngine;
  /** Saved searches' filters on stories, events and requests count only those the subscriber can read. */
  links: LinkAccess;
  requests: RequestEvents | null;
  mailer: Mailer | null;
  clock: Clock;
  logger: Logger;
  /** KILDE_PUBLIC_URL, for absolute links in e-mails and the feed (null: paths only). */
  publicUrl: string | null;
}) {
  const { repo, engine, clock, logger } = deps;
  const now = () => clock.now();
  const link = (path: string) => `${deps.publicUrl ?? ''}${path}`;
  let embargoSeen: string | null = null;
  const viewerOf = (s: Subscriber): Viewer => ({ userId: s.userId, username: s.username, name: s.name, role: s.role });

  /**
   * The query string of what was given to save: a search page's URL (absolute or a path) up to its
   * first "?", or the query string itself — whose words may hold a "?" of their own ("q=hvad?").
   * A broken percent-escape is refused, not saved as a replacement character.
   */
  function queryStringOf(given: string): string {
    const text = given.trim();
    const qs = /^(?:[a-z][a-z0-9+.-]*:\/\/[^/?#]*)?\/[^?#]*\?/i.test(text) || text.startsWith('?') ? text.slice(text.indexOf('?') + 1) : text;
    try {
      decodeURIComponent(qs.replace(/\+/g, ' '));
    } catch {
      throw AppError.invalid('The search address has a broken %-escape; copy it again from the search page.');
    }
    return qs.replace(/#.*$/s, '');
  }

  /** A stored parameter string as the search page reads it (validated like the URL). */
  function queryOf(params: string): SearchQuery {
    const raw: Record<string, string | string[]> = {};
    for (const [k, v] of new URLSearchParams(params)) {
      const prev = raw[k];
      raw[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
    }
    const parsed = searchQuery.safeParse(raw);
    if (!parsed.success) throw AppError.invalid(`This search cannot be saved: ${parsed.error.issues[0]?.message ?? 'bad parameters'}.`);
    return parsed.data;
  }

  function own(viewer: Viewer, id: string): SavedSearchRow {
    const s = repo.searchOf(viewer.userId, id);
    if (!s) throw AppError.notFound('This saved search');
    return s;
  }

  const hrefOf = (s: SavedSearchRow) => `/search?${s.params}`;

  function describe(a: AlertRow & { title?: string | null }, searches: Map<string, string>): { title: string; href: string } {
    if (a.kind === 'search_match') {
      return { title: `${searches.get(a.savedSearchId ?? '') ?? ''}: ${a.title ?? a.documentId ?? ''}`, href: `/documents/${encodeURIComponent(a.documentId ?? '')}` };
    }
    return { title: a.detail, href: `/requests/${encodeURIComponent(a.requestId ?? '')}` };
  }

  async function email(mailer: Mailer, address: string, alerts: Array<{ title: string; href: string }>): Promise<void> {
    // Titles come from uploads: a line break or a reversed run in one must not pose as part of the message.
    const added = alerts.map((a) => ({ ...a, title: a.title.replace(UNSHOWABLE, ' ') }));
    const lines = added.map((a) => `- ${a.title}\n  ${link(a.href)}`);
    const items = added.map((a) => `<li><a href="${escape(link(a.href))}">${escape(a.title)}</a></li>`);
    await mailer.send({
      to: address,
      subject: added.length === 1 ? `Kilde: ${added[0]?.title}` : `Kilde: ${added.length} new alerts`,
      text: `New in Kilde:\n\n${lines.join('\n')}\n`,
      html: `<p>New in Kilde:</p><ul>${items.join('')}</ul>`,
    });
  }

  /**
   * E-mail goes out in the background, one message at a time: a slow or unreachable mail server
   * must not hold the search outbox, whose hook makes the alerts (an access change waits in that
   * queue), nor the FOI check. What is queued is marked due in the database first, so a message
   * the mail server refused, or one still queued when the server stopped, is tried again by
   * `retryMail` (at each alert check and at start) until MAIL_ATTEMPTS or MAIL_WINDOW_MS run out.
   */
  let mailing: Promise<void> = Promise.resolve();
  /** Set when the server stops: messages still queued are not sent now (their alerts stay due, for the next start). */
  let mailClosed = false;
  /** Alerts in a message queued in this process: a retry does not queue them twice. */
  const queued = new Set<number>();
  function queueMail(userId: string, ids: number[]): void {
    if (!deps.mailer || ids.length === 0) return;
    repo.emailDue(ids);
    for (const id of ids) queued.add(id);
    mailing = mailing.then(() => (mailClosed ? undefined : deliver(userId, ids))).finally(() => {
      for (const id of ids) queued.delete(id);
    });
  }

  async function deliver(userId: string, ids: number[]): Promise<void> {
    const mailer = deps.mailer;
    let sending: number[] = [];
    try {
      const address = repo.settings(userId).email;
      const subscriber = repo.subscriber(userId);
      if (!mailer) return;
      if (!address || !subscriber) return repo.dropEmail(ids);
      // Read again as the message is made, not when the alert was: a document restricted (or a
      // request closed) since then is left out, as it is from the bell, and not tried again.
      const rows = repo.list(viewerOf(subscriber), now(), { limit: ids.length, ids, notEmailed: true });
      sending = rows.map((a) => a.id);
      const left = ids.filter((id) => !sending.includes(id));
      if (left.length) repo.dropEmail(left);
      if (rows.length === 0) return;
      const names = new Map(repo.searchesOf(userId).map((s) => [s.id, s.name]));
      await email(mailer, address, rows.map((a) => describe(a, names)));
      repo.markEmailed(sending, now().toISOString());
    } catch (err) {
      // The alert stays in the bell and the feed; its e-mail is tried again later, a few times.
      if (sending.length) repo.emailFailed(sending, MAIL_ATTEMPTS);
      logger.warn('alert e-mail failed', { userId, alerts: sending.length, error: err instanceof Error ? err.message : String(err) });
    }
  }

  /** A saved search's new matches among `documentIds`, as alerts; returns the ids of those made. */
  async function matchSearch(s: ReturnType<AlertsRepository['allSearches']>[number], documentIds: string[]): Promise<number[]> {
    const fresh = repo.createdAfter(documentIds, s.createdAt);
    if (fresh.length === 0) return [];
    const q = queryOf(s.params);
    const at = now();
    const result = await engine.search({
      query: q.q,
      filters: deps.links.filters(viewerOf(s.subscriber), at, { ...toFilters(q), documentIds: fresh }),
      perPage: 100,
      viewer: { userId: s.subscriber.userId, role: s.subscriber.role },
      now: at,
    });
    const made: number[] = [];
    for (const hit of result.hits) {
      const id = repo.add({ userId: s.userId, kind: 'search_match', key: `search:${s.id}:${hit.documentId}`, savedSearchId: s.id, documentId: hit.documentId, requestId: null, detail: '', createdAt: now().toISOString() });
      if (id !== null) made.push(id);
    }
    return made;
  }

  const service = {
    /**
     * Saves a search; the same search (the same words and filters) saved again by its owner is the
     * one saved before, not a second that alerts twice (`existing`), with e-mail turned on if asked.
     */
    save(viewer: Viewer, input: { name: string; params: string; alertEmail: boolean }): SavedSearchRow & { existing: boolean } {
      const q = queryOf(queryStringOf(input.params));
      if (!q.q.trim()) throw AppError.invalid('Type a search before saving it.');
      const params = searchUrl({ ...q, page: 1 }).slice('/search?'.length);
      const same = repo.searchesOf(viewer.userId).find((s) => s.params === params);
      if (same) {
        const wanted = input.alertEmail && !same.alertEmail && service.mailAvailable;
        return { ...(wanted ? service.update(viewer, same.id, { alertEmail: true }) : same), existing: true };
      }
      const at = now().toISOString();
      const name = shownName(input.name);
      const row: SavedSearchRow = { id: newId('ss'), userId: viewer.userId, name: name || q.q, params, alertEmail: input.alertEmail, lastVisitedAt: at, createdAt: at };
      repo.saveSearch(row);
      return { ...row, existing: false };
    },

    list(viewer: Viewer): Array<SavedSearchRow & { newMatches: number; href: string }> {
      const unread = repo.unreadPerSearch(viewer, now());
      return repo.searchesOf(viewer.userId).map((s) => ({ ...s, newMatches: unread.get(s.id) ?? 0, href: hrefOf(s) }));
    },

    /** The saved search with its matches new since the last visit; the visit is then recorded. */
    open(viewer: Viewer, id: string) {
      const search = own(viewer, id);
      const names = new Map([[search.id, search.name]]);
      const matches = repo.list(viewer, now(), { limit: MAX_ALERTS_SHOWN, unreadOnly: true, savedSearchId: id }).map((a) => ({ ...a, ...describe(a, names), title: a.title ?? a.documentId ?? '' }));
      repo.visited(viewer.userId, id, now().toISOString());
      const words = new URLSearchParams(search.params);
      const filtered = [...words.keys()].some((k) => k !== 'q' && k !== 'sort');
      return { search: { ...search, href: hrefOf(search), query: words.get('q') ?? '', filtered }, newMatches: matches, mailAvailable: service.mailAvailable };
    },

    /** Renamed, or e-mail turned on or off; what it searches for stays (save a new one for that). */
    update(viewer: Viewer, id: string, patch: { name?: string; alertEmail?: boolean }): SavedSearchRow {
      const search = own(viewer, id);
      const name = patch.name === undefined ? undefined : shownName(patch.name);
      if (name === '') throw AppError.invalid('name: give the saved search a name.');
      repo.updateSearch(viewer.userId, search.id, { name, alertEmail: patch.alertEmail });
      return own(viewer, id);
    },

    remove(viewer: Viewer, id: string): void {
      if (!repo.deleteSearch(viewer.userId, id)) throw AppError.notFound('This saved search');
    },

    /** Whether alerts can go out by e-mail (SMTP configured). */
    mailAvailable: deps.mailer !== null,

    settings: (viewer: Viewer) => ({ ...repo.settings(viewer.userId), emailAvailable: service.mailAvailable }),

    saveSettings(viewer: Viewer, input: { email?: string | null; foiAlerts?: boolean }): void {
      const email = input.email === undefined ? undefined : input.email?.trim() || null;
      if (email && !EMAIL.test(email)) throw AppError.invalid('email: give an address like name@example.dk, or leave it empty.');
      repo.saveSettings(viewer.userId, { email, foiAlerts: input.foiAlerts }, now().toISOString());
    },

    /** The feed is turned off: its secret address stops working. */
    dropFeed(userId: string): void {
      if (repo.settings(userId).hasFeed) repo.saveSettings(userId, { feedTokenHash: null }, now().toISOString());
    },

    /** A new secret feed URL (the old one stops working). Shown once: only its hash is kept. */
    newFeed(viewer: Viewer): { url: string; path: string } {
      const token = randomBytes(24).toString('base64url');
      repo.saveSettings(viewer.userId, { feedTokenHash: sha256(token) }, now().toISOString());
      const path = `/alerts/feed/${token}.atom`;
      return { path, url: link(path) };
    },

    alerts(viewer: Viewer) {
      const names = new Map(repo.searchesOf(viewer.userId).map((s) => [s.id, s.name]));
      return repo.list(viewer, now(), { limit: MAX_ALERTS_SHOWN }).map((a) => ({ ...a, ...describe(a, names) }));
    },
    unread: (viewer: Viewer) => repo.unread(viewer, now()),
    markRead: (viewer: Viewer) => repo.markRead(viewer.userId, now().toISOString()),

    /** The Atom feed behind a secret, or null when no user has it. */
    feed(token: string): string | null {
      if (!/^[A-Za-z0-9_-]{16,100}$/.test(token)) return null;
      const owner = repo.feedOwner(sha256(token));
      if (!owner) return null;
      const viewer = viewerOf(owner);
      const names = new Map(repo.searchesOf(owner.userId).map((s) => [s.id, s.name]));
      const rows = repo.list(viewer, now(), { limit: 100 });
      return atomFeed({
        // One id per feed address: a new address is a new feed to a reader.
        id: `tag:kilde,2025:alerts:${sha256(token).slice(0, 32)}`,
        title: `Kilde alerts — ${owner.name}`,
        selfUrl: link(`/alerts/feed/${token}.atom`),
        updated: rows[0]?.createdAt ?? now().toISOString(),
        author: 'Kilde',
        entries: rows.map((a) => {
          const d = describe(a, names);
          return { id: a.id, title: d.title, summary: a.kind === 'search_match' ? `New match of "${names.get(a.savedSearchId ?? '') ?? ''}"` : a.detail, link: link(d.href), updated: a.createdAt };
        }),
      });
    },

    /**
     * Documents were (re)indexed: alert each saved search's owner of those among them that are new
     * since the search was saved and that the search finds for that owner now.
     */
    async onIndexed(documentIds: string[]): Promise<number> {
      if (documentIds.length === 0) return 0;
      let made = 0;
      const toMail = new Map<string, number[]>();
      for (const s of repo.allSearches()) {
        // One saved search that cannot run (saved by an older version under other rules) must
        // not keep the others from alerting.
        try {
          const ids = await matchSearch(s, documentIds);
          made += ids.length;
          if (s.alertEmail && ids.length > 0) toMail.set(s.userId, [...(toMail.get(s.userId) ?? []), ...ids]);
        } catch (err) {
          logger.warn('saved search could not be run for alerts', { savedSearchId: s.id, error: err instanceof Error ? err.message : String(err) });
        }
      }
      for (const [userId, ids] of toMail) queueMail(userId, ids);
      return made;
    },

    /** Resolves when every e-mail queued so far has been sent (or has failed). */
    settled: (): Promise<void> => mailing,
    /**
     * Alert e-mail still due (refused by the mail server, or queued when the server stopped)
     * queued again, one message per user; returns how many alerts. Made before MAIL_WINDOW_MS ago:
     * let go instead.
     */
    retryMail(): number {
      if (!deps.mailer) return 0;
      let n = 0;
      for (const { userId, ids } of repo.dueEmail(new Date(now().getTime() - MAIL_WINDOW_MS).toISOString())) {
        const fresh = ids.filter((id) => !queued.has(id));
        queueMail(userId, fresh);
        n += fresh.length;
      }
      return n;
    },
    /**
     * Stopping: the message being sent finishes, the rest are not sent — a dead mail server would
     * otherwise hold the shutdown for its timeouts, message after message.
     */
    closeMail(): Promise<void> {
      mailClosed = true;
      return mailing;
    },

    /**
     * Documents whose embargo ended since the last look alert as if just indexed: nothing writes
     * them when the embargo ends, so onIndexed would never see them. The first look after a start
     * goes back EMBARGO_LOOKBACK_MS, for embargoes that ended while the server was down; a match
     * alerts once however often its document is looked at (the alert's key).
     */
    async checkEmbargoes(): Promise<number> {
      const to = now().toISOString();
      const from = embargoSeen ?? new Date(now().getTime() - EMBARGO_LOOKBACK_MS).toISOString();
      const ids = repo.embargoEnded(from, to);
      const made = ids.length > 0 ? await service.onIndexed(ids) : 0;
      embargoSeen = to;
      return made;
    },

    /** FOI-request events of each subscriber's own requests; each alerts once. */
    async checkRequests(): Promise<number> {
      if (!deps.requests) return 0;
      let made = 0;
      for (const sub of repo.foiSubscribers()) {
        const viewer = viewerOf(sub);
        const added: number[] = [];
        const add = (kind: AlertRow['kind'], key: string, requestId: string, detail: string) => {
          const id = repo.add({ userId: sub.userId, kind, key, savedSearchId: null, documentId: null, requestId, detail, createdAt: now().toISOString() });
          if (id !== null) added.push(id);
        };
        for (const r of deps.requests.list(viewer, { createdBy: sub.userId }).requests) {
          const due = deps.requests.deadlines(viewer, r.id).answerDue;
          if (due && due.state === 'due' && due.daysLeft === 1) add('foi_due_tomorrow', `foi:due:${r.id}:${due.date}`, r.id, `Answer due tomorrow (${due.date}): ${r.subject}`);
          if (due && due.state === 'overdue') add('foi_overdue', `foi:overdue:${r.id}:${due.date}`, r.id, `Answer overdue since ${due.date}: ${r.subject}`);
          // Answers logged before the user set up alerts (or, without settings, over a week ago) are history, not news.
          const since = sub.since?.slice(0, 10) ?? new Date(now().getTime() - 7 * 86_400_000).toISOString().slice(0, 10);
          const received = new Set<string>();
          for (const e of deps.requests.entries(viewer, r.id)) {
            if (e.kind !== 'received') continue;
            received.add(e.date);
            if (e.date < since) continue;
            add('foi_answer', `foi:answer:${r.id}:${e.id}`, r.id, `Answer received (${e.date}): ${r.subject}`);
          }
          // A decision recorded as a status, not logged as a letter: the same news, once (an
          // answer logged on the same day already said it).
          for (const h of deps.requests.history(viewer, r.id)) {
            const day = h.receivedOn ?? h.date;
            if (!ANSWERS.has(h.toStatus) || day < since || received.has(day)) continue;
            add('foi_answer', `foi:answer:${r.id}:status:${h.id}`, r.id, `Answer received (${day}): ${r.subject}`);
          }
        }
        made += added.length;
        queueMail(sub.userId, added);
      }
      return made;
    },
  };
  return service;
}

function escape(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export type AlertsService = ReturnType<typeof createAlertsService>;
