import type { Statement } from 'better-sqlite3';
import type { Db } from '../db/connection';
import type { Role } from './viewer';

/** SQL of users, sessions, API tokens and named access. */
export interface UserRecord {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  passwordHash: string | null;
  disabled: boolean;
  createdAt: string;
}

interface UserRow {
  id: string; username: string; display_name: string; role: Role; password_hash: string | null;
  // failed_logins and locked_until (migration 003) are no longer used: sign-in is throttled per address, not per account.
  disabled: number; created_at: string;
}
const toUser = (r: UserRow): UserRecord => ({
  id: r.id, username: r.username, displayName: r.display_name, role: r.role, passwordHash: r.password_hash,
  disabled: r.disabled === 1, createdAt: r.created_at,
});

export interface TokenRecord { id: string; userId: string; name: string; createdAt: string; lastUsedAt: string | null; revokedAt: string | null }

export function createUsersRepository(db: Db) {
  // Every API request looks up its token and user: prepared once, not per request.
  let byId: Statement<[string], UserRow> | null = null;
  let liveToken: Statement<[string], { id: string; user_id: string; last_used_at: string | null }> | null = null;
  let touchToken: Statement<[string, string]> | null = null;
  return {
    count(): number {
      return db.prepare('SELECT COUNT(*) FROM users').pluck().get() as number;
    },
    get(id: string): UserRecord | null {
      byId ??= db.prepare<[string], UserRow>('SELECT * FROM users WHERE id = ?');
      const r = byId.get(id);
      return r ? toUser(r) : null;
    },
    byUsername(username: string): UserRecord | null {
      const r = db.prepare<[string], UserRow>('SELECT * FROM users WHERE username = ?').get(username);
      return r ? toUser(r) : null;
    },
    list(): UserRecord[] {
      return db.prepare<[], UserRow>('SELECT * FROM users ORDER BY username').all().map(toUser);
    },
    insert(u: { id: string; username: string; displayName: string; role: Role; passwordHash: string | null }, now: string): void {
      db.prepare(
        `INSERT INTO users (id, username, display_name, role, password_hash, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
      ).run(u.id, u.username, u.displayName, u.role, u.passwordHash, now, now);
    },
    update(id: string, patch: { role?: Role; disabled?: boolean; displayName?: string; passwordHash?: string }, now: string): void {
      const u = this.get(id);
      if (!u) return;
      db.prepare('UPDATE users SET role = ?, disabled = ?, display_name = ?, password_hash = ?, updated_at = ? WHERE id = ?').run(
        patch.role ?? u.role, (patch.disabled ?? u.disabled) ? 1 : 0, patch.displayName ?? u.displayName, patch.passwordHash ?? u.passwordHash, now, id,
      );
    },

    createSession(idHash: string, userId: string, csrf: string, now: string, expires: string): void {
      db.prepare('INSERT INTO sessions (id_hash, user_id, csrf_token, created_at, expires_at) VALUES (?, ?, ?, ?, ?)').run(idHash, userId, csrf, now, expires);
    },
    session(idHash: string, now: string): { userId: string; csrf: string } | null {
      return (db
        .prepare('SELECT user_id AS userId, csrf_token AS csrf FROM sessions WHERE id_hash = ? AND expires_at > ?')
        .get(idHash, now) as { userId: string; csrf: string } | undefined) ?? null;
    },
    deleteSession(idHash: string): void {
      db.prepare('DELETE FROM sessions WHERE id_hash = ?').run(idHash);
    },
    /** Ends every session of the user but one (if given); returns how many ended. */
    deleteSessionsOf(userId: string, exceptHash?: string): number {
      return db.prepare('DELETE FROM sessions WHERE user_id = ? AND id_hash <> ?').run(userId, exceptHash ?? '').changes;
    },

    createToken(t: { id: string; userId: string; name: string; hash: string }, now: string): void {
      db.prepare('INSERT INTO api_tokens (id, user_id, name, token_hash, created_at) VALUES (?, ?, ?, ?, ?)').run(t.id, t.userId, t.name, t.hash, now);
    },
    /** The token's user; its last use is recorded to the minute (a write per request cost more than the lookup). */
    tokenUser(hash: string, now: string): string | null {
      liveToken ??= db.prepare('SELECT id, user_id, last_used_at FROM api_tokens WHERE token_hash = ? AND revoked_at IS NULL');
      const row = liveToken.get(hash);
      if (!row) return null;
      if (row.last_used_at?.slice(0, 16) !== now.slice(0, 16)) {
        touchToken ??= db.prepare('UPDATE api_tokens SET last_used_at = ? WHERE id = ?');
        touchToken.run(now, row.id);
      }
      return row.user_id;
    },
    tokensOf(userId: string): TokenRecord[] {
      return db
        .prepare(`SELECT id, user_id AS userId, name, created_at AS createdAt, last_used_at AS lastUsedAt, revoked_at AS revokedAt
                  FROM api_tokens WHERE user_id = ? ORDER BY created_at DESC`)
        .all(userId) as TokenRecord[];
    },
    /** Revokes every live API token of the user; returns how many. */
    revokeTokensOf(userId: string, now: string): number {
      return db.prepare('UPDATE api_tokens SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL').run(now, userId).changes;
    },
    revokeToken(id: string, userId: string, now: string): boolean {
      return db.prepare('UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND user_id = ? AND revoked_at IS NULL').run(now, id, userId).changes > 0;
    },
  };
}

export type UsersRepository = ReturnType<typeof createUsersRepository>;
