import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { OriginalRef } from './ops.repository';

/**
 * Originals on disk: hashing them (streamed, never whole in memory), placing them into another
 * content-addressed tree (a backup, a restore) and checking them against the hashes they are stored
 * under. The layout is the blob store's: `<root>/<aa>/<bb>/<sha256>` (server/storage/blob-store.ts).
 */
export function originalPath(root: string, sha256: string): string {
  if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error(`not a sha256: ${sha256}`);
  return path.join(root, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
}

export async function hashFile(file: string): Promise<{ sha256: string; bytes: number }> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of fs.createReadStream(file)) {
    hash.update(chunk as Buffer);
    bytes += (chunk as Buffer).length;
  }
  return { sha256: hash.digest('hex'), bytes };
}

export type PlaceOutcome =
  | { kind: 'linked' | 'copied'; bytes: number }
  | { kind: 'missing' }
  | { kind: 'changed'; actual: string };

/**
 * Puts the original `sha256` from `fromRoot` into `toRoot`, checking its bytes against the hash on
 * the way. A hard link costs no space and no copy (originals are never modified, so sharing the
 * file is safe); across file systems, or when `copy` is asked, the bytes are copied through a temp
 * file and renamed. A file whose bytes no longer match its name is not placed.
 */
export async function placeOriginal(fromRoot: string, toRoot: string, sha256: string, opts: { link: boolean }): Promise<PlaceOutcome> {
  const source = originalPath(fromRoot, sha256);
  const target = originalPath(toRoot, sha256);
  if (!fs.existsSync(source)) return { kind: 'missing' };
  await fs.promises.mkdir(path.dirname(target), { recursive: true });
  if (opts.link) {
    try {
      await fs.promises.link(source, target);
      const { sha256: actual, bytes } = await hashFile(target);
      if (actual === sha256) return { kind: 'linked', bytes };
      await fs.promises.rm(target, { force: true });
      return { kind: 'changed', actual };
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') return { kind: 'missing' };
      // Another file system, or one without hard links: copy instead.
      if (!['EXDEV', 'EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'EMLINK', 'EACCES'].includes(code ?? '')) throw err;
    }
  }
  const temp = path.join(path.dirname(target), `.${sha256}.${randomBytes(4).toString('hex')}.tmp`);
  const hash = createHash('sha256');
  let bytes = 0;
  const meter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      hash.update(chunk);
      bytes += chunk.length;
      done(null, chunk);
    },
  });
  try {
    await pipeline(fs.createReadStream(source), meter, fs.createWriteStream(temp, { flags: 'wx' }));
  } catch (err) {
    await fs.promises.rm(temp, { force: true });
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'missing' };
    throw err;
  }
  const actual = hash.digest('hex');
  if (actual !== sha256) {
    await fs.promises.rm(temp, { force: true });
    return { kind: 'changed', actual };
  }
  await fs.promises.rename(temp, target);
  return { kind: 'copied', bytes };
}

export interface OriginalProblem {
  sha256: string;
  kind: 'missing' | 'changed';
  documentIds: string[];
}

/** Re-hashes every original; answers the ones that went missing or whose bytes changed. */
export async function checkOriginals(root: string, originals: OriginalRef[], onProgress?: (done: number, total: number) => void): Promise<OriginalProblem[]> {
  const problems: OriginalProblem[] = [];
  let done = 0;
  for (const o of originals) {
    const file = originalPath(root, o.sha256);
    try {
      const { sha256 } = await hashFile(file);
      if (sha256 !== o.sha256) problems.push({ sha256: o.sha256, kind: 'changed', documentIds: o.documentIds });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      problems.push({ sha256: o.sha256, kind: 'missing', documentIds: o.documentIds });
    }
    onProgress?.(++done, originals.length);
  }
  return problems;
}

/** One line for a person: which original, what happened, which documents it backs. */
export function describeOriginalProblem(p: OriginalProblem): string {
  const what = p.kind === 'missing' ? 'is missing' : 'has changed (its bytes no longer match its SHA-256)';
  return `original ${p.sha256} ${what}; documents: ${p.documentIds.join(', ')}`;
}
