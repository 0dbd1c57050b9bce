/**
 * Word (.docx via mammoth), OpenDocument text (content.xml read with yauzl — no maintained Node
 * library reads .odt), HTML, plain text and Markdown. Each becomes one page: Word and ODT files
 * have no reliable page breaks. HTML is read with htmlparser2. Zipped formats pass through `readZip` first, so a document that is
 * really a zip bomb is refused before mammoth inflates it into memory.
 */
import fs from 'node:fs/promises';
import { Tokenizer, type TokenizerCallbacks } from 'htmlparser2';
import mammoth from 'mammoth';
import type { ExtractionContext, ExtractionOutcome, ExtractionSuccess, Extractor } from './extractor';
import { readZip, ZipRefused, type ZipLimits } from './zip.extractor';

export interface OfficeLimits extends ZipLimits {
  /** Largest text or HTML file, or XML part of a document, that is read. */
  maxTextBytes: number;
}

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const ODT = 'application/vnd.oasis.opendocument.text';

const NAMED: Record<string, string> = Object.fromEntries(
  ('amp:&,lt:<,gt:>,quot:",apos:\',nbsp:\u00a0,shy:,aelig:æ,oslash:ø,aring:å,AElig:Æ,Oslash:Ø,Aring:Å,auml:ä,ouml:ö,uuml:ü,' +
    'Auml:Ä,Ouml:Ö,Uuml:Ü,szlig:ß,eacute:é,egrave:è,aacute:á,agrave:à,oacute:ó,iacute:í,uacute:ú,ntilde:ñ,ccedil:ç,' +
    'ndash:–,mdash:—,hellip:…,laquo:«,raquo:»,lsquo:‘,rsquo:’,ldquo:“,rdquo:”,bdquo:„,euro:€,pound:£,copy:©,reg:®,' +
    'trade:™,sect:§,para:¶,deg:°,middot:·,bull:•,times:×,divide:÷,half:½,frac12:½,ensp: ,emsp: ,thinsp: ,zwnj:,zwj:')
    .split(',')
    .map((pair) => [pair.slice(0, pair.indexOf(':')), pair.slice(pair.indexOf(':') + 1)]),
);

/** Decodes HTML/XML character references; unknown names are left as written. */
export function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z][a-z0-9]{1,31});/gi, (whole, ref: string) => {
    if (ref[0] !== '#') return NAMED[ref] ?? whole;
    const cp = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
    return cp > 0 && cp <= 0x10ffff && (cp < 0xd800 || cp > 0xdfff) ? String.fromCodePoint(cp) : '\ufffd';
  });
}

/** Trims line ends (per line: a `\s+$` regex is quadratic on long runs), collapses blank lines. */
export function tidyText(s: string): string {
  const lines = s.replace(/\r\n?/g, '\n').split('\n').map((l) => l.trimEnd());
  return lines.join('\n').replace(/\n{3,}/g, '\n\n').trim();
}

const PARAGRAPH = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'table', 'ul', 'ol', 'dl', 'blockquote', 'pre', 'hr', 'address', 'figure']);
const LINE = new Set(['br', 'div', 'li', 'tr', 'dt', 'dd', 'section', 'article', 'header', 'footer', 'nav', 'aside', 'main', 'caption', 'option']);
const SKIPPED = new Set(['script', 'style', 'title', 'template', 'noscript', 'svg']);
/** Elements whose content the tokenizer reads raw, up to their end tag ("special" tags in htmlparser2). */
const RAW = new Set(['script', 'style', 'title', 'textarea', 'xmp']);
const RAW_OPEN = /<(script|style|title|textarea|xmp)(?=[\s/>])/gi;
const noop = () => {};

/**
 * HTML to text with htmlparser2's tokenizer, in one linear pass: drops script/style, turns blocks
 * into line breaks and cells into tabs, decodes entities, collapses whitespace outside <pre>, and
 * returns the <title>. Only the tokenizer is used: htmlparser2's Parser keeps an element stack
 * (unshift, indexOf) that goes quadratic on thousands of unclosed tags, as hand-written scanning
 * did on unclosed <script>s; counters for the few elements that matter are enough for text.
 */
