import type { AccessLevel } from '../../documents/documents.types';

/** A story: a named investigation grouping documents, events, parties and FOI requests. */
export const STORY_ITEM_TYPES = ['document', 'party', 'request'] as const;
export type StoryItemType = (typeof STORY_ITEM_TYPES)[number];
export const ACCESS_LEVELS = ['newsroom', 'restricted', 'embargoed'] as const;

export interface StoryRecord {
  id: string;
  title: string;
  description: string;
  accessLevel: AccessLevel;
  embargoUntil: string | null;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface StorySummary {
  id: string;
  title: string;
  accessLevel: AccessLevel;
}

export interface NamedUser {
  id: string;
  username: string;
  displayName: string;
}
