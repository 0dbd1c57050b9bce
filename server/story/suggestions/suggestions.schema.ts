import { z } from 'zod';
import { partyRole } from '../links/links.schema';
import { idField, optionalText } from '../shared/input';
import { givenValue } from '../../http/validate';

/** Inputs of the suggestion routes. */
export const stateQuery = z.object({
  state: z.preprocess(givenValue, z.enum(['open', 'accepted', 'dismissed'], { error: () => 'state must be open, accepted or dismissed' }).optional()),
});

/** What to do on accepting: the role for a party (default "mentioned"), the event's title or an existing event. */
export const acceptBody = z.object({
  role: partyRole.optional(),
  title: optionalText(300, 'the title'),
  eventId: idField.optional(),
  storyId: idField.nullable().optional(),
});

/** Forms send "" for fields left empty. */
export function fromForm(body: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of ['role', 'title', 'eventId', 'storyId']) {
    const v = body[k];
    if (typeof v === 'string' && v.trim() !== '') out[k] = v;
  }
  return out;
}
