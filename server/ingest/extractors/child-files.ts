/**
 * Where containers (e-mails, mailboxes, zips) put the files they find: numbered files in the
 * context's work folder, so a child is on disk, not in memory, and its name inside the container
 * (which may be `../../etc/passwd`) is only ever data. The caller of the extractor removes the folder.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ChildFile, ExtractionContext } from './extractor';

/** A child file on disk; `bytes` reads it on demand and is left out when the object is posted between threads. */
export function childFile(fields: Omit<ChildFile, 'bytes'>): ChildFile {
  const child = { filename: fields.filename, relation: fields.relation, path: fields.path, size: fields.size } as ChildFile;
  Object.defineProperty(child, 'bytes', { enumerable: false, get: () => fs.readFileSync(fields.path) });
  return child;
}

export interface ChildFolder {
  /** A fresh path in the work folder for the next child's bytes. */
  nextPath(): Promise<string>;
  /** Writes bytes already in memory (an e-mail attachment) as a child. */
  write(filename: string, bytes: Buffer, relation: ChildFile['relation']): Promise<ChildFile>;
}

export function childFolder(ctx: Pick<ExtractionContext, 'workDir'>): ChildFolder {
  let dir: Promise<string> | null = null;
  let n = 0;
  const nextPath = async () => {
    dir ??= ctx.workDir
      ? fs.promises.mkdir(ctx.workDir, { recursive: true }).then(() => ctx.workDir!)
      : fs.promises.mkdtemp(path.join(os.tmpdir(), 'kilde-children-'));
    return path.join(await dir, `child-${String(++n).padStart(6, '0')}`);
  };
  return {
    nextPath,
    async write(filename, bytes, relation) {
      const file = await nextPath();
      await fs.promises.writeFile(file, bytes, { flag: 'wx' });
      return childFile({ filename, relation, path: file, size: bytes.length });
    },
  };
}
