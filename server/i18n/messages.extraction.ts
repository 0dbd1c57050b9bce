/**
 * Why an extraction failed, in Danish and English. The pipeline stores the English text on the
 * document (documents.error; the API keeps giving it so scripts can match on it); pages show it
 * through `localiseFailure`, which finds the key whose English text matches — old rows included.
 * `{name}` holds a value put in at run time; a value that is itself a reason of this table (the
 * cause after "Extraction failed after 3 attempts: ") is translated too, anything else (numbers,
 * file names, a library's own words) stays as it is. A reason not in the table shows as stored.
 */
import type { Lang } from './messages';

type Message = { en: string; da: string };

export const extractionMessages: Record<string, Message> = {
  // The pipeline (server/ingest/pipeline.ts).
  'extract.fail.noExtractor': { en: 'No extractor is available for {type} files.', da: 'Kilde har ingen udtrækker til filer af typen {type}.' },
  'extract.fail.attempts': { en: 'Extraction failed after {n} attempts: {error}', da: 'Udtrækningen mislykkedes efter {n} forsøg: {error}' },
  // Encrypted PDFs (status needs_password).
  'extract.fail.pdfPassword': { en: 'This PDF is encrypted: it needs a password to be read.', da: 'PDF’en er krypteret: den kan kun læses med en adgangskode.' },
  'extract.fail.pdfWrongPassword': { en: 'The password is not correct for this PDF.', da: 'Adgangskoden passer ikke til denne PDF.' },
  // The PDF reader (server/ingest/extractors/pdfjs.reader.ts).
  'extract.fail.pdfDamaged': { en: 'This PDF could not be read (it may be damaged or incomplete): {detail}', da: 'PDF’en kunne ikke læses (den er måske beskadiget eller ufuldstændig): {detail}' },
  'extract.fail.pdfMemory': { en: 'The PDF needs more memory than Kilde gives one file.', da: 'PDF’en kræver mere hukommelse, end Kilde giver én fil.' },
  'extract.fail.pdfReaderCrashed': { en: 'The PDF reader stopped unexpectedly.', da: 'PDF-læseren stoppede uventet.' },
  'extract.fail.pdfReaderStopped': { en: 'The PDF reader stopped: {detail}', da: 'PDF-læseren stoppede: {detail}' },
  'extract.fail.pdfReaderClosed': { en: 'The PDF reader was closed.', da: 'PDF-læseren blev lukket.' },
  'extract.fail.pdfTimeout': {
    en: 'Reading stopped: {step} took longer than {s} s (the PDF may be damaged or built to exhaust readers).',
    da: 'Læsningen stoppede: {step} tog længere end {s} s (PDF’en er måske beskadiget eller bygget til at udmatte læsere).',
  },
  'extract.step.open': { en: 'opening the file', da: 'at åbne filen' },
  'extract.step.read': { en: 'reading page {n}', da: 'at læse side {n}' },
  'extract.step.render': { en: 'rendering page {n}', da: 'at tegne side {n}' },
  // The MuPDF engine (server/ingest/extractors/mupdf.engine.ts): pdf.js usually takes over, but a retried job may store one.
  'extract.fail.engineClosed': { en: 'The PDF engine was closed.', da: 'PDF-motoren blev lukket.' },
  'extract.fail.engineStopped': { en: 'The PDF engine stopped: {detail}', da: 'PDF-motoren stoppede: {detail}' },
  'extract.fail.engineStart': { en: 'The PDF engine did not start in time.', da: 'PDF-motoren startede ikke i tide.' },
  // Drawing a page as an image (page images, OCR).
  'extract.fail.pageNotDrawn': { en: 'Page {n} could not be drawn.', da: 'Side {n} kunne ikke tegnes.' },
  'extract.fail.pdfNotDrawn': { en: 'The PDF could not be drawn.', da: 'PDF’en kunne ikke tegnes.' },
  'extract.fail.pdfMissing': { en: 'The stored original of this PDF is missing.', da: 'Den gemte original af denne PDF mangler.' },
  'extract.fail.readingStopped': { en: 'Reading was stopped.', da: 'Læsningen blev stoppet.' },
  // The extractor threads (server/ingest/extractors/extractor-threads.ts).
  'extract.fail.memory': {
    en: 'Extraction stopped: the file needs more than the {mb} MB of memory Kilde gives one extraction.',
    da: 'Udtrækningen stoppede: filen kræver mere end de {mb} MB hukommelse, Kilde giver én udtrækning.',
  },
  'extract.fail.crashed': { en: 'Extraction stopped: the extractor crashed ({detail}).', da: 'Udtrækningen stoppede: udtrækkeren gik ned ({detail}).' },
  'extract.fail.timeout': {
    en: 'Extraction stopped: reading the file took longer than {s} (it may be damaged or built to exhaust readers).',
    da: 'Udtrækningen stoppede: det tog længere end {s} at læse filen (den er måske beskadiget eller bygget til at udmatte læsere).',
  },
  'extract.fail.extractorClosed': { en: 'The extractor was closed.', da: 'Udtrækkeren blev lukket.' },
  'extract.fail.threadStart': { en: 'The extractor thread did not start in time.', da: 'Udtrækkerens tråd startede ikke i tide.' },
  'extract.fail.threadSlow': { en: 'The thread took too long.', da: 'Tråden var for længe om det.' },
  // OCR, as the cause after "Extraction failed after n attempts: " (server/ingest/ocr).
  'extract.fail.ocrTimeout': { en: 'OCR took longer than {s} s', da: 'OCR tog længere end {s} s' },
  'extract.fail.ocrFailed': { en: 'OCR failed: {detail}', da: 'OCR mislykkedes: {detail}' },
  'extract.fail.ocrClosed': { en: 'OCR pool is closed', da: 'OCR-puljen er lukket' },
  'extract.fail.ocrWorkerStopped': { en: 'OCR worker stopped unexpectedly', da: 'OCR-processen stoppede uventet' },
  'extract.fail.ocrWorkerStart': { en: 'OCR worker did not start in time', da: 'OCR-processen startede ikke i tide' },
  // Office files and text (server/ingest/extractors/office.extractor.ts).
  'extract.fail.odtNoContent': { en: 'The OpenDocument file has no content.xml: it is damaged.', da: 'OpenDocument-filen har ingen content.xml: den er beskadiget.' },
  'extract.fail.textTooLarge': { en: 'The file is {size} bytes of text; Kilde reads at most {max}.', da: 'Filen er {size} bytes tekst; Kilde læser højst {max}.' },
  'extract.fail.docxUnreadable': { en: 'The Word document cannot be read: {why}', da: 'Word-dokumentet kan ikke læses: {why}' },
  'extract.fail.odtUnreadable': { en: 'The OpenDocument file cannot be read: {why}', da: 'OpenDocument-filen kan ikke læses: {why}' },
  'extract.fail.fileUnreadable': { en: 'The file cannot be read: {why}', da: 'Filen kan ikke læses: {why}' },
  // E-mail (server/ingest/extractors/email.extractor.ts).
  'extract.fail.mboxTooLarge': { en: 'The mailbox holds {n} messages; Kilde reads at most {max}.', da: 'Postkassen indeholder {n} beskeder; Kilde læser højst {max}.' },
  'extract.fail.msgUnreadable': { en: 'The Outlook message cannot be read: {why}', da: 'Outlook-beskeden kan ikke læses: {why}' },
  'extract.fail.mboxUnreadable': { en: 'The mailbox cannot be read: {why}', da: 'Postkassen kan ikke læses: {why}' },
  'extract.fail.emailUnreadable': { en: 'The e-mail cannot be read: {why}', da: 'E-mailen kan ikke læses: {why}' },
  // Zip archives (server/ingest/extractors/zip.extractor.ts).
  'extract.fail.zipUnreadable': { en: 'Not a readable zip archive ({detail}).', da: 'Ikke et zip-arkiv, der kan læses ({detail}).' },
  'extract.fail.zipEncrypted': { en: 'The zip is encrypted ({detail}); Kilde cannot open password-protected zips.', da: 'Zip-filen er krypteret ({detail}); Kilde kan ikke åbne zip-filer med adgangskode.' },
  'extract.fail.zipMethod': { en: 'The zip uses a compression method Kilde cannot read (method {n}).', da: 'Zip-filen bruger en komprimeringsmetode, Kilde ikke kan læse (metode {n}).' },
  'extract.fail.zipDamaged': { en: 'The zip is damaged ({detail}).', da: 'Zip-filen er beskadiget ({detail}).' },
  'extract.fail.zipBomb': { en: 'Refused as a possible zip bomb: {why}.', da: 'Afvist som en mulig zip-bombe: {why}.' },
  'extract.bomb.entries': { en: '{n} entries, the limit is {max}', da: '{n} filer, grænsen er {max}' },
  'extract.bomb.exceeds': { en: 'the contents exceed {max} bytes', da: 'indholdet overstiger {max} bytes' },
  'extract.bomb.expands': { en: '{name} expands more than {ratio}:1', da: '{name} udvider sig mere end {ratio}:1' },
  'extract.bomb.size': { en: '{name} is not the size it declares', da: '{name} har ikke den størrelse, den angiver' },
  'extract.bomb.ratio': { en: 'an entry declares a {ratio}:1 compression ratio', da: 'en fil angiver et komprimeringsforhold på {ratio}:1' },
  'extract.bomb.declared': { en: 'the contents declare {n} bytes, the limit is {max}', da: 'indholdet angiver {n} bytes, grænsen er {max}' },
  // Images and TIFFs (server/ingest/extractors/image.extractor.ts).
  'extract.fail.tiffPageList': { en: 'The TIFF is damaged: its page list is broken.', da: 'TIFF-filen er beskadiget: dens sideliste er ødelagt.' },
  'extract.fail.tiffPages': { en: 'The TIFF has more than {max} pages; Kilde reads at most {most}.', da: 'TIFF-filen har mere end {max} sider; Kilde læser højst {most}.' },
  'extract.fail.tiffTruncated': { en: 'The TIFF is truncated.', da: 'TIFF-filen er afkortet.' },
  'extract.fail.tiffDamaged': { en: 'The TIFF is damaged ({detail}).', da: 'TIFF-filen er beskadiget ({detail}).' },
  'extract.fail.tiffEmpty': { en: 'The TIFF contains no image.', da: 'TIFF-filen indeholder intet billede.' },
  'extract.fail.tiffPage': { en: 'A page of the TIFF could not be decoded ({detail}).', da: 'En side i TIFF-filen kunne ikke afkodes ({detail}).' },
  'extract.fail.imageNoPixels': { en: 'The image has no pixels.', da: 'Billedet har ingen pixels.' },
  'extract.fail.imageTooLarge': { en: 'The image is {w}×{h} pixels; Kilde reads images of at most {max} pixels.', da: 'Billedet er {w}×{h} pixels; Kilde læser billeder på højst {max} pixels.' },
  'extract.fail.imageHeader': { en: 'The image is damaged: its header cannot be read.', da: 'Billedet er beskadiget: dets header kan ikke læses.' },
  'extract.fail.imageDamaged': { en: 'The image is damaged or truncated: it cannot be decoded.', da: 'Billedet er beskadiget eller afkortet: det kan ikke afkodes.' },
};

