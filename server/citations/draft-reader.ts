import mammoth from 'mammoth';
import { AppError } from '../lib/errors';

/**
 * A draft as text: pasted, or an uploaded .txt / .md (UTF-8) or .docx (through mammoth). The type
 * is decided from the bytes: a zip is read as Word, anything else must be UTF-8 text.
 */
export const MAX_DRAFT_BYTES = 5 * 1024 * 1024;

export async function draftText(pasted: string | undefined, file: { buffer: Buffer } | undefined): Promise<string> {
  if (!file || file.buffer.length === 0) return pasted ?? '';
  const b = file.buffer;
  if (b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04) {
    try {
      return (await mammoth.extractRawText({ buffer: b })).value;
    } catch {
      throw new AppError('unsupported_type', 'This file could not be read as a Word (.docx) document.');
    }
  }
  const text = b.toString('utf8');
  if (text.includes('\u0000') || text.includes('\ufffd')) throw new AppError('unsupported_type', 'Upload the draft as .txt, .md (UTF-8) or .docx.');
  return text.replace(/^\ufeff/, '');
}
