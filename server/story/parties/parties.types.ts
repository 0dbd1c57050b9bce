/** Parties as the domain sees them: the senders, recipients and subjects of a story's documents. */
export const PARTY_KINDS = ['authority', 'organisation', 'company', 'person'] as const;
export type PartyKind = (typeof PARTY_KINDS)[number];

export interface PartyRecord {
  id: string;
  kind: PartyKind;
  name: string;
  shortName: string | null;
  parentId: string | null;
  notes: string;
  /** E.g. { cvr: "12345678" }; keys are lower-case names of registers. */
  identifiers: Record<string, string>;
  aliases: string[];
  /** where letters to the party go (an FOI request to an authority); null when unknown. */
  email: string | null;
  postalAddress: string | null;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
}

/** A party as shown in lists and type-ahead: enough to recognise it. */
export interface PartySummary {
  id: string;
  kind: PartyKind;
  name: string;
  shortName: string | null;
}

export interface PartyLinkCounts {
  documents: number;
  events: number;
  stories: number;
  children: number;
}
