/**
 * Operations: backup, restore and verify (the `kilde` commands), metrics and health for monitoring,
 * and the admin's integrity check of the originals. The composition root builds the area once.
 */
import path from 'node:path';
import type { AuditLog } from '../auth/audit';
import type { Config } from '../lib/config';
import type { Db } from '../db/connection';
import type { Clock } from '../lib/clock';
import type { Logger } from '../lib/logger';
import { createOpsHealth, type OpsHealth } from './health';
import { createIntegrityService, type IntegrityService } from './integrity.service';
import { createMetrics, type Metrics } from './metrics';
import { DATABASE_FILE } from './manifest';
import { createOpsRepository, type OpsRepository } from './ops.repository';

export { instrumentEngine, instrumentJob, instrumentOcr } from './instruments';
export type { Metrics } from './metrics';

export interface OpsArea {
  repository: OpsRepository;
  metrics: Metrics;
  health(): Promise<OpsHealth>;
  integrity: IntegrityService;
}

export function createOpsArea(deps: { db: Db; config: Config; audit: AuditLog; clock: Clock; logger: Logger }): OpsArea {
  const repository = createOpsRepository(deps.db);
  return {
    repository,
    metrics: createMetrics({ ops: repository, databaseFile: path.join(deps.config.dataDir, DATABASE_FILE), clock: deps.clock }),
    health: createOpsHealth({ ops: repository, clock: deps.clock, dataDir: deps.config.dataDir, uploadsDir: deps.config.uploadsDir }),
    integrity: createIntegrityService({ ops: repository, uploadsDir: deps.config.uploadsDir, audit: deps.audit, clock: deps.clock, logger: deps.logger }),
  };
}
