import type { Response } from 'express';
import { AppError } from '../lib/errors';

/**
 * Who is asking. Set on `res.locals.viewer` by the authentication middleware for every request
 * past the login page; services take it as a plain parameter and never look at `req`.
 */
export type Role = 'admin' | 'editor' | 'journalist' | 'researcher';
export const ROLES: readonly Role[] = ['admin', 'editor', 'journalist', 'researcher'];

export interface Viewer {
  userId: string;
  username: string;
  name: string;
  role: Role;
}

export function viewerOf(res: Response): Viewer {
  const v = res.locals.viewer as Viewer | undefined;
  if (!v) throw new AppError('unauthorized', 'Sign in to continue.');
  return v;
}

/** Researchers read and search; every other role may also change the archive. */
export function canWrite(viewer: Viewer): boolean {
  return viewer.role !== 'researcher';
}

export const researcherRefused = (): AppError => new AppError('forbidden', 'Researchers can read and search, but not change the archive.');

/**
 * A form that only changes the archive is refused to a researcher when it is asked for, in the
 * same words as the refusal of its post (auth.middleware.ts), not after it is filled in.
 */
export function requireWriter(viewer: Viewer): void {
  if (!canWrite(viewer)) throw researcherRefused();
}

export function requireRole(viewer: Viewer, ...roles: Role[]): void {
  if (!roles.includes(viewer.role)) throw new AppError('forbidden', 'Your role does not allow this.');
}
