/**
 * Files made per test for the ingest tests: an image-only ("scanned") PDF of a Danish sentence, a
 * multi-page TIFF, an e-mail with attachments. Built here so the tests need nothing but npm
 * packages; real documents live in `test/fixtures/` (test/helpers/fixtures.ts).
 */
import { PDFDocument } from 'pdf-lib';

const DPI = 150;

/** Draws lines of text black on white, as a 150-dpi scan of a page `widthPx` wide would show them. */
export function textImage(lines: string[], opts: { widthPx?: number; fontPx?: number; heightPx?: number } = {}): { png: Buffer; rgba: Uint8ClampedArray; width: number; height: number; ink: number } {
  const width = opts.widthPx ?? 1240;
  const font = opts.fontPx ?? 40;
  const height = opts.heightPx ?? Math.max(200, 120 + lines.length * Math.round(font * 1.75));
  // Loaded on first use: the native module holds a handle that keeps Jest waiting at exit.
  const { createCanvas } = require('@napi-rs/canvas') as typeof import('@napi-rs/canvas');
  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, width, height);
  ctx.fillStyle = '#000000';
  ctx.font = `${font}px sans-serif`;
  lines.forEach((line, i) => ctx.fillText(line, 60, 100 + i * Math.round(font * 1.75)));
  const rgba = ctx.getImageData(0, 0, width, height).data;
  let ink = 0;
  for (let i = 0; i < rgba.length; i += 4) if (rgba[i]! < 128) ink++;
  return { png: canvas.toBuffer('image/png'), rgba, width, height, ink };
}

/**
 * A PDF whose pages are only pictures of text (no text layer), like a scanned letter. Throws a
 * clear error when the machine has no font to draw with (the picture would be blank).
 */
export async function scannedPdf(pages: string[][]): Promise<Buffer> {
  const pdf = await PDFDocument.create();
  for (const lines of pages) {
    const img = textImage(lines);
    if (img.ink < 500) throw new Error('No system font could draw the test text (install fonts-dejavu-core): the "scan" would be blank.');
    const png = await pdf.embedPng(img.png);
    const w = (img.width * 72) / DPI;
    const h = (img.height * 72) / DPI;
    pdf.addPage([w, h]).drawImage(png, { x: 0, y: 0, width: w, height: h });
  }
  return Buffer.from(await pdf.save());
}

/** A little-endian, uncompressed, 8-bit grey TIFF with one page (IFD) per frame. */
export function multiPageTiff(frames: string[][]): Buffer {
  const images = frames.map((lines) => {
    const { rgba, width, height } = textImage(lines, { widthPx: 900, fontPx: 36 });
    const grey = Buffer.alloc(width * height);
    for (let i = 0; i < grey.length; i++) grey[i] = rgba[i * 4]!;
    return { width, height, grey };
  });
  const TAGS = 8;
  const ifdSize = 2 + TAGS * 12 + 4;
  let offset = 8;
  const layout = images.map((img) => {
    const ifd = offset;
    const data = ifd + ifdSize;
    offset = data + img.grey.length + (img.grey.length % 2); // word-aligned next IFD
    return { ifd, data };
  });
  const out = Buffer.alloc(offset);
  out.write('II', 0, 'latin1');
  out.writeUInt16LE(42, 2);
  out.writeUInt32LE(8, 4);
  images.forEach((img, i) => {
    const { ifd, data } = layout[i]!;
    const tags: Array<[number, number, number]> = [
      [256, 4, img.width], // ImageWidth
      [257, 4, img.height], // ImageLength
      [258, 3, 8], // BitsPerSample
      [259, 3, 1], // Compression: none
      [262, 3, 1], // Photometric: black is zero
      [273, 4, data], // StripOffsets
      [278, 4, img.height], // RowsPerStrip
      [279, 4, img.grey.length], // StripByteCounts
    ];
    out.writeUInt16LE(TAGS, ifd);
    tags.forEach(([tag, type, value], k) => {
      const at = ifd + 2 + k * 12;
      out.writeUInt16LE(tag, at);
      out.writeUInt16LE(type, at + 2);
      out.writeUInt32LE(1, at + 4);
      if (type === 3) out.writeUInt16LE(value, at + 8);
      else out.writeUInt32LE(value, at + 8);
    });
    out.writeUInt32LE(i + 1 < images.length ? layout[i + 1]!.ifd : 0, ifd + 2 + TAGS * 12);
    img.grey.copy(out, data);
  });
  return out;
}

export interface MailAttachment {
  filename: string;
  contentType: string;
  bytes: Buffer;
}

/** A multipart/mixed e-mail (RFC 5322 + MIME) with a text body and base64 attachments. */
export function eml(opts: { from: string; to: string; subject: string; date: string; body: string; attachments: MailAttachment[] }): Buffer {
  const boundary = `kilde-test-${Math.random().toString(36).slice(2)}`;
  const encodedSubject = `=?UTF-8?B?${Buffer.from(opts.subject, 'utf8').toString('base64')}?=`;
  const parts = [
    `--${boundary}`,
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: base64',
    '',
    wrap76(Buffer.from(opts.body, 'utf8').toString('base64')),
    ...opts.attachments.flatMap((a) => [
      `--${boundary}`,
      `Content-Type: ${a.contentType}; name="${a.filename}"`,
      `Content-Disposition: attachment; filename="${a.filename}"`,
      'Content-Transfer-Encoding: base64',
      '',
      wrap76(a.bytes.toString('base64')),
    ]),
    `--${boundary}--`,
    '',
  ];
  const head = [
    `From: ${opts.from}`,
    `To: ${opts.to}`,
    `Subject: ${encodedSubject}`,
    `Date: ${opts.date}`,
    `Message-ID: <${boundary}@kilde.test>`,
    'MIME-Version: 1.0',
    `Content-Type: multipart/mixed; boundary="${boundary}"`,
    '',
  ];
  return Buffer.from([...head, ...parts].join('\r\n'), 'utf8');
}

function wrap76(s: string): string {
  return s.replace(/.{1,76}/g, '$&\r\n').trimEnd();
}