interface Compiled { key: string; re: RegExp; names: string[]; literal: number }

// The most specific (longest fixed text) first, so "The PDF reader stopped unexpectedly." wins over "The PDF reader stopped: {detail}".
const COMPILED: Compiled[] = Object.entries(extractionMessages)
  .map(([key, { en }]) => {
    const parts = en.split(/\{(\w+)\}/);
    const names = parts.filter((_, i) => i % 2 === 1);
    const source = parts.map((p, i) => (i % 2 === 0 ? p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') : '([\\s\\S]*?)')).join('');
    return { key, re: new RegExp(`^${source}$`), names, literal: parts.filter((_, i) => i % 2 === 0).join('').length };
  })
  .sort((a, b) => b.literal - a.literal);

/** The key and values of a stored reason, or null when the table does not know it. */
export function failureKey(stored: string): { key: string; values: Record<string, string> } | null {
  for (const c of COMPILED) {
    const m = c.re.exec(stored);
    if (m) return { key: c.key, values: Object.fromEntries(c.names.map((name, i) => [name, m[i + 1] ?? ''])) };
  }
  return null;
}

/** A stretch of a reason as shown: `lang` 'en' where it is a library's own words inside a Danish reason. */
export interface ReasonPart {
  text: string;
  lang?: 'en';
}

/** Slots that hold what a library said (English), not a number or a file name. */
const LIBRARY_SLOTS = new Set(['detail', 'why']);

function inDanish(stored: string, depth: number): ReasonPart[] | null {
  const found = failureKey(stored);
  if (!found) return null;
  const template = extractionMessages[found.key]!.da;
  const parts: ReasonPart[] = [];
  let at = 0;
  for (const m of template.matchAll(/\{(\w+)\}/g)) {
    const name = m[1] as string;
    const value = found.values[name] ?? '';
    parts.push({ text: template.slice(at, m.index) });
    const inner = depth < 3 ? inDanish(value, depth + 1) : null;
    if (inner) parts.push(...inner);
    else parts.push(LIBRARY_SLOTS.has(name) && /\p{L}/u.test(value) ? { text: value, lang: 'en' } : { text: value });
    at = m.index + m[0].length;
  }
  parts.push({ text: template.slice(at) });
  return parts.filter((p) => p.text !== '');
}

/**
 * A stored failure reason in the reader's language: `lang` says which language the text is in
 * (English where the table has no Danish for it, so the page can mark it `lang="en"`).
 */
export function localiseFailure(lang: Lang, stored: string): { text: string; lang: Lang; parts: ReasonPart[] } {
  if (lang === 'da') {
    const parts = inDanish(stored, 0);
    if (parts !== null) return { text: parts.map((p) => p.text).join(''), lang: 'da', parts };
  }
  return { text: stored, lang: 'en', parts: [{ text: stored }] };
}
