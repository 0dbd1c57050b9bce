import { z } from 'zod';
import { clean, idField, optionalText, placementField, requiredText, searchText } from '../shared/input';
import { givenValue } from '../../http/validate';
import { isValidCvr, normaliseCvr } from './cvr';
import { PARTY_KINDS } from './parties.types';

/** Inputs of the party routes (JSON and forms share these after the form is reshaped). */
export const name = requiredText(300, 'the name');

export const kind = z.enum(PARTY_KINDS, { error: () => `kind must be one of: ${PARTY_KINDS.join(', ')}` });

const alias = z.string().transform(clean).pipe(z.string().min(1, 'an alias cannot be empty').max(200, 'an alias is longer than 200 characters'));
export const aliases = z.array(alias).max(50, 'at most 50 aliases');

/** Register identifiers; a CVR number must pass its modulus-11 check. */
export const identifiers = z
  .record(
    z.string().regex(/^[a-z][a-z0-9_-]{0,29}$/, 'identifier names are lower-case words such as "cvr"'),
    z.string().transform(clean).pipe(z.string().min(1).max(200)),
  )
  .refine((r) => Object.keys(r).length <= 10, 'at most 10 identifiers')
  .transform((r) => (r.cvr === undefined ? r : { ...r, cvr: normaliseCvr(r.cvr) }))
  .refine((r) => r.cvr === undefined || isValidCvr(r.cvr), { message: 'cvr must be 8 digits that pass the CVR modulus-11 check', path: ['cvr'] });

/**
 * Where letters to the party go. "" clears a field (forms send it for an empty box). The e-mail
 * check is deliberately loose (one @, a dot in the domain, no spaces): it catches a pasted name or
 * a typo, not every address a mail server would refuse.
 */
export const email = z
  .string({ error: () => 'the e-mail address must be text' })
  .transform(clean)
  .pipe(z.string().max(254, 'the e-mail address is longer than 254 characters')
    .refine((s) => s === '' || /^[^\s@<>(),;:"]+@[^\s@<>(),;:"]+\.[^\s@<>(),;:"]+$/.test(s), 'the e-mail address must look like name@authority.dk'))
  .transform((s) => s || null)
  .nullable()
  .optional();
export const postalAddress = z
  .string({ error: () => 'the postal address must be text' })
  .transform((s) => clean(s).replace(/\r\n?/g, '\n').replace(/\n{3,}/g, '\n\n'))
  .pipe(z.string().max(1000, 'the postal address is longer than 1000 characters'))
  .transform((s) => s || null)
  .nullable()
  .optional();

export const partyCreate = z.object({
  kind,
  name,
  shortName: optionalText(100, 'the short name'),
  parentId: placementField,
  notes: optionalText(20_000, 'the notes'),
  aliases: aliases.optional(),
  identifiers: identifiers.optional(),
  email,
  postalAddress,
});
export type PartyCreate = z.infer<typeof partyCreate>;

export const partyUpdate = partyCreate.partial();
export type PartyUpdate = z.infer<typeof partyUpdate>;

export const mergeBody = z.object({ into: idField });

export const listQuery = z.object({
  q: searchText,
  kind: z.preprocess(givenValue, kind.optional()),
  limit: z.preprocess(givenValue, z.coerce.number().int().min(1).max(200).default(50)),
  page: z.preprocess(givenValue, z.coerce.number().int().min(1).max(100_000).default(1)),
});

/**
 * The HTML form sends aliases as one per line (or comma-separated) and the CVR number in its own
 * field; this reshapes it into the JSON body's form.
 */
export function fromForm(body: Record<string, unknown>): Record<string, unknown> {
  const str = (k: string) => (typeof body[k] === 'string' ? (body[k] as string) : undefined);
  const out: Record<string, unknown> = {};
  for (const k of ['kind', 'name', 'shortName', 'notes', 'email', 'postalAddress']) if (str(k) !== undefined) out[k] = str(k);
  if (str('parentId') !== undefined) out.parentId = str('parentId')!.trim() === '' ? null : str('parentId');
  if (str('aliases') !== undefined) out.aliases = str('aliases')!.split(/[\n,;]/).map((a) => a.trim()).filter(Boolean);
  if (str('cvr') !== undefined) out.identifiers = str('cvr')!.trim() ? { cvr: str('cvr') } : {};
  if (str('shortName')?.trim() === '') out.shortName = null;
  return out;
}
