import type { Role } from '../../auth/viewer';
import type { Db } from '../../db/connection';

/** SQL of the secret calendar feeds (one per user; only the token's hash is stored). */
export interface FeedOwner {
  userId: string;
  username: string;
  name: string;
  role: Role;
  disabled: boolean;
}

export function createCalendarFeedsRepository(db: Db) {
  return {
    ownerOf(tokenHash: string): FeedOwner | null {
      const row = db.prepare(
        `SELECT u.id AS userId, u.username, u.display_name AS name, u.role, u.disabled
         FROM calendar_feeds f JOIN users u ON u.id = f.user_id WHERE f.token_hash = ?`,
      ).get(tokenHash) as (Omit<FeedOwner, 'disabled'> & { disabled: number }) | undefined;
      return row ? { ...row, disabled: row.disabled === 1 } : null;
    },
    /** Replaces the user's feed: the old URL stops working at once. */
    set(userId: string, tokenHash: string, now: string): void {
      db.prepare(
        `INSERT INTO calendar_feeds (user_id, token_hash, created_at) VALUES (?, ?, ?)
         ON CONFLICT (user_id) DO UPDATE SET token_hash = excluded.token_hash, created_at = excluded.created_at, last_used_at = NULL`,
      ).run(userId, tokenHash, now);
    },
    remove(userId: string): boolean {
      return db.prepare('DELETE FROM calendar_feeds WHERE user_id = ?').run(userId).changes > 0;
    },
    of(userId: string): { createdAt: string; lastUsedAt: string | null } | null {
      return (db.prepare('SELECT created_at AS createdAt, last_used_at AS lastUsedAt FROM calendar_feeds WHERE user_id = ?')
        .get(userId) as { createdAt: string; lastUsedAt: string | null } | undefined) ?? null;
    },
    touch(userId: string, now: string): void {
      db.prepare('UPDATE calendar_feeds SET last_used_at = ? WHERE user_id = ?').run(now, userId);
    },
    userExists(userId: string): boolean {
      return db.prepare('SELECT 1 FROM users WHERE id = ?').get(userId) !== undefined;
    },
  };
}

export type CalendarFeedsRepository = ReturnType<typeof createCalendarFeedsRepository>;
