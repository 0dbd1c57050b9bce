import { documentAccessSql } from '../auth/access';
import { requestAccessSql } from '../auth/follows';
import type { Viewer } from '../auth/viewer';
import type { Db } from '../db/connection';

/** SQL of saved searches, alert settings and alerts (migration 014). */
export interface SavedSearchRow {
  id: string;
  userId: string;
  name: string;
  /** The search URL's query string (q and filters). */
  params: string;
  alertEmail: boolean;
  lastVisitedAt: string;
  createdAt: string;
}

export type AlertKind = 'search_match' | 'foi_answer' | 'foi_due_tomorrow' | 'foi_overdue';

export interface AlertRow {
  id: number;
  userId: string;
  kind: AlertKind;
  key: string;
  savedSearchId: string | null;
  documentId: string | null;
  requestId: string | null;
  detail: string;
  createdAt: string;
  readAt: string | null;
}

export interface AlertSettings {
  userId: string;
  email: string | null;
  foiAlerts: boolean;
  hasFeed: boolean;
}

export interface Subscriber {
  userId: string;
  username: string;
  name: string;
  role: Viewer['role'];
}

const SEARCH_COLUMNS = `id, user_id AS userId, name, params, alert_email AS alertEmail, last_visited_at AS lastVisitedAt, created_at AS createdAt`;
const ALERT_COLUMNS = `a.id, a.user_id AS userId, a.kind, a.key, a.saved_search_id AS savedSearchId, a.document_id AS documentId,
  a.request_id AS requestId, a.detail, a.created_at AS createdAt, a.read_at AS readAt`;

const toSearch = (r: SavedSearchRow | undefined): SavedSearchRow | null => (r ? { ...r, alertEmail: Boolean(r.alertEmail) } : null);

