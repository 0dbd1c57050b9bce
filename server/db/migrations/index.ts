import { m001_documents } from './001_documents';
import { m002_story_links } from './002_story_links';
import { m003_auth } from './003_auth';
import { m004_story_links_extra } from './004_story_links_extra';
import { m005_requests } from './005_requests';

/** Every migration in order. Migrations are TypeScript strings so the build carries them along. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: Migration[] = [m001_documents, m002_story_links, m003_auth, m004_story_links_extra, m005_requests];
