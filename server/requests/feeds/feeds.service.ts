import { createHash, randomBytes } from 'node:crypto';
import type { AuditLog } from '../../auth/audit';
import type { Viewer } from '../../auth/viewer';
import type { Db } from '../../db/connection';
import { AppError } from '../../lib/errors';
import type { Clock } from '../../lib/clock';
import { visibleRequests } from '../core/requests.access';
import { evaluateDeadlines, type RequestDeadline } from '../core/requests.deadlines';
import { todayOf } from '../core/requests.dates';
import type { RequestsRepository } from '../core/requests.repository';
import { APPEALABLE, AWAITING_ANSWER } from '../core/requests.status';
import type { RequestSummary } from '../core/requests.types';
import type { CalendarFeedsRepository } from './feeds.repository';
import { buildCalendar, type IcsEvent } from './ics';

/**
 * The deadlines of a user's open requests (the ones they filed) as an iCalendar feed, so they show
 * in the journalist's own calendar. Calendar apps cannot sign in, so each user may create one secret
 * feed URL; only its SHA-256 is stored, the URL is shown once, and creating a new one revokes the old.
 *
 * What goes in: for a request awaiting an answer, its legal deadlines and the answer date, unless
 * already met; for a decision we may appeal, our appeal deadlines. Guidance targets stay out: a
 * calendar full of soft dates gets ignored.
 */
export const FEED_TOKEN = /^[A-Za-z0-9_-]{43}$/;

const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

export function createCalendarService(deps: { db: Db; requests: RequestsRepository; feeds: CalendarFeedsRepository; audit: AuditLog; clock: Clock }) {
  const { db, requests: repo, feeds, audit, clock } = deps;

  function deadlinesFor(r: RequestSummary, today: string): RequestDeadline[] {
    const dl = evaluateDeadlines(r, repo.history(r.id), today);
    const awaiting = AWAITING_ANSWER.includes(r.status);
    const appealable = APPEALABLE.includes(r.status);
    return dl.deadlines.filter((d) => {
      if (d.state !== 'due' && d.state !== 'overdue') return false;
      // A lapsed appeal deadline is of no more use in a calendar.
      if (d.group === 'appeal') return appealable && d.state === 'due';
      return awaiting && (d.binding === 'statutory' || d === dl.answerDue);
    });
  }

  /** `publicUrl`: KILDE_PUBLIC_URL, for each entry's link back to the request; null leaves the link out. */
  function events(viewer: Viewer, lang: 'da' | 'en', publicUrl: string | null): IcsEvent[] {
    const today = todayOf(clock);
    const open = repo.list(visibleRequests(viewer, clock.now()), { createdBy: viewer.userId, status: [...AWAITING_ANSWER, ...APPEALABLE] });
    return open.flatMap((r) => deadlinesFor(r, today).map((d): IcsEvent => {
      const name = lang === 'da' ? d.nameDa ?? d.name : d.name;
      const rule = lang === 'da' ? d.ruleDa ?? d.rule : d.rule;
      const who = r.authority?.name ?? '';
      const link = publicUrl ? `${publicUrl}/requests/${r.id}` : undefined;
      return {
        uid: `${r.id}.${d.key}@kilde`,
        date: d.date,
        summary: `${name}: ${who ? `${who} — ` : ''}${r.subject}`,
        description: [r.subject, who, rule, d.source, link].filter(Boolean).join('\n'),
        ...(link ? { url: link } : {}),
        categories: ['FOI', d.group === 'appeal' ? 'appeal' : 'answer'],
      };
    }));
  }

  return {
    events,

    feed(viewer: Viewer, lang: 'da' | 'en', publicUrl: string | null): string {
      const name = lang === 'da' ? `Kilde — aktindsigtsfrister (${viewer.name})` : `Kilde — FOI deadlines (${viewer.name})`;
      return buildCalendar({ name, stamp: clock.now(), events: events(viewer, lang, publicUrl) });
    },

    /** The viewer behind a secret feed token, or a 404 (a wrong token must not be told from a revoked one). */
    viewerForToken(token: string): Viewer {
      const owner = FEED_TOKEN.test(token) ? feeds.ownerOf(hashToken(token)) : null;
      if (!owner || owner.disabled) throw AppError.notFound('This calendar feed');
      feeds.touch(owner.userId, clock.now().toISOString());
      return { userId: owner.userId, username: owner.username, name: owner.name, role: owner.role };
    },

    feedStatus(viewer: Viewer) {
      return feeds.of(viewer.userId);
    },

    /** Creates (or replaces) the viewer's secret feed; the token is returned once and never stored. */
    createFeed(viewer: Viewer): { token: string; createdAt: string } {
      if (!feeds.userExists(viewer.userId)) throw new AppError('conflict', 'This account has no user record, so it cannot own a calendar feed.');
      const token = randomBytes(32).toString('base64url');
      const now = clock.now().toISOString();
      db.transaction(() => {
        feeds.set(viewer.userId, hashToken(token), now);
        audit.record(viewer, { action: 'create', entityType: 'calendar_feed', entityId: viewer.userId, summary: 'secret calendar feed created' });
      })();
      return { token, createdAt: now };
    },

    revokeFeed(viewer: Viewer): boolean {
      let removed = false;
      db.transaction(() => {
        removed = feeds.remove(viewer.userId);
        if (removed) audit.record(viewer, { action: 'delete', entityType: 'calendar_feed', entityId: viewer.userId, summary: 'secret calendar feed revoked' });
      })();
      return removed;
    },
  };
}

export type CalendarService = ReturnType<typeof createCalendarService>;
