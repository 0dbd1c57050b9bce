import { m001_documents } from './001_documents';

/** Every migration in order. Migrations are TypeScript strings so the build carries them along. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: Migration[] = [m001_documents];
