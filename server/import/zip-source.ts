import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import yauzl from 'yauzl';
import type { Entry } from 'yauzl';
import { DEFAULT_EXTRACTOR_LIMITS } from '../ingest/extractors/registry';
import { safeEntryPath } from '../ingest/extractors/zip.extractor';
import type { ImportFile } from './import.types';
import { isSidecarName } from './sidecar';

/**
 * A zip named on the command line, read as a folder tree: its entries are imported one by one,
 * each streamed to a temp file (hashed on the way) and removed once imported, so neither memory
 * nor disk ever holds more than one entry. The zip extractor unpacks a zip that is *uploaded* (it
 * becomes one document with its entries inside); this one never makes the zip a document.
 * An entry is refused like an upload would be: too large, encrypted, or inflating suspiciously
 * far (the extractor's ratio limit).
 */
export interface ZipListing {
  /** Entries to import, in the zip's order (folders, sidecars and system clutter left out). */
  files: string[];
  /** Sidecar files inside the zip, with their text. */
  sidecars: Array<{ name: string; text: string }>;
}

/** A zip entry that cannot be imported, with the reason. */
export interface ZipProblem {
  source: string;
  outcome: 'refused' | 'failed';
  reason: string;
}

const MAX_SIDECAR_BYTES = 16 * 1024 * 1024;

/** macOS resource forks and Finder files, Windows thumbnails, Office lock files: never documents. */
export function isClutter(name: string): boolean {
  const base = name.split('/').pop() ?? name;
  return name.startsWith('__MACOSX/') || base.startsWith('.') || base.startsWith('~$') || /^(thumbs\.db|desktop\.ini)$/i.test(base);
}

async function openZip(zipPath: string): Promise<yauzl.ZipFile> {
  try {
    // decodeStrings off: yauzl would refuse the whole zip over one `../` name; names are sanitised instead.
    return await yauzl.openPromise(zipPath, { lazyEntries: true, autoClose: false, decodeStrings: false, validateEntrySizes: true });
  } catch (err) {
    throw new Error(`not a readable zip archive (${(err as Error).message})`);
  }
}

const entryName = (entry: Entry) => yauzl.getFileNameLowLevel(entry.generalPurposeBitFlag, entry.fileNameRaw, entry.extraFields, false);
const isFolder = (raw: string) => raw.endsWith('/') || raw.endsWith('\\');

/** Lists a zip's files and reads its sidecars, before anything is imported. */
export async function listZip(zipPath: string): Promise<ZipListing> {
  const zip = await openZip(zipPath);
  const listing: ZipListing = { files: [], sidecars: [] };
  try {
    for await (const entry of zip.eachEntry()) {
      const raw = entryName(entry);
      if (isFolder(raw)) continue;
      const name = safeEntryPath(raw) || 'entry';
      if (isClutter(name)) continue;
      if (!isSidecarName(name.split('/').pop()!)) {
        listing.files.push(name);
        continue;
      }
      if (entry.uncompressedSize > MAX_SIDECAR_BYTES) throw new Error(`${name} is larger than ${MAX_SIDECAR_BYTES} bytes`);
      const chunks: Buffer[] = [];
      for await (const chunk of await zip.openReadStreamPromise(entry)) chunks.push(chunk as Buffer);
      listing.sidecars.push({ name, text: Buffer.concat(chunks).toString('utf8') });
    }
  } finally {
    zip.close();
  }
  return listing;
}

/** The zip's entries as files in `tempDir`, one at a time: each is removed by its `release()`. */
export async function* zipFiles(zipPath: string, opts: { tempDir: string; maxBytes: number }): AsyncGenerator<ImportFile | ZipProblem> {
  const zip = await openZip(zipPath);
  const { maxZipRatio, zipRatioFloorBytes } = DEFAULT_EXTRACTOR_LIMITS;
  let n = 0;
  try {
    for await (const entry of zip.eachEntry()) {
      const raw = entryName(entry);
      if (isFolder(raw)) continue;
      const name = safeEntryPath(raw) || `entry-${n + 1}`;
      if (isClutter(name) || isSidecarName(name.split('/').pop()!)) continue;
      const source = `${zipPath}!/${name}`;
      if (entry.isEncrypted()) {
        yield { source, outcome: 'refused', reason: 'The entry is encrypted; Kilde cannot open password-protected zips.' };
        continue;
      }
      if (!entry.canDecodeFileData()) {
        yield { source, outcome: 'refused', reason: `The zip uses a compression method Kilde cannot read (method ${entry.compressionMethod}).` };
        continue;
      }
      if (entry.uncompressedSize > opts.maxBytes) {
        yield { source, outcome: 'refused', reason: tooLarge(opts.maxBytes) };
        continue;
      }
      const temp = path.join(opts.tempDir, `entry-${++n}`);
      const hash = createHash('sha256');
      let size = 0;
      const meter = new Transform({
        transform(chunk: Buffer, _enc, done) {
          size += chunk.length;
          if (size > opts.maxBytes) return done(new RefusedEntry(tooLarge(opts.maxBytes)));
          if (size > zipRatioFloorBytes && size > entry.compressedSize * maxZipRatio) {
            return done(new RefusedEntry(`Refused as a possible zip bomb: it expands more than ${maxZipRatio}:1.`));
          }
          hash.update(chunk);
          done(null, chunk);
        },
      });
      try {
        await pipeline(await zip.openReadStreamPromise(entry), meter, fs.createWriteStream(temp, { flags: 'wx' }));
      } catch (err) {
        await fs.promises.rm(temp, { force: true });
        const refused = err instanceof RefusedEntry;
        yield { source, outcome: refused ? 'refused' : 'failed', reason: refused ? err.message : `The entry is damaged (${(err as Error).message}).` };
        continue;
      }
      const parts = name.split('/');
      yield {
        source,
        relPath: name,
        folders: parts.slice(0, -1),
        filename: parts.at(-1)!,
        size,
        mtimeMs: entry.getLastModDate().getTime(),
        path: temp,
        sha256: hash.digest('hex'),
        release: () => fs.promises.rm(temp, { force: true }),
      };
    }
  } finally {
    zip.close();
  }
}

class RefusedEntry extends Error {}

export const tooLarge = (maxBytes: number) => `The file is larger than the upload limit of ${Math.round(maxBytes / (1024 * 1024))} MB (KILDE_MAX_UPLOAD_MB).`;