export function htmlToText(html: string): { title?: string; text: string } {
  const parts: string[] = [];
  let title: string | undefined;
  let titleText: string[] | null = null;
  let skip = 0;
  let inPre = 0;
  let inCell = 0;
  /** The raw element being read (script, style…), where its content starts, and the parts before it. */
  let raw: { name: string; from: number; partsAt: number } | null = null;

  const lastIsSpace = () => /\s$/.test(parts.at(-1) ?? '\n');
  function text(t: string) {
    if (titleText) titleText.push(t);
    if (skip > 0) return;
    if (inPre > 0) return void parts.push(t);
    t = t.replace(/\s+/g, ' ');
    if (t.startsWith(' ') && lastIsSpace()) t = t.slice(1);
    if (t) parts.push(t);
  }
  function block(name: string, closing: boolean) {
    if (name === 'pre') inPre = Math.max(0, inPre + (closing ? -1 : 1));
    if (name === 'td' || name === 'th') inCell = Math.max(0, inCell + (closing ? -1 : 1));
    if ((name === 'td' || name === 'th') && closing) parts.push('\t');
    else if (inCell > 0 && (PARAGRAPH.has(name) || LINE.has(name))) {
      if (!lastIsSpace()) parts.push(' '); // keep a table row on one line
    } else if (PARAGRAPH.has(name)) parts.push('\n\n');
    else if (LINE.has(name)) parts.push('\n');
  }
  function open(name: string, end: number, selfClosing: boolean) {
    if (!selfClosing) {
      if (name === 'title' && title === undefined) titleText = [];
      if (SKIPPED.has(name)) skip++;
      if (RAW.has(name)) raw = { name, from: end + 1, partsAt: parts.length };
    }
    block(name, false);
  }
  function close(name: string) {
    if (raw?.name === name) raw = null;
    if (name === 'title' && titleText) {
      title = titleText.join('').replace(/\s+/g, ' ').trim() || undefined;
      titleText = null;
    }
    if (SKIPPED.has(name)) skip = Math.max(0, skip - 1);
    block(name, true);
  }
  function tokenize(src: string) {
    let tag = '';
    const name = (s: number, e: number) => src.slice(s, e).toLowerCase();
    const cbs: TokenizerCallbacks = {
      onopentagname: (s, e) => void (tag = name(s, e)),
      onopentagend: (e) => open(tag, e, false),
      onselfclosingtag: (e) => open(tag, e, true),
      onclosetag: (s, e) => close(name(s, e)),
      ontext: (s, e) => text(src.slice(s, e)),
      ontextentity: (cp) => text(String.fromCodePoint(cp)),
      onattribdata: noop, onattribentity: noop, onattribend: noop, onattribname: noop,
      oncdata: noop, oncomment: noop, ondeclaration: noop, onprocessinginstruction: noop, onend: noop,
    };
    const tokenizer = new Tokenizer({ decodeEntities: true }, cbs);
    tokenizer.write(src);
    tokenizer.end();
  }

  tokenize(html);
  const unclosed = raw as { from: number; partsAt: number } | null;
  if (unclosed) {
    // A <script> (or style…) that never closes hides the rest of the file from a browser. Better a
    // little noise than hidden text: drop what it gave and read the rest again with raw elements
    // renamed — none of them has an end tag in there, or this one would have closed — still linear.
    parts.length = unclosed.partsAt;
    raw = null;
    skip = 0;
    titleText = null;
    tokenize(html.slice(unclosed.from).replace(RAW_OPEN, '<kilde-$1'));
  }
  const lines = parts.join('').split('\n').map((l) => l.split('\t').map((cell) => cell.trim()).join('\t').trim());
  return { title, text: tidyText(lines.join('\n')) };
}

/** OpenDocument content.xml to text, in one indexOf pass: paragraphs end lines, tabs and spaces kept. */
export function odtXmlToText(xml: string): string {
  const parts: string[] = [];
  let skip = 0;
  let i = 0;
  while (i < xml.length) {
    const lt = xml.indexOf('<', i);
    if (skip === 0) parts.push(decodeEntities(xml.slice(i, lt === -1 ? xml.length : lt)));
    const gt = lt === -1 ? -1 : xml.indexOf('>', lt);
    if (gt === -1) break;
    const tag = xml.slice(lt + 1, gt);
    i = gt + 1;
    const closing = tag.startsWith('/');
    const name = (closing ? tag.slice(1) : tag).split(/[\s/]/, 1)[0];
    if (name === 'office:binary-data' && !tag.endsWith('/')) skip += closing ? -1 : 1; // embedded base64
    else if (closing && (name === 'text:p' || name === 'text:h')) parts.push('\n\n');
    else if (name === 'text:line-break') parts.push('\n');
    else if (name === 'text:tab') parts.push('\t');
    else if (name === 'text:s') parts.push(' '.repeat(Math.min(100, Number(/text:c="(\d+)"/.exec(tag)?.[1] ?? 1))));
    else if (closing && name === 'table:table-cell') parts.push('\t');
    else if (closing && name === 'table:table-row') parts.push('\n');
  }
  return tidyText(parts.join(''));
}

/** Windows-1252's printable characters at 0x80–0x9F; Node's TextDecoder treats the label as Latin-1. */
const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';
const windows1252 = (bytes: Buffer) => bytes.toString('latin1').replace(/[\x80-\x9f]/g, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80]!);

/** UTF-8 when the bytes are valid UTF-8, else Windows-1252 (what older Danish files use); no BOM. */
export function decodeText(bytes: Buffer, label?: string): string {
  if (label && /^(windows-1252|cp1252|iso-8859-1|latin-?1|us-ascii)$/i.test(label)) return windows1252(bytes);
  if (label && !/^utf-?8$/i.test(label)) {
    try {
      return new TextDecoder(label).decode(bytes);
    } catch {
      // unknown label: fall through to the guess
    }
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return windows1252(bytes);
  }
}

