import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/** The first bytes of an upload kept in memory while it streams to disk: what the type sniffer reads. */
export const SNIFF_BYTES = 64 * 1024;

/**
 * Content-addressed store of originals: `<root>/<aa>/<bb>/<sha256>`. Bytes are hashed while they
 * stream to a temp file inside the store (same file system, so the final rename is atomic) and are
 * never modified afterwards. A file is never loaded whole into memory.
 */
export interface StagedBlob {
  sha256: string;
  size: number;
  /** The first bytes, kept for type sniffing. */
  head: Buffer;
  tempPath: string;
}

export class SizeLimitError extends Error {
  constructor(readonly limit: number) {
    super(`file is larger than ${limit} bytes`);
  }
}

export interface BlobStore {
  readonly root: string;
  /** Streams bytes into a temp file; rejects (and removes the temp file) above `maxBytes`. */
  stage(source: Readable, maxBytes?: number): Promise<StagedBlob>;
  /** Moves a staged file to its content address; a no-op when those bytes are already stored. */
  commit(staged: StagedBlob): Promise<string>;
  discard(staged: StagedBlob): Promise<void>;
  /**
   * A fresh folder inside the store's temp area (same file system), for work files such as the
   * children an extraction unpacks. The caller removes it.
   */
  scratchDir(): Promise<string>;
  pathOf(sha256: string): string;
  exists(sha256: string): boolean;
  remove(sha256: string): Promise<void>;
}

export function createBlobStore(root: string): BlobStore {
  const tmpDir = path.join(root, '.tmp');
  fs.mkdirSync(tmpDir, { recursive: true });
  const pathOf = (sha: string) => {
    if (!/^[0-9a-f]{64}$/.test(sha)) throw new Error(`not a sha256: ${sha}`);
    return path.join(root, sha.slice(0, 2), sha.slice(2, 4), sha);
  };

  async function stage(source: Readable, maxBytes = Number.POSITIVE_INFINITY): Promise<StagedBlob> {
    const tempPath = path.join(tmpDir, `${Date.now()}-${randomBytes(8).toString('hex')}`);
    const hash = createHash('sha256');
    const headParts: Buffer[] = [];
    let headLen = 0;
    let size = 0;
    const meter = new Transform({
      transform(chunk: Buffer, _enc, done) {
        size += chunk.length;
        if (size > maxBytes) return done(new SizeLimitError(maxBytes));
        hash.update(chunk);
        if (headLen < SNIFF_BYTES) {
          headParts.push(chunk.subarray(0, SNIFF_BYTES - headLen));
          headLen += Math.min(chunk.length, SNIFF_BYTES - headLen);
        }
        done(null, chunk);
      },
    });
    try {
      await pipeline(source, meter, fs.createWriteStream(tempPath, { flags: 'wx' }));
    } catch (err) {
      await fs.promises.rm(tempPath, { force: true });
      throw err;
    }
    return { sha256: hash.digest('hex'), size, head: Buffer.concat(headParts), tempPath };
  }

  async function commit(staged: StagedBlob): Promise<string> {
    const target = pathOf(staged.sha256);
    if (fs.existsSync(target)) {
      await discard(staged);
      return target;
    }
    await fs.promises.mkdir(path.dirname(target), { recursive: true });
    await fs.promises.rename(staged.tempPath, target);
    return target;
  }

  async function discard(staged: StagedBlob): Promise<void> {
    await fs.promises.rm(staged.tempPath, { force: true });
  }

  return {
    root,
    stage,
    commit,
    discard,
    scratchDir: () => fs.promises.mkdtemp(path.join(tmpDir, 'work-')),
    pathOf,
    exists: (sha) => fs.existsSync(pathOf(sha)),
    remove: async (sha) => fs.promises.rm(pathOf(sha), { force: true }),
  };
}
