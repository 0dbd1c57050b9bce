/**
 * Zip archives, read with yauzl (the only file that imports it). Every file inside becomes a child
 * document (`entry_of`; the pipeline recurses, so nested zips need nothing here) and the zip's own
 * page lists its entries. Entries are streamed one by one to files in the work folder, never held in
 * memory. A zip that looks like a bomb is refused whole: nothing is returned (and what was
 * written is removed), so a half-unpacked archive never reaches the archive. The limits are checked on the sizes the zip
 * declares and again on the bytes actually inflated, because declared sizes can lie.
 * `readZip` is also used by the office extractor to read (and bomb-check) .docx and .odt parts.
 */
import fs from 'node:fs';
import { pipeline } from 'node:stream/promises';
import yauzl from 'yauzl';
import type { Entry } from 'yauzl';
import { childFile, childFolder } from './child-files';
import type { ExtractionContext, ExtractionOutcome, Extractor } from './extractor';

export interface ZipLimits {
  /** Most entries (files and folders) a zip may hold. */
  maxZipEntries: number;
  /** Most bytes all entries together may inflate to. */
  maxZipTotalBytes: number;
  /** Largest inflated : compressed ratio of one entry … */
  maxZipRatio: number;
  /** … once that entry is bigger than this; small files compress absurdly well legitimately. */
  zipRatioFloorBytes: number;
}

export interface ZipEntryRead {
  /** Sanitised relative path. */
  name: string;
  size: number;
  /** Only for entries the caller asked to keep, when it gave no `toFile`. */
  bytes?: Buffer;
  /** Where a kept entry was written, when the caller gave `toFile`. */
  file?: string;
}

/** A zip Kilde will not unpack; the message is written for people. */
export class ZipRefused extends Error {}

const bomb = (why: string) => new ZipRefused(`Refused as a possible zip bomb: ${why}.`);

/**
 * Makes an entry path safe to use as a file name: forward slashes, no absolute paths or drive
 * letters, no `.`/`..` segments, no control characters. Returns '' when nothing is left.
 */
export function safeEntryPath(raw: string): string {
  return raw
    .replace(/\\/g, '/')
    .split('/')
    .map((s) => s.replace(/[\u0000-\u001f\u007f]/g, '').trim())
    .filter((s, i) => s !== '' && s !== '.' && s !== '..' && !(i === 0 && /^[a-z]:$/i.test(s)))
    .join('/');
}

/**
 * Reads a zip's entries, enforcing `limits`. The entries `keep` selects are kept: streamed to the
 * file `toFile` names (one entry at a time, so memory stays flat), or, without `toFile`, held in
 * memory (small parts of an office file). When the zip is refused, files already written are removed.
 */
