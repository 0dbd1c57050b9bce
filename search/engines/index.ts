import type { Db } from '../../server/db/connection';
import type { SearchEngine } from '../engine';
import { createFts5Engine } from '../fts5/fts5.engine';
import { createMeiliClient } from '../meilisearch/client';
import { createMeiliEngine } from '../meilisearch/meili.engine';

/**
 * The engine is chosen once, from config (DESIGN principle 3): Meilisearch when MEILI_URL is set,
 * else the embedded SQLite FTS5 engine in Kilde's own database.
 */
export interface EngineChoice {
  meili: { url: string; apiKey?: string; indexPrefix: string } | null;
  db: Db;
  pageTexts(documentId: string, numbers: number[]): Map<number, string>;
}

export function createSearchEngine({ meili, db, pageTexts }: EngineChoice): SearchEngine {
  if (meili) {
    return createMeiliEngine({
      client: () => createMeiliClient({ host: meili.url, apiKey: meili.apiKey }),
      indexPrefix: meili.indexPrefix,
      pageTexts,
    });
  }
  return createFts5Engine({ db, pageTexts });
}
