import type { Viewer } from '../auth/viewer';
import { AppError } from '../lib/errors';
import type { DocumentsRepository, InitialAccess } from './documents.repository';
import type { AccessLevel } from './documents.types';

/**
 * Turns access as a person asks for it (a level, user names or ids, an embargo end) into what is
 * stored, for an upload and for a change alike:
 * - every named user must exist; unknown ones are a 400 that names them (never a foreign-key 500);
 * - whoever restricts or embargoes keeps reading (the uploader is always named);
 * - an embargo needs its end; a newsroom document names nobody.
 * Embargo ends arrive validated and in stored form (documents.schema.ts `embargoInstant`).
 */
export interface AccessRequest {
  level: AccessLevel;
  embargoUntil: string | null;
  users: readonly string[];
}

export function resolveAccess(documents: Pick<DocumentsRepository, 'resolveUsers'>, viewer: Viewer, input: AccessRequest): InitialAccess {
  if (input.level === 'newsroom') return { level: 'newsroom', embargoUntil: null, userIds: [] };
  if (input.level === 'embargoed' && !input.embargoUntil) throw AppError.invalid('An embargo needs the date and time it ends.', { field: 'embargoUntil' });
  const { ids, unknown } = documents.resolveUsers(input.users);
  if (unknown.length > 0) {
    const list = unknown.slice(0, 20).map((u) => `"${u}"`).join(', ');
    throw AppError.invalid(`No such user: ${list}${unknown.length > 20 ? ` and ${unknown.length - 20} more` : ''}. Name users by their user name or id.`, { unknownUsers: unknown, field: 'users' });
  }
  return {
    level: input.level,
    embargoUntil: input.level === 'embargoed' ? input.embargoUntil : null,
    userIds: [...new Set([...ids, viewer.userId])],
  };
}
