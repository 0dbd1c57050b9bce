/**
 * A tiny zip writer for tests: enough of the format (local headers, central directory, end record,
 * store and deflate) to build normal, hostile and lying archives that yauzl will open. Sizes and
 * flags can be overridden to make the zip claim things that are not true.
 */
import { once } from 'node:events';
import zlib from 'node:zlib';

export interface ZipEntrySpec {
  name: string;
  /** Uncompressed content; omit when giving `deflated` directly (e.g. a bomb built in chunks). */
  data?: Buffer;
  method?: 'store' | 'deflate';
  /** Raw deflate stream to store as the entry's data, with `size` its inflated size. */
  deflated?: { bytes: Buffer; size: number };
  /** Uncompressed size written into the headers, instead of the true one. */
  declaredSize?: number;
  /** Sets the "encrypted" flag and adds a ZipCrypto-sized header (the data is not really encrypted). */
  encrypted?: boolean;
  crc?: number;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

export function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** `size` zero bytes as a raw deflate stream, fed in 1 MiB chunks so the test never holds them all. */
export async function deflatedZeros(size: number): Promise<{ bytes: Buffer; size: number }> {
  const chunk = Buffer.alloc(1024 * 1024);
  const deflate = zlib.createDeflateRaw({ level: 9 });
  const out: Buffer[] = [];
  deflate.on('data', (c: Buffer) => out.push(c));
  const ended = once(deflate, 'end');
  for (let left = size; left > 0; left -= chunk.length) {
    if (!deflate.write(chunk.subarray(0, Math.min(left, chunk.length)))) await once(deflate, 'drain');
  }
  deflate.end();
  await ended;
  return { bytes: Buffer.concat(out), size };
}

export function buildZip(entries: ZipEntrySpec[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const data = e.data ?? Buffer.alloc(0);
    const deflate = e.deflated !== undefined || e.method === 'deflate';
    const plain = e.deflated?.bytes ?? (deflate ? zlib.deflateRawSync(data) : data);
    // ZipCrypto puts a 12-byte header before the data; yauzl checks the sizes add up.
    const body = e.encrypted ? Buffer.concat([Buffer.alloc(12, 0x5a), plain]) : plain;
    const size = e.declaredSize ?? e.deflated?.size ?? data.length;
    const crc = e.crc ?? (e.deflated ? 0 : crc32(data));
    const flags = 0x0800 | (e.encrypted ? 1 : 0);
    const method = deflate ? 8 : 0;

    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt16LE(0, 10); // time
    local.writeUInt16LE(0x21, 12); // date 1980-01-01
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);

    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(flags, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt16LE(0, 12);
    central.writeUInt16LE(0x21, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);

    locals.push(local, name, body);
    centrals.push(central, name);
    offset += local.length + name.length + body.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}