/** The text of the first <tag>…</tag> in a small XML part, decoded; undefined when absent or empty. */
const xmlField = (xml: string | undefined, tag: string) => {
  const m = xml && new RegExp(`<${tag}(?:\\s[^>]*)?>([^<]*)</${tag}>`).exec(xml);
  return m ? decodeEntities(m[1]!).trim() || undefined : undefined;
};

const metadataOf = (fields: Record<string, string | undefined>) => {
  const set = Object.entries(fields).filter((e): e is [string, string] => e[1] !== undefined);
  return set.length > 0 ? Object.fromEntries(set) : undefined;
};

function onePage(text: string, extra: Omit<ExtractionSuccess, 'kind' | 'pages'> = {}): ExtractionSuccess {
  const result: ExtractionSuccess = { kind: 'ok', pages: [{ number: 1, text, method: 'text', confidence: null }] };
  for (const [k, v] of Object.entries(extra)) if (v !== undefined) Object.assign(result, { [k]: v });
  return result;
}

export function createOfficeExtractor(limits: OfficeLimits): Extractor {
  const partLimits: ZipLimits = { ...limits, maxZipTotalBytes: Math.min(limits.maxZipTotalBytes, 4 * limits.maxTextBytes) };

  async function parts(path: string, names: string[]): Promise<Map<string, string>> {
    const read = await readZip(path, partLimits, (name) => names.includes(name));
    return new Map(read.filter((e) => e.bytes).map((e) => [e.name, e.bytes!.toString('utf8').replace(/^\uFEFF/, '')]));
  }

  async function docx(ctx: ExtractionContext): Promise<ExtractionOutcome> {
    const core = (await parts(ctx.path, ['docProps/core.xml'])).get('docProps/core.xml');
    // convertToHtml, not extractRawText: raw text drops footnotes, endnotes and comments.
    const html = await mammoth.convertToHtml(
      { path: ctx.path },
      { convertImage: mammoth.images.imgElement(async () => ({ src: '' })), styleMap: ['comment-reference => sup'] },
    );
    // mammoth links each note back to its reference with a trailing " ↑"; it is not the author's text.
    return onePage(htmlToText(html.value).text.replace(/ ↑$/gm, ''), {
      title: xmlField(core, 'dc:title'),
      metadata: metadataOf({ author: xmlField(core, 'dc:creator'), lastModifiedBy: xmlField(core, 'cp:lastModifiedBy'), created: xmlField(core, 'dcterms:created'), modified: xmlField(core, 'dcterms:modified') }),
    });
  }

  async function odt(ctx: ExtractionContext): Promise<ExtractionOutcome> {
    const xml = await parts(ctx.path, ['content.xml', 'meta.xml']);
    const content = xml.get('content.xml');
    if (content === undefined) return { kind: 'failed', reason: 'The OpenDocument file has no content.xml: it is damaged.' };
    const meta = xml.get('meta.xml');
    return onePage(odtXmlToText(content), {
      title: xmlField(meta, 'dc:title'),
      metadata: metadataOf({ author: xmlField(meta, 'meta:initial-creator'), lastModifiedBy: xmlField(meta, 'dc:creator'), created: xmlField(meta, 'meta:creation-date'), modified: xmlField(meta, 'dc:date') }),
    });
  }

  async function textFile(ctx: ExtractionContext): Promise<ExtractionOutcome> {
    const { size } = await fs.stat(ctx.path);
    if (size > limits.maxTextBytes) return { kind: 'failed', reason: `The file is ${size} bytes of text; Kilde reads at most ${limits.maxTextBytes}.` };
    const bytes = await fs.readFile(ctx.path);
    if (ctx.mediaType === 'text/html') {
      const head = bytes.subarray(0, 2048).toString('latin1');
      const charset = /<meta[^>]+charset\s*=\s*["']?([\w-]+)/i.exec(head)?.[1];
      const { title, text } = htmlToText(decodeText(bytes, charset));
      return onePage(text, { title });
    }
    const text = decodeText(bytes);
    const heading = ctx.mediaType === 'text/markdown' ? /^#{1,2}[ \t]+(.+?)[ \t#]*$/m.exec(text.slice(0, 4000))?.[1] : undefined;
    return onePage(tidyText(text), { title: heading });
  }

  return {
    mediaTypes: [DOCX, ODT, 'text/html', 'text/plain', 'text/markdown'],
    async extract(ctx: ExtractionContext): Promise<ExtractionOutcome> {
      try {
        const outcome = ctx.mediaType === DOCX ? await docx(ctx) : ctx.mediaType === ODT ? await odt(ctx) : await textFile(ctx);
        ctx.onProgress(1, 1, 'text');
        return outcome;
      } catch (err) {
        if (ctx.signal.aborted) throw err;
        const why = (err as Error).message;
        if (err instanceof ZipRefused) return { kind: 'failed', reason: why };
        const kind = ctx.mediaType === DOCX ? 'Word document' : ctx.mediaType === ODT ? 'OpenDocument file' : 'file';
        return { kind: 'failed', reason: `The ${kind} cannot be read: ${why}` };
      }
    },
  };
}
