import { createSearchEngine } from '../../search/engines';
import type { SearchEngine } from '../../search/engine';
import { createOutboxProcessor, type OutboxProcessor } from '../../search/outbox';
import { createOutboxRepository } from '../../search/outbox.repository';
import { createReindexer, type Reindexer } from '../../search/reindex';
import { createReindexRepository } from '../../search/reindex.repository';
import type { Config } from '../config';
import { openDatabase, type Db } from '../db/connection';
import { createDocumentsRepository } from '../documents/documents.repository';
import type { Clock } from '../lib/clock';
import type { Logger } from '../lib/logger';
import { createIndexedDocuments } from '../search-pages/indexed-documents.repository';

/**
 * The archive as the command line opens it (restore, verify): the database and the configured
 * search engine with what keeps it in step, the outbox drain and the rebuild. No web server, no
 * jobs, no OCR.
 */
export interface Archive {
  db: Db;
  engine: SearchEngine;
  indexer: OutboxProcessor;
  reindexer: Reindexer;
  close(): void;
}

export function openArchive(config: Config, deps: { logger: Logger; clock: Clock }): Archive {
  const db = openDatabase(config.dataDir);
  const documents = createDocumentsRepository(db);
  const engine = createSearchEngine({ meili: config.meili, db, pageTexts: documents.pageTexts });
  const outbox = createOutboxRepository(db);
  const indexed = createIndexedDocuments(db, documents);
  const indexer = createOutboxProcessor({ outbox, engine, load: (id) => indexed.load(id), clock: deps.clock, logger: deps.logger });
  const reindexer = createReindexer({ engine, reindex: createReindexRepository(db), outbox, source: () => indexed.source(), clock: deps.clock, logger: deps.logger });
  return { db, engine, indexer, reindexer, close: () => db.close() };
}