export async function readZip(
  path: string,
  limits: ZipLimits,
  keep: (name: string) => boolean,
  signal?: AbortSignal,
  toFile?: () => Promise<string>,
): Promise<ZipEntryRead[]> {
  let zip: yauzl.ZipFile;
  try {
    // decodeStrings off: yauzl would reject the whole zip over one `../` name; we sanitise instead.
    zip = await yauzl.openPromise(path, { lazyEntries: true, autoClose: false, decodeStrings: false, validateEntrySizes: true });
  } catch (err) {
    throw new Error(`Not a readable zip archive (${(err as Error).message}).`);
  }
  const written: string[] = [];
  try {
    if (zip.entryCount > limits.maxZipEntries) throw bomb(`${zip.entryCount} entries, the limit is ${limits.maxZipEntries}`);
    const files: { entry: Entry; name: string }[] = [];
    for await (const entry of zip.eachEntry()) {
      const raw = yauzl.getFileNameLowLevel(entry.generalPurposeBitFlag, entry.fileNameRaw, entry.extraFields, false);
      if (raw.endsWith('/') || raw.endsWith('\\')) continue; // folder
      if (entry.isEncrypted()) throw new ZipRefused(`The zip is encrypted (${raw}); Kilde cannot open password-protected zips.`);
      if (!entry.canDecodeFileData()) throw new ZipRefused(`The zip uses a compression method Kilde cannot read (method ${entry.compressionMethod}).`);
      files.push({ entry, name: safeEntryPath(raw) || `entry-${files.length + 1}` });
    }
    checkDeclared(files.map((f) => f.entry), limits);

    let total = 0;
    const read: ZipEntryRead[] = [];
    for (const { entry, name } of files) {
      signal?.throwIfAborted();
      let size = 0;
      // Counts every inflated chunk against the limits before it goes anywhere.
      async function* metered(source: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
        for await (const chunk of source) {
          size += chunk.length;
          total += chunk.length;
          if (total > limits.maxZipTotalBytes) throw bomb(`the contents exceed ${limits.maxZipTotalBytes} bytes`);
          if (size > limits.zipRatioFloorBytes && size > entry.compressedSize * limits.maxZipRatio) {
            throw bomb(`${name} expands more than ${limits.maxZipRatio}:1`);
          }
          yield chunk;
        }
      }
      const kept = keep(name);
      try {
        // The target file is named before the entry is opened: yauzl starts inflating at once, and
        // its size check must find a reader listening, not a stream left waiting on another await.
        const file = kept && toFile ? await toFile() : null;
        const stream = await zip.openReadStreamPromise(entry);
        if (file) {
          written.push(file);
          await pipeline(stream, metered, fs.createWriteStream(file, { flags: 'wx' }));
          read.push({ name, size, file });
        } else {
          const chunks: Buffer[] = [];
          for await (const chunk of metered(stream)) if (kept) chunks.push(chunk);
          read.push({ name, size, ...(kept ? { bytes: Buffer.concat(chunks) } : {}) });
        }
      } catch (err) {
        // yauzl's size validation: the entry inflates to more (or less) than it declares.
        if (/too many bytes|too few bytes/.test((err as Error).message)) throw bomb(`${name} is not the size it declares`);
        throw err;
      }
    }
    return read;
  } catch (err) {
    await Promise.all(written.map((f) => fs.promises.rm(f, { force: true })));
    if (err instanceof ZipRefused || signal?.aborted) throw err;
    throw new Error(`The zip is damaged (${(err as Error).message}).`);
  } finally {
    zip.close();
  }
}

/** Refuses on declared sizes before inflating anything. */
function checkDeclared(entries: Entry[], limits: ZipLimits): void {
  let declared = 0;
  for (const e of entries) {
    declared += e.uncompressedSize;
    if (e.uncompressedSize > limits.zipRatioFloorBytes && e.uncompressedSize > e.compressedSize * limits.maxZipRatio) {
      throw bomb(`an entry declares a ${Math.round(e.uncompressedSize / Math.max(1, e.compressedSize))}:1 compression ratio`);
    }
  }
  if (declared > limits.maxZipTotalBytes) throw bomb(`the contents declare ${declared} bytes, the limit is ${limits.maxZipTotalBytes}`);
}

/** macOS adds resource forks and Finder files to zips it makes; they are noise, not documents. */
const isJunk = (name: string) => name.startsWith('__MACOSX/') || /(^|\/)\.DS_Store$/.test(name);

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ['KiB', 'MiB', 'GiB'];
  let v = n / 1024;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${v.toFixed(1)} ${units[u]}`;
}

export function createZipExtractor(limits: ZipLimits): Extractor {
  return {
    mediaTypes: ['application/zip'],
    async extract(ctx: ExtractionContext): Promise<ExtractionOutcome> {
      let entries: ZipEntryRead[];
      const folder = childFolder(ctx);
      try {
        entries = await readZip(ctx.path, limits, (name) => !isJunk(name), ctx.signal, folder.nextPath);
      } catch (err) {
        if (ctx.signal.aborted) throw err;
        return { kind: 'failed', reason: (err as Error).message };
      }
      const files = entries.filter((e) => !isJunk(e.name));
      const lines = files.map((e) => `${e.name} (${formatBytes(e.size)})`);
      const heading = files.length === 0 ? 'Empty zip archive.' : `Zip archive with ${files.length} file${files.length === 1 ? '' : 's'}:`;
      ctx.onProgress(1, 1, 'text');
      return {
        kind: 'ok',
        pages: [{ number: 1, text: [heading, ...lines].join('\n'), method: 'text', confidence: null }],
        children: files.map((e) => childFile({ filename: e.name, relation: 'entry_of', path: e.file!, size: e.size })),
      };
    },
  };
}
