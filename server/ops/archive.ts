import { createSearchEngine } from '../../search/engines';
import type { SearchEngine } from '../../search/engine';
import { createOutboxProcessor, type OutboxProcessor } from '../../search/outbox';
import { createOutboxRepository } from '../../search/outbox.repository';
import { createReindexer, type Reindexer } from '../../search/reindex';
import { createReindexRepository } from '../../search/reindex.repository';
import { createAuditLog } from '../auth/audit';
import { createAuthService, type AuthService } from '../auth/auth.service';
import { createUsersRepository } from '../auth/users.repository';
import type { Config } from '../lib/config';
import { openDatabase, type Db } from '../db/connection';
import { createDocumentsRepository } from '../documents/documents.repository';
import type { Clock } from '../lib/clock';
import type { Logger } from '../lib/logger';
import { createIndexedDocuments } from '../search-pages/indexed-documents.repository';

/**
 * The archive as the command line opens it (restore, verify, reindex, user:add): the database, the
 * configured search engine with what keeps it in step, the outbox drain and the rebuild, and the
 * users. No web server, no jobs, no OCR, no threads: building it only prepares statements.
 */
export interface Archive {
  db: Db;
  engine: SearchEngine;
  indexer: OutboxProcessor;
  reindexer: Reindexer;
  auth: AuthService;
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
  const auth = createAuthService({ db, users: createUsersRepository(db), audit: createAuditLog(db, deps.clock), clock: deps.clock, bcryptCost: config.bcryptCost, sessionDays: config.sessionDays });
  return { db, engine, indexer, reindexer, auth, close: () => db.close() };
}
