import fs from 'node:fs';
import path from 'node:path';
import { sniffType } from '../ingest/sniff';
import type { ImportFile } from './import.types';
import { isSidecarName, normalPath, parseSidecar, SidecarError, type SidecarEntry } from './sidecar';
import { isClutter, listZip, zipFiles, type ZipProblem } from './zip-source';

/**
 * The inputs of `kilde import` — folders (walked recursively), zips (read as folder trees) and
 * single files — planned before anything is imported: every file counted (for the progress bar)
 * and every sidecar parsed (a bad sidecar stops the import before it starts). Then `files()`
 * yields them in a stable order (sorted by path), so a run that is interrupted and started again
 * meets them in the same order.
 */
export interface PlannedInput {
  kind: 'folder' | 'zip' | 'file';
  /** Absolute. */
  path: string;
  /** Files of a folder or zip, relative to it, `/`-separated. */
  files: string[];
  /** Sidecar entries by the file path (relative to the input) they describe. */
  metadata: Map<string, SidecarEntry>;
}

export interface ImportPlan {
  inputs: PlannedInput[];
  total: number;
  /** Sidecar rows that describe no file of the import. */
  unused(): SidecarEntry[];
}

/** An input that cannot be used (missing, unreadable, a bad sidecar): stops the import before it starts. */
export class InputError extends Error {}

export async function planImport(inputs: string[], opts: { metadataFile?: string } = {}): Promise<ImportPlan> {
  const extra = opts.metadataFile ? await readSidecarFile(path.resolve(opts.metadataFile)) : [];
  const planned: PlannedInput[] = [];
  for (const input of inputs) planned.push(await planInput(path.resolve(input), extra));
  const used = new Set<SidecarEntry>();
  for (const p of planned) {
    const present = new Set(p.files);
    for (const [file, entry] of p.metadata) if (present.has(file)) used.add(entry);
  }
  return {
    inputs: planned,
    total: planned.reduce((n, p) => n + p.files.length, 0),
    unused: () => [...new Set(planned.flatMap((p) => [...p.metadata.values()]))].filter((e) => !used.has(e)),
  };
}

async function planInput(abs: string, extra: SidecarEntry[]): Promise<PlannedInput> {
  const stat = await fs.promises.stat(abs).catch(() => null);
  if (!stat) throw new InputError(`${abs}: no such file or folder`);
  if (stat.isDirectory()) {
    const { files, sidecars } = await walk(abs);
    const found: Array<{ dir: string; entries: SidecarEntry[] }> = [];
    for (const rel of sidecars) found.push({ dir: path.posix.dirname(rel), entries: await readSidecarFile(path.join(abs, rel), rel) });
    return { kind: 'folder', path: abs, files, metadata: metadataIndex(found, extra) };
  }
  if (!stat.isFile()) throw new InputError(`${abs}: not a file or folder`);
  if (await isZip(abs)) {
    let listing;
    try {
      listing = await listZip(abs);
    } catch (err) {
      throw new InputError(`${abs}: ${(err as Error).message}`);
    }
    const found = listing.sidecars.map((s) => ({ dir: path.posix.dirname(s.name), entries: sidecarEntries(s.text, `${path.basename(abs)}!/${s.name}`) }));
    return { kind: 'zip', path: abs, files: listing.files, metadata: metadataIndex(found, extra) };
  }
  const name = normalPath(path.basename(abs));
  return { kind: 'file', path: abs, files: [name], metadata: metadataIndex([], extra) };
}

/**
 * Sidecar entries by the path they describe, relative to the input. A sidecar deeper in the tree
 * wins over one above it; `--metadata` wins over both (it was asked for by name).
 */
function metadataIndex(found: Array<{ dir: string; entries: SidecarEntry[] }>, extra: SidecarEntry[]): Map<string, SidecarEntry> {
  const index = new Map<string, SidecarEntry>();
  const depth = (dir: string) => (dir === '.' ? 0 : dir.split('/').length);
  for (const { dir, entries } of [...found].sort((a, b) => depth(a.dir) - depth(b.dir))) {
    for (const e of entries) index.set(normalPath(dir === '.' ? e.path : `${dir}/${e.path}`), e);
  }
  for (const e of extra) index.set(e.path, e);
  return index;
}

/** Every file under a folder, sorted; hidden files and system clutter left out; sidecars apart. */
async function walk(root: string): Promise<{ files: string[]; sidecars: string[] }> {
  const files: string[] = [];
  const sidecars: string[] = [];
  async function visit(dir: string, rel: string): Promise<void> {
    let entries: fs.Dirent[];
    try {
      entries = await fs.promises.readdir(dir, { withFileTypes: true });
    } catch (err) {
      throw new InputError(`${dir}: cannot read the folder (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
    }
    for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const relPath = rel ? `${rel}/${e.name}` : e.name;
      if (isClutter(relPath)) continue;
      let isDir = e.isDirectory();
      let isFile = e.isFile();
      if (e.isSymbolicLink()) {
        // A linked file is imported; a linked folder is not followed (it could lead back up the tree).
        const target = await fs.promises.stat(path.join(dir, e.name)).catch(() => null);
        isDir = false;
        isFile = target?.isFile() ?? false;
      }
      if (isDir) await visit(path.join(dir, e.name), relPath);
      else if (isFile) (isSidecarName(e.name) ? sidecars : files).push(normalPath(relPath));
    }
  }
  await visit(root, '');
  return { files, sidecars };
}

async function isZip(file: string): Promise<boolean> {
  const handle = await fs.promises.open(file, 'r');
  try {
    const head = Buffer.alloc(4096);
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    // Decided by the bytes, as uploads are: a .docx is a zip inside, but a document.
    return sniffType(head.subarray(0, bytesRead), path.basename(file))?.mediaType === 'application/zip';
  } finally {
    await handle.close();
  }
}

async function readSidecarFile(file: string, label = path.basename(file)): Promise<SidecarEntry[]> {
  let text: string;
  try {
    text = await fs.promises.readFile(file, 'utf8');
  } catch (err) {
    throw new InputError(`${file}: cannot read the metadata file (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
  return sidecarEntries(text, label);
}

function sidecarEntries(text: string, label: string): SidecarEntry[] {
  try {
    return parseSidecar(text, label);
  } catch (err) {
    if (err instanceof SidecarError) throw new InputError(err.message);
    throw err;
  }
}

export type FoundFile = { input: PlannedInput; file: ImportFile } | { input: PlannedInput; problem: ZipProblem };

/** The planned files, one at a time (zip entries unpacked to `tempDir` as they come). */
export async function* plannedFiles(plan: ImportPlan, opts: { tempDir: string; maxBytes: number }): AsyncGenerator<FoundFile> {
  for (const input of plan.inputs) {
    if (input.kind === 'zip') {
      for await (const found of zipFiles(input.path, opts)) yield 'release' in found ? { input, file: found } : { input, problem: found };
      continue;
    }
    for (const rel of input.files) {
      const abs = input.kind === 'file' ? input.path : path.join(input.path, ...rel.split('/'));
      const stat = await fs.promises.stat(abs).catch(() => null);
      if (!stat?.isFile()) {
        yield { input, problem: { source: abs, outcome: 'failed', reason: 'The file disappeared before it was imported.' } };
        continue;
      }
      const parts = rel.split('/');
      yield {
        input,
        file: { source: abs, relPath: rel, folders: parts.slice(0, -1), filename: parts.at(-1)!, size: stat.size, mtimeMs: stat.mtimeMs, path: abs, release: async () => {} },
      };
    }
  }
}
