import type { Migration } from './index';

/**
 * Where to write to a party: an e-mail address and a postal address. An FOI letter is addressed to
 * the authority's e-mail (the "open in my mail program" link carries it as recipient), and a letter
 * sent by post shows the postal address to print on the envelope. Both are optional: most parties
 * are senders and recipients of documents, not addressees of the newsroom's letters.
 */
export const m019_party_contact: Migration = {
  version: 19,
  name: 'party_contact',
  sql: `
ALTER TABLE parties ADD COLUMN email TEXT CHECK (email IS NULL OR length(email) <= 254);
ALTER TABLE parties ADD COLUMN postal_address TEXT CHECK (postal_address IS NULL OR length(postal_address) <= 1000);
`,
};
