import { createHash, randomBytes } from 'node:crypto';
import bcrypt from 'bcryptjs';
import type { Db } from '../db/connection';
import { AppError } from '../lib/errors';
import type { Clock } from '../lib/clock';
import { newId } from '../lib/ids';
import type { AuditLog } from './audit';
import type { UserRecord, UsersRepository } from './users.repository';
import { ROLES, type Role, type Viewer } from './viewer';

/**
 * Accounts, password sign-in, server-side sessions and personal API tokens.
 * - Passwords: bcrypt (salted, slow). Sign-in answers the same message for an unknown user, a
 *   disabled one and a wrong password, and spends the same bcrypt time on each, so accounts cannot
 *   be enumerated. Guessing is slowed per address and per (address, username) by the login throttle
 *   (login-throttle.ts), not by locking the account: a lock anyone can trigger is a way to keep a
 *   colleague out, and its answer told which usernames exist.
 * - Session ids and tokens are random; only their SHA-256 is stored, so a database leak yields no
 *   usable credential. A revoked token stops working at once (checked on every request).
 * - A password change signs out every other session of the user and, unless they choose to keep
 *   them, revokes their API tokens: whoever knew the old password may have made one.
 */
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const USERNAME = /^[A-Za-z0-9._-]{1,64}$/;

