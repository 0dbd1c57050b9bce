import { z } from 'zod';
import { idField, optionalText, placementField, requiredText, searchText } from '../shared/input';
import { givenValue } from '../../http/validate';
import { EVENT_PARTY_ROLES } from './events.types';

/** Inputs of the event routes. Dates are checked by `parsePartialDate` in the service. */
const partialDate = (what: string) => z.string({ error: () => `${what} is required` }).trim().min(1, `${what} is required`).max(40);

export const eventPartyRole = z.enum(EVENT_PARTY_ROLES, { error: () => `role must be one of: ${EVENT_PARTY_ROLES.join(', ')}` });

export const eventCreate = z.object({
  title: requiredText(300, 'the title'),
  date: partialDate('date'),
  endDate: z.string().trim().max(40).nullable().optional(),
  description: optionalText(20_000, 'the description'),
  storyId: placementField,
  parties: z.array(z.object({ partyId: idField, role: eventPartyRole })).max(100).optional(),
});
export type EventCreate = z.infer<typeof eventCreate>;
export const eventUpdate = eventCreate.omit({ parties: true }).partial();
export type EventUpdate = z.infer<typeof eventUpdate>;

export const eventPartyBody = z.object({ partyId: idField, role: eventPartyRole });

export const listQuery = z.object({
  q: searchText,
  story: z.preprocess(givenValue, idField.optional()),
  limit: z.preprocess(givenValue, z.coerce.number().int().min(1).max(200).default(100)),
  page: z.preprocess(givenValue, z.coerce.number().int().min(1).max(100_000).default(1)),
});

/** The HTML form: empty optional fields mean "none". */
export function fromForm(body: Record<string, unknown>): Record<string, unknown> {
  const str = (k: string) => (typeof body[k] === 'string' ? (body[k] as string) : undefined);
  const out: Record<string, unknown> = {};
  for (const k of ['title', 'date', 'description']) if (str(k) !== undefined) out[k] = str(k);
  if (str('endDate') !== undefined) out.endDate = str('endDate')!.trim() || null;
  if (str('storyId') !== undefined) out.storyId = str('storyId')!.trim() || null;
  return out;
}
