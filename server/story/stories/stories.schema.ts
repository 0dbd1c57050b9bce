import { z } from 'zod';
import { idField, optionalText, requiredText } from '../shared/input';
import { givenValue } from '../../http/validate';
import { ACCESS_LEVELS, STORY_ITEM_TYPES } from './stories.types';

/** Inputs of the story routes. */
export const accessLevel = z.enum(ACCESS_LEVELS, { error: () => `accessLevel must be one of: ${ACCESS_LEVELS.join(', ')}` });

/** "2018-10-15" or a full ISO time; stored as a full ISO time so it compares with "now". */
export const embargoUntil = z
  .string()
  .trim()
  .max(40)
  .refine((s) => /^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(s) && !Number.isNaN(Date.parse(s)), 'embargoUntil must be a date such as 2018-10-15 or 2018-10-15T09:00:00Z')
  .transform((s) => new Date(s.length === 10 ? `${s}T00:00:00Z` : s).toISOString())
  .nullable()
  .optional();

export const users = z.array(z.string().trim().min(1).max(200)).max(100, 'at most 100 named users');

const storyFields = z.object({
  title: requiredText(300, 'the title'),
  description: optionalText(20_000, 'the description'),
  accessLevel: accessLevel.optional(),
  embargoUntil,
  users: users.optional(),
});
/**
 * `access`, as documents name it, is read as `accessLevel` (which wins when both are given): a
 * story sent as `{"access": "restricted"}` was made open to the newsroom, the field unread.
 */
const accessAlias = (v: unknown): unknown => {
  if (typeof v !== 'object' || v === null || Array.isArray(v) || !('access' in v)) return v;
  const { access, ...rest } = v as Record<string, unknown>;
  return { ...rest, accessLevel: rest.accessLevel ?? access };
};
export const storyCreate = z.preprocess(accessAlias, storyFields);
export type StoryCreate = z.infer<typeof storyCreate>;
export const storyUpdate = z.preprocess(accessAlias, storyFields.partial());
export type StoryUpdate = z.infer<typeof storyUpdate>;

export const itemType = z.enum(STORY_ITEM_TYPES, { error: () => `type must be one of: ${STORY_ITEM_TYPES.join(', ')}` });
export const itemBody = z.object({ type: itemType, id: idField });

export const listQuery = z.object({
  limit: z.preprocess(givenValue, z.coerce.number().int().min(1).max(200).default(50)),
  page: z.preprocess(givenValue, z.coerce.number().int().min(1).max(100_000).default(1)),
});

/** The HTML form: named users one per line or comma-separated; an empty embargo means none. */
export function fromForm(body: Record<string, unknown>): Record<string, unknown> {
  const str = (k: string) => (typeof body[k] === 'string' ? (body[k] as string) : undefined);
  const out: Record<string, unknown> = {};
  for (const k of ['title', 'description', 'accessLevel']) if (str(k) !== undefined) out[k] = str(k);
  if (str('embargoUntil') !== undefined) out.embargoUntil = str('embargoUntil')!.trim() || null;
  if (str('users') !== undefined) out.users = str('users')!.split(/[\n,;]/).map((u) => u.trim()).filter(Boolean);
  return out;
}
