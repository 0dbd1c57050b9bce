import { z } from 'zod';
import { PARTY_KINDS } from '../parties/parties.types';
import { idField, optionalText } from '../shared/input';
import { DOCUMENT_PARTY_ROLES, DOCUMENT_RELATIONS } from './links.types';

/** Inputs of the link routes. An unknown role or relation is a 400; an unknown id a 404. */
export const partyRole = z.enum(DOCUMENT_PARTY_ROLES, { error: () => `role must be one of: ${DOCUMENT_PARTY_ROLES.join(', ')}` });
export const relation = z.enum(DOCUMENT_RELATIONS, { error: () => `relation must be one of: ${DOCUMENT_RELATIONS.join(', ')}` });

/**
 * Link a party by id, or by name: a name that matches one party (name, short name or alias)
 * links it; a name that matches none creates the party when `kind` is given (create-on-the-fly).
 */
export const linkPartyBody = z
  .object({
    partyId: idField.optional(),
    name: optionalText(300, 'the name'),
    kind: z.enum(PARTY_KINDS, { error: () => `kind must be one of: ${PARTY_KINDS.join(', ')}` }).optional(),
    role: partyRole,
  })
  .refine((b) => b.partyId || b.name, 'send partyId, or the name of the party');

export const changeRoleBody = z.object({ role: partyRole });

/** Link an event by id, or create one on the fly from a title and a date. */
export const linkEventBody = z
  .object({
    eventId: idField.optional(),
    title: optionalText(300, 'the title'),
    date: z.string().trim().max(40).optional(),
    storyId: idField.nullable().optional(),
  })
  .refine((b) => b.eventId || b.title, 'send eventId, or the title (and date) of the event');

export const linkDocumentBody = z.object({ documentId: z.string().trim().max(2000), relation });
export const changeRelationBody = z.object({ relation });
export const linkStoryBody = z.object({ storyId: idField });
