import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

/**
 * `manifest.json` of a backup: what it holds, with counts to compare after a restore and a
 * SHA-256 for every file, so a restore (and anyone with `sha256sum`) can tell a damaged backup.
 *
 *   <backup>/manifest.json
 *   <backup>/kilde.sqlite              the database (metadata, page texts and OCR, embedded index)
 *   <backup>/uploads/<aa>/<bb>/<sha>   the originals, each named by its SHA-256
 */
export const MANIFEST_FILE = 'manifest.json';
export const DATABASE_FILE = 'kilde.sqlite';
export const ORIGINALS_DIR = 'uploads';

const count = z.number().int().nonnegative();
const sha = z.string().regex(/^[0-9a-f]{64}$/);

export const manifestSchema = z.object({
  format: z.literal('kilde-backup'),
  version: z.literal(1),
  createdAt: z.string(),
  kildeVersion: z.string(),
  database: z.object({ file: z.literal(DATABASE_FILE), sha256: sha, bytes: count, schemaVersion: count }),
  counts: z.object({
    documents: count, pages: count, originals: count, parties: count, events: count, stories: count,
    documentParties: count, documentEvents: count, documentLinks: count, storyItems: count,
    requests: count, requestDocuments: count, users: count, auditEntries: count,
  }),
  originals: z.array(z.object({ sha256: sha, bytes: count })),
  /** Originals the database names that could not be backed up (missing, or bytes changed), with why. */
  problems: z.array(z.string()),
  /** What was left out on purpose, and why (derived files Kilde makes again on demand). */
  notIncluded: z.array(z.string()),
});

export type Manifest = z.infer<typeof manifestSchema>;

export function writeManifest(dir: string, manifest: Manifest): void {
  const file = path.join(dir, MANIFEST_FILE);
  fs.writeFileSync(`${file}.tmp`, `${JSON.stringify(manifest, null, 2)}\n`);
  fs.renameSync(`${file}.tmp`, file);
}

/** The manifest of a backup directory, or an Error whose message says what is wrong with it. */
export function readManifest(dir: string): Manifest {
  const file = path.join(dir, MANIFEST_FILE);
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new Error(code === 'ENOENT' ? `${dir} is not a Kilde backup (no ${MANIFEST_FILE})` : `${file} cannot be read: ${(err as Error).message}`);
  }
  const parsed = manifestSchema.safeParse(raw);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new Error(`${file} is not a valid Kilde backup manifest (${first?.path.join('.') || 'root'}: ${first?.message})`);
  }
  return parsed.data;
}