export function createAlertsRepository(db: Db) {
  /**
   * An alert's document and its FOI request must be readable by its user NOW (the access rules in
   * SQL: a document's ancestors, a request's story): a document restricted, or a request's story
   * closed, after the alert was made drops out of the bell and the feed, and so does an alert whose
   * request is gone.
   */
  const readable = (viewer: Viewer, now: Date) => {
    const doc = documentAccessSql(viewer, now, 'd');
    const req = requestAccessSql(viewer, now, 'r');
    return {
      sql: `(a.document_id IS NULL OR EXISTS (SELECT 1 FROM documents d WHERE d.id = a.document_id AND ${doc.sql}))
        AND (a.request_id IS NULL OR EXISTS (SELECT 1 FROM requests r WHERE r.id = a.request_id AND ${req.sql}))`,
      params: { ...doc.params, ...req.params },
    };
  };

  return {
    saveSearch(row: SavedSearchRow): void {
      db.prepare(`INSERT INTO saved_searches (id, user_id, name, params, alert_email, last_visited_at, created_at)
        VALUES (@id, @userId, @name, @params, @alertEmail, @lastVisitedAt, @createdAt)`).run({ ...row, alertEmail: row.alertEmail ? 1 : 0 });
    },
    searchOf(userId: string, id: string): SavedSearchRow | null {
      return toSearch(db.prepare(`SELECT ${SEARCH_COLUMNS} FROM saved_searches WHERE id = ? AND user_id = ?`).get(id, userId) as SavedSearchRow | undefined);
    },
    searchesOf(userId: string): SavedSearchRow[] {
      return (db.prepare(`SELECT ${SEARCH_COLUMNS} FROM saved_searches WHERE user_id = ? ORDER BY name COLLATE NOCASE, id`).all(userId) as SavedSearchRow[]).map((r) => toSearch(r) as SavedSearchRow);
    },
    /** Every saved search with its owner, for matching new documents. */
    allSearches(): Array<SavedSearchRow & { subscriber: Subscriber }> {
      const rows = db.prepare(`SELECT s.id, s.user_id AS userId, s.name, s.params, s.alert_email AS alertEmail, s.last_visited_at AS lastVisitedAt, s.created_at AS createdAt,
          u.username, u.display_name AS displayName, u.role
        FROM saved_searches s JOIN users u ON u.id = s.user_id WHERE u.disabled = 0 ORDER BY s.id`).all() as Array<SavedSearchRow & { username: string; displayName: string; role: Viewer['role'] }>;
      return rows.map((r) => ({ ...(toSearch(r) as SavedSearchRow), subscriber: { userId: r.userId, username: r.username, name: r.displayName, role: r.role } }));
    },
    visited(userId: string, id: string, at: string): void {
      db.prepare('UPDATE saved_searches SET last_visited_at = ? WHERE id = ? AND user_id = ?').run(at, id, userId);
      db.prepare('UPDATE alerts SET read_at = ? WHERE saved_search_id = ? AND user_id = ? AND read_at IS NULL').run(at, id, userId);
    },
    updateSearch(userId: string, id: string, patch: { name?: string; alertEmail?: boolean }): void {
      if (patch.name !== undefined) db.prepare('UPDATE saved_searches SET name = ? WHERE id = ? AND user_id = ?').run(patch.name, id, userId);
      if (patch.alertEmail !== undefined) db.prepare('UPDATE saved_searches SET alert_email = ? WHERE id = ? AND user_id = ?').run(patch.alertEmail ? 1 : 0, id, userId);
    },
    deleteSearch(userId: string, id: string): boolean {
      return db.prepare('DELETE FROM saved_searches WHERE id = ? AND user_id = ?').run(id, userId).changes > 0;
    },
    /** Document ids among `ids` created after `since` (a saved search alerts on new documents only). */
    /**
     * Documents that became readable in (from, to] without being written: their embargo, or that
     * of a container they sit in (an e-mail, a zip), ended then. At most 1,000 at a time.
     */
    embargoEnded(from: string, to: string): string[] {
      return db.prepare(`WITH RECURSIVE ended(id) AS (
          SELECT id FROM documents WHERE embargo_until > @from AND embargo_until <= @to
          UNION SELECT d.id FROM documents d JOIN ended e ON d.parent_id = e.id)
        SELECT id FROM ended LIMIT 1000`).pluck().all({ from, to }) as string[];
    },

    createdAfter(ids: string[], since: string): string[] {
      return db.prepare("SELECT id FROM documents WHERE id IN (SELECT value FROM json_each(?)) AND created_at > ? AND status = 'ready'").pluck().all(JSON.stringify(ids), since) as string[];
    },

    settings(userId: string): AlertSettings {
      const r = db.prepare('SELECT user_id AS userId, email, foi_alerts AS foiAlerts, feed_token_hash AS feed FROM alert_settings WHERE user_id = ?').get(userId) as { userId: string; email: string | null; foiAlerts: number; feed: string | null } | undefined;
      return { userId, email: r?.email ?? null, foiAlerts: r ? Boolean(r.foiAlerts) : true, hasFeed: Boolean(r?.feed) };
    },
    saveSettings(userId: string, patch: { email?: string | null; foiAlerts?: boolean; feedTokenHash?: string | null }, now: string): void {
      db.prepare('INSERT INTO alert_settings (user_id, created_at) VALUES (?, ?) ON CONFLICT (user_id) DO NOTHING').run(userId, now);
      if (patch.email !== undefined) db.prepare('UPDATE alert_settings SET email = ? WHERE user_id = ?').run(patch.email, userId);
      if (patch.foiAlerts !== undefined) db.prepare('UPDATE alert_settings SET foi_alerts = ? WHERE user_id = ?').run(patch.foiAlerts ? 1 : 0, userId);
      if (patch.feedTokenHash !== undefined) db.prepare('UPDATE alert_settings SET feed_token_hash = ? WHERE user_id = ?').run(patch.feedTokenHash, userId);
    },
    /** The user behind a feed secret's hash (a disabled user has no feed). */
    feedOwner(hash: string): Subscriber | null {
      return (db.prepare(`SELECT u.id AS userId, u.username, u.display_name AS name, u.role FROM alert_settings s JOIN users u ON u.id = s.user_id
        WHERE s.feed_token_hash = ? AND u.disabled = 0`).get(hash) as Subscriber | undefined) ?? null;
    },
    /** Users with FOI-request alerts on (the default), and since when they have had alerts. */
    foiSubscribers(): Array<Subscriber & { since: string | null }> {
      return db.prepare(`SELECT u.id AS userId, u.username, u.display_name AS name, u.role, s.created_at AS since
        FROM users u LEFT JOIN alert_settings s ON s.user_id = u.id WHERE u.disabled = 0 AND COALESCE(s.foi_alerts, 1) = 1 ORDER BY u.id`).all() as Array<Subscriber & { since: string | null }>;
    },

    /** Adds an alert unless this user already had one with this key; returns its id or null. */
    add(a: Omit<AlertRow, 'id' | 'readAt'>): number | null {
      const r = db.prepare(`INSERT INTO alerts (user_id, kind, key, saved_search_id, document_id, request_id, detail, created_at)
        VALUES (@userId, @kind, @key, @savedSearchId, @documentId, @requestId, @detail, @createdAt) ON CONFLICT (user_id, key) DO NOTHING`).run(a);
      return r.changes > 0 ? Number(r.lastInsertRowid) : null;
    },
    markEmailed(ids: number[], at: string): void {
      db.prepare('UPDATE alerts SET emailed_at = ?, email_due = 0 WHERE id IN (SELECT value FROM json_each(?))').run(at, JSON.stringify(ids));
    },
    /** Alerts to be e-mailed, until they are or cannot be (kept across restarts). */
    emailDue(ids: number[]): void {
      db.prepare('UPDATE alerts SET email_due = 1 WHERE emailed_at IS NULL AND id IN (SELECT value FROM json_each(?))').run(JSON.stringify(ids));
    },
    /** Alerts whose e-mail will not be sent (no longer readable by their user, no address). */
    dropEmail(ids: number[]): void {
      db.prepare('UPDATE alerts SET email_due = 0 WHERE id IN (SELECT value FROM json_each(?))').run(JSON.stringify(ids));
    },
    /** A try that failed: counted; at `maxAttempts` the alert is no longer due (it stays in the bell and the feed). */
    emailFailed(ids: number[], maxAttempts: number): void {
      db.prepare(`UPDATE alerts SET email_attempts = email_attempts + 1, email_due = CASE WHEN email_attempts + 1 >= ? THEN 0 ELSE email_due END
        WHERE id IN (SELECT value FROM json_each(?))`).run(maxAttempts, JSON.stringify(ids));
    },
    /** Alerts still due for e-mail, per user, oldest first; those made before `since` are let go (old news by mail). */
    dueEmail(since: string): Array<{ userId: string; ids: number[] }> {
      db.prepare('UPDATE alerts SET email_due = 0 WHERE email_due = 1 AND created_at < ?').run(since);
      const rows = db.prepare('SELECT user_id AS userId, id FROM alerts WHERE email_due = 1 AND emailed_at IS NULL ORDER BY user_id, id').all() as Array<{ userId: string; id: number }>;
      const byUser = new Map<string, number[]>();
      for (const r of rows) byUser.set(r.userId, [...(byUser.get(r.userId) ?? []), r.id]);
      return [...byUser].map(([userId, ids]) => ({ userId, ids }));
    },
    /** The viewer's alerts they may still read, newest first, with the document's title. */
    list(viewer: Viewer, now: Date, opts: { limit: number; unreadOnly?: boolean; savedSearchId?: string; ids?: number[]; notEmailed?: boolean }): Array<AlertRow & { title: string | null }> {
      const r = readable(viewer, now);
      const where = [
        opts.unreadOnly ? ' AND a.read_at IS NULL' : '',
        opts.savedSearchId ? ' AND a.saved_search_id = @search' : '',
        opts.ids ? ' AND a.id IN (SELECT value FROM json_each(@ids))' : '',
        opts.notEmailed ? ' AND a.emailed_at IS NULL' : '',
      ].join('');
      return db.prepare(`SELECT ${ALERT_COLUMNS}, (SELECT title FROM documents WHERE id = a.document_id) AS title FROM alerts a
        WHERE a.user_id = @user AND ${r.sql}${where}
        ORDER BY a.id DESC LIMIT @limit`).all({
        ...r.params, user: viewer.userId, limit: opts.limit,
        ...(opts.savedSearchId ? { search: opts.savedSearchId } : {}), ...(opts.ids ? { ids: JSON.stringify(opts.ids) } : {}),
      }) as Array<AlertRow & { title: string | null }>;
    },
    /** A user as alerts see them, or null when disabled or gone. */
    subscriber(userId: string): Subscriber | null {
      return (db.prepare('SELECT id AS userId, username, display_name AS name, role FROM users WHERE id = ? AND disabled = 0').get(userId) as Subscriber | undefined) ?? null;
    },
    unread(viewer: Viewer, now: Date): number {
      const r = readable(viewer, now);
      return db.prepare(`SELECT COUNT(*) FROM alerts a WHERE a.user_id = @user AND a.read_at IS NULL AND ${r.sql}`).pluck().get({ ...r.params, user: viewer.userId }) as number;
    },
    /** Unread matches per saved search of the user ("3 new since your last visit"). */
    unreadPerSearch(viewer: Viewer, now: Date): Map<string, number> {
      const r = readable(viewer, now);
      const rows = db.prepare(`SELECT a.saved_search_id AS id, COUNT(*) AS n FROM alerts a WHERE a.user_id = @user AND a.read_at IS NULL AND a.saved_search_id IS NOT NULL AND ${r.sql} GROUP BY a.saved_search_id`)
        .all({ ...r.params, user: viewer.userId }) as Array<{ id: string; n: number }>;
      return new Map(rows.map((x) => [x.id, x.n]));
    },
    markRead(userId: string, at: string): number {
      return db.prepare('UPDATE alerts SET read_at = ? WHERE user_id = ? AND read_at IS NULL').run(at, userId).changes;
    },
  };
}

export type AlertsRepository = ReturnType<typeof createAlertsRepository>;
