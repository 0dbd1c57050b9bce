/**
 * Bulk import (`kilde import`): folders, zips and files into the archive through the same intake
 * as uploads, with sidecar metadata, a ledger that makes it resumable, and either a running
 * server (API) or the data directory itself as the target. The data-dir lock is also what keeps
 * `kilde serve` from starting on a directory an import holds.
 */
export { openApiTarget, ServerGone } from './api-target';
export { DataDirBusy, lockForImport, lockForServer, LOCK_FILE, type DataDirLock } from './data-dir-lock';
export { metaFor, type ImportDefaults } from './file-meta';
export type { AccessChoice, FileOutcome, ImportSummary, ImportTarget } from './import.types';
export { hashFile, runImport } from './import.service';
export { openLedger, type Ledger } from './ledger';
export { ImportUserError, openLocalTarget } from './local-target';
export { createProgress } from './progress';
export { parseSidecar, SidecarError, SIDECAR_NAMES } from './sidecar';
export { InputError, planImport, type ImportPlan } from './sources';
export { summaryText } from './summary';
