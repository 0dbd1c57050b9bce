/**
 * Decides a file's type from its first bytes, never from its name: a `.exe` renamed `.pdf` is still
 * an executable. The name only separates kinds the bytes cannot (Markdown from plain text, an Outlook
 * message from another OLE file). Returns null for anything Kilde does not read.
 */

export interface SniffResult {
  mediaType: string;
  /** Short label for people: "PDF", "E-mail", … */
  label: string;
}

const startsWith = (head: Buffer, sig: number[], at = 0) => sig.every((b, i) => head[at + i] === b);
const ascii = (head: Buffer, from: number, to: number) => head.subarray(from, to).toString('latin1');

const PDF: SniffResult = { mediaType: 'application/pdf', label: 'PDF' };
const EMAIL_HEADER = /^(received|return-path|from|to|subject|date|message-id|mime-version|delivered-to|x-[\w-]+|reply-to|cc|content-type):/i;

export function sniffType(head: Buffer, filename: string): SniffResult | null {
  const name = filename.toLowerCase();
  if (head.length === 0) return null;

  if (ascii(head, 0, 5) === '%PDF-') return PDF;
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return { mediaType: 'image/png', label: 'PNG image' };
  if (startsWith(head, [0xff, 0xd8, 0xff])) return { mediaType: 'image/jpeg', label: 'JPEG image' };
  if (startsWith(head, [0x49, 0x49, 0x2a, 0x00]) || startsWith(head, [0x4d, 0x4d, 0x00, 0x2a])) {
    return { mediaType: 'image/tiff', label: 'TIFF image' };
  }
  if (ascii(head, 0, 4) === 'RIFF' && ascii(head, 8, 12) === 'WEBP') return { mediaType: 'image/webp', label: 'WebP image' };
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04]) || startsWith(head, [0x50, 0x4b, 0x05, 0x06])) return sniffZip(head);
  if (startsWith(head, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) {
    const isMsg = name.endsWith('.msg') || head.includes(Buffer.from('__substg1.0_', 'utf16le'));
    return isMsg ? { mediaType: 'application/vnd.ms-outlook', label: 'Outlook message' } : null;
  }
  // PDF readers accept a header after some junk; a file that starts as another kind (a zip storing
  // a PDF as its first entry, uncompressed) is that kind, checked above.
  if (ascii(head, 0, 1024).includes('%PDF-')) return PDF;
  return sniffText(head, name);
}

function sniffZip(head: Buffer): SniffResult {
  const text = head.toString('latin1');
  if (text.startsWith('mimetypeapplication/vnd.oasis.opendocument.text', 30)) {
    return { mediaType: 'application/vnd.oasis.opendocument.text', label: 'OpenDocument text' };
  }
  if (text.includes('word/')) {
    return {
      mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      label: 'Word document',
    };
  }
  return { mediaType: 'application/zip', label: 'Zip archive' };
}

function sniffText(head: Buffer, name: string): SniffResult | null {
  if (!looksLikeText(head)) return null;
  const text = head.toString('utf8').replace(/^\uFEFF/, '');
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  if (/^From \S+/.test(firstLine) && (name.endsWith('.mbox') || /\n(From|Subject|Date):/i.test(text))) {
    return { mediaType: 'application/mbox', label: 'Mailbox' };
  }
  const headerLines = text.split(/\r?\n/, 8).filter((l) => EMAIL_HEADER.test(l)).length;
  if (headerLines >= 2 && EMAIL_HEADER.test(firstLine)) return { mediaType: 'message/rfc822', label: 'E-mail' };
  if (/^\s*(<!doctype html|<html[\s>])/i.test(text)) return { mediaType: 'text/html', label: 'HTML' };
  if (name.endsWith('.md') || name.endsWith('.markdown')) return { mediaType: 'text/markdown', label: 'Markdown' };
  return { mediaType: 'text/plain', label: 'Text' };
}

/** Text has no NUL bytes and few control characters; the head may end inside a UTF-8 sequence. */
function looksLikeText(head: Buffer): boolean {
  let control = 0;
  for (const b of head) {
    if (b === 0) return false;
    if (b < 0x09 || (b > 0x0d && b < 0x20 && b !== 0x1b)) control++;
  }
  return control / head.length < 0.01;
}