export function createAuthService(deps: {
  db: Db; users: UsersRepository; audit: AuditLog; clock: Clock; bcryptCost: number; sessionDays: number;
  /** A user's API tokens were revoked: other secrets that stand for them (the alerts feed) go too. */
  onTokensRevoked?: (userId: string) => void;
}) {
  const { db, users, audit, clock } = deps;
  const now = () => clock.now().toISOString();
  // A real hash to compare against when the user does not exist (same time as a wrong password).
  const dummyHash = bcrypt.hashSync('kilde-no-such-user', deps.bcryptCost);

  const toViewer = (u: UserRecord): Viewer => ({ userId: u.id, username: u.username, name: u.displayName, role: u.role });

  function validatePassword(password: string): void {
    if (typeof password !== 'string' || password.length < 10) throw AppError.invalid('The password must be at least 10 characters long.');
    if (password.length > 200) throw AppError.invalid('The password must be at most 200 characters long.');
  }

  function createUser(actor: Viewer | null, input: { username: string; displayName?: string; role: Role; password?: string }): UserRecord {
    if (!USERNAME.test(input.username)) throw AppError.invalid('A username has 1–64 letters, digits, dots, dashes or underscores.');
    if (!ROLES.includes(input.role)) throw AppError.invalid(`The role must be one of ${ROLES.join(', ')}.`);
    if (input.password !== undefined) validatePassword(input.password);
    if (users.byUsername(input.username)) throw new AppError('conflict', 'That username is taken.');
    const id = newId('usr');
    db.transaction(() => {
      users.insert(
        { id, username: input.username, displayName: input.displayName?.trim() || input.username, role: input.role, passwordHash: input.password ? bcrypt.hashSync(input.password, deps.bcryptCost) : null },
        now(),
      );
      audit.record(actor, { action: 'create', entityType: 'user', entityId: id, summary: `user ${input.username} (${input.role})`, after: { username: input.username, role: input.role } });
    })();
    return users.get(id)!;
  }

  async function signIn(username: string, password: string): Promise<Viewer> {
    const refused = new AppError('unauthorized', 'The username or password is not correct.');
    const user = typeof username === 'string' ? users.byUsername(username) : null;
    const hash = user?.passwordHash ?? dummyHash;
    const ok = await bcrypt.compare(String(password ?? ''), hash);
    if (!user || !user.passwordHash || user.disabled || !ok) throw refused;
    audit.record(toViewer(user), { action: 'login', entityType: 'user', entityId: user.id });
    return toViewer(user);
  }

  return {
    createUser,
    signIn,
    hasUsers: () => users.count() > 0,
    byUsername: (username: string) => users.byUsername(username),
    list: () => users.list(),
    toViewer,

    startSession(viewer: Viewer): { sessionId: string; csrf: string; maxAgeMs: number } {
      const sessionId = randomBytes(32).toString('base64url');
      const csrf = randomBytes(24).toString('base64url');
      const maxAgeMs = deps.sessionDays * 24 * 3600 * 1000;
      users.createSession(sha256(sessionId), viewer.userId, csrf, now(), new Date(clock.now().getTime() + maxAgeMs).toISOString());
      return { sessionId, csrf, maxAgeMs };
    },
    resolveSession(sessionId: string): { viewer: Viewer; csrf: string } | null {
      const s = users.session(sha256(sessionId), now());
      const user = s ? users.get(s.userId) : null;
      if (!s || !user || user.disabled) return null;
      return { viewer: toViewer(user), csrf: s.csrf };
    },
    endSession(sessionId: string, viewer: Viewer | null): void {
      users.deleteSession(sha256(sessionId));
      if (viewer) audit.record(viewer, { action: 'logout', entityType: 'user', entityId: viewer.userId });
    },
    resolveToken(token: string): Viewer | null {
      const userId = users.tokenUser(sha256(token), now());
      const user = userId ? users.get(userId) : null;
      return user && !user.disabled ? toViewer(user) : null;
    },

    /**
     * Changes the password, signs out every other session of the user (the one making the change,
     * `keepSessionId`, stays) and revokes their API tokens unless `keepTokens`. Says what it did.
     */
    async changePassword(
      viewer: Viewer,
      current: string,
      next: string,
      opts: { keepSessionId?: string; keepTokens?: boolean } = {},
    ): Promise<{ sessionsEnded: number; tokensRevoked: number; tokensKept: number }> {
      const user = users.get(viewer.userId);
      if (!user?.passwordHash || !(await bcrypt.compare(String(current ?? ''), user.passwordHash))) {
        throw AppError.invalid('The current password is not correct.');
      }
      validatePassword(next);
      const hash = bcrypt.hashSync(next, deps.bcryptCost);
      return db.transaction(() => {
        users.update(user.id, { passwordHash: hash }, now());
        const sessionsEnded = users.deleteSessionsOf(user.id, opts.keepSessionId ? sha256(opts.keepSessionId) : undefined);
        const tokensRevoked = opts.keepTokens ? 0 : users.revokeTokensOf(user.id, now());
        if (!opts.keepTokens) deps.onTokensRevoked?.(user.id);
        const tokensKept = users.tokensOf(user.id).filter((t) => !t.revokedAt).length;
        audit.record(viewer, {
          action: 'update', entityType: 'user', entityId: user.id,
          summary: `password changed; ${sessionsEnded} other session(s) signed out, ${tokensRevoked} API token(s) revoked`,
        });
        return { sessionsEnded, tokensRevoked, tokensKept };
      })();
    },

    /** Returns the token once; only its hash is kept. */
    createToken(viewer: Viewer, name: string): { id: string; token: string } {
      const clean = String(name ?? '').trim().slice(0, 100);
      if (!clean) throw AppError.invalid('Give the token a name, e.g. "import script".');
      const token = `kilde_${randomBytes(32).toString('base64url')}`;
      const id = newId('tok');
      db.transaction(() => {
        users.createToken({ id, userId: viewer.userId, name: clean, hash: sha256(token) }, now());
        audit.record(viewer, { action: 'create', entityType: 'api_token', entityId: id, summary: clean });
      })();
      return { id, token };
    },
    tokens: (viewer: Viewer) => users.tokensOf(viewer.userId),
    revokeToken(viewer: Viewer, id: string): void {
      if (!users.revokeToken(id, viewer.userId, now())) throw AppError.notFound('This token');
      audit.record(viewer, { action: 'delete', entityType: 'api_token', entityId: id, summary: 'token revoked' });
    },

    updateUser(actor: Viewer, id: string, patch: { role?: Role; disabled?: boolean }): UserRecord {
      const before = users.get(id);
      if (!before) throw AppError.notFound('This user');
      if (patch.role && !ROLES.includes(patch.role)) throw AppError.invalid(`The role must be one of ${ROLES.join(', ')}.`);
      if (id === actor.userId && (patch.disabled || (patch.role && patch.role !== 'admin'))) {
        throw new AppError('conflict', 'You cannot demote or disable your own account.');
      }
      db.transaction(() => {
        users.update(id, patch, now());
        if (patch.disabled) users.deleteSessionsOf(id);
        audit.record(actor, { action: 'update', entityType: 'user', entityId: id, before: { role: before.role, disabled: before.disabled }, after: patch });
      })();
      return users.get(id)!;
    },
  };
}

export type AuthService = ReturnType<typeof createAuthService>;
