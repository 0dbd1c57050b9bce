import { z } from 'zod';
import { firstValue } from '../http/validate';
import type { Viewer } from '../auth/viewer';
import { AppError } from '../lib/errors';
import { email, postalAddress, type PartiesService } from '../story';
import type { RequestsRoutesDeps } from './requests.api';
import type { LawService } from './requests.law.service';

/** The directory's groups in the order a Danish journalist looks for them. */
const DIRECTORY_GROUPS = ['ministry', 'agency', 'municipality', 'region', 'appeal_body', 'other'] as const;
/** A directory entry chosen on the form before it is a party: "dir:<key>". */
export const DIRECTORY_PREFIX = 'dir:';

/** The request form's fields for the authority's addresses: blank keeps what is recorded. */
export const contactFields = z.object({
  authorityEmail: z.preprocess(firstValue, email),
  authorityPostalAddress: z.preprocess(firstValue, postalAddress),
});

/** The authority on the request form: the picker's choices, its recorded addresses, and a directory entry made a party. */
export function authorityForm(deps: { requests: RequestsRoutesDeps['requests']; law: LawService; parties: PartiesService | null }) {
  const { requests, law, parties } = deps;

  /**
   * The authority picker: the archive's authorities, then the Danish directory's entries that are not
   * a party yet (choosing one makes it a party), then every other party. A plain <select>: the
   * browser's own type-to-jump works without JavaScript; requests.js adds a filter box.
   */
  function authorityChoices() {
    const all = requests.parties();
    const names = new Set(all.map((p) => p.name.toLocaleLowerCase('da')));
    const unlinked = law.directory({}).filter((d) => !d.partyId && !names.has(d.name.toLocaleLowerCase('da')));
    return {
      authorities: all.filter((p) => p.kind === 'authority'),
      others: all.filter((p) => p.kind !== 'authority'),
      directory: DIRECTORY_GROUPS.map((category) => ({
        category,
        entries: unlinked.filter((d) => d.category === category).sort((a, b) => a.name.localeCompare(b.name, 'da')),
      })).filter((g) => g.entries.length > 0),
    };
  }

  /** The authority's recorded addresses (null when unknown or the parties area is absent). */
  function contactOf(partyId: string): { email: string | null; postalAddress: string | null; name: string } | null {
    if (!parties) return null;
    try {
      const p = parties.get(partyId);
      return { name: p.name, email: p.email, postalAddress: p.postalAddress };
    } catch {
      return null;
    }
  }

  /** "dir:<key>" becomes the directory entry's party (created on first use); a party id stays as it is. */
  function resolveAuthority(viewer: Viewer, authorityId: string): string {
    if (!authorityId.startsWith(DIRECTORY_PREFIX)) return authorityId;
    const key = authorityId.slice(DIRECTORY_PREFIX.length);
    if (!/^[a-z0-9_]{1,100}$/.test(key)) throw AppError.notFound('This authority');
    return law.partyFor(viewer, key).partyId;
  }

  /** Records what the form gave of the authority's addresses; a blank field keeps what is there. */
  function saveContact(viewer: Viewer, partyId: string, contact: z.infer<typeof contactFields>): void {
    if (!parties) return;
    const patch: { email?: string; postalAddress?: string } = {};
    if (contact.authorityEmail) patch.email = contact.authorityEmail;
    if (contact.authorityPostalAddress) patch.postalAddress = contact.authorityPostalAddress;
    if (Object.keys(patch).length) parties.update(viewer, partyId, patch);
  }

  return { authorityChoices, contactOf, resolveAuthority, saveContact };
}
