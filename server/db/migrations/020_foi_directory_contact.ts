import type { Migration } from './index';

/**
 * Where to write to an authority of the FOI directory, as parties have it (migration 019): an
 * e-mail address and a postal address, copied to the party when the entry becomes one. Empty for
 * the seeded authorities: the data files carry no addresses we could vouch for, so a person fills
 * them in (PATCH /api/foi/authorities/:key, the directory page).
 */
export const m020_foi_directory_contact: Migration = {
  version: 20,
  name: 'foi_directory_contact',
  sql: `
ALTER TABLE foi_directory ADD COLUMN email TEXT CHECK (email IS NULL OR length(email) <= 254);
ALTER TABLE foi_directory ADD COLUMN postal_address TEXT CHECK (postal_address IS NULL OR length(postal_address) <= 1000);
`,
};
