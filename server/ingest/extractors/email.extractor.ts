/**
 * E-mail: .eml (mailparser), Outlook .msg (@kenjiuno/msgreader) and .mbox (split here). A message
 * becomes one page — its headers first, so a search for a sender or a subject finds it, then the
 * body — and each attachment a child document (`attachment_of`); attached e-mails are children
 * too, and the pipeline recurses into them. An mbox becomes a page listing its messages and one
 * child (`entry_of`) per message. Attachments over the limits are left out and counted, not
 * fatal: the message itself is still worth having.
 */
import fs from 'node:fs/promises';
import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { simpleParser, type AddressObject } from 'mailparser';
import MsgReader from '@kenjiuno/msgreader';
import { childFolder, type ChildFolder } from './child-files';
import type { ChildFile, ExtractionContext, ExtractionOutcome, Extractor } from './extractor';
import { decodeText, htmlToText, tidyText } from './office.extractor';
import { safeEntryPath } from './zip.extractor';

export interface EmailLimits {
  /** Most attachments taken from one message. */
  maxAttachments: number;
  /** Largest attachment taken. */
  maxAttachmentBytes: number;
  /** Most messages in one mbox. */
  maxMboxMessages: number;
}

interface Message {
  subject?: string;
  from?: string;
  to?: string;
  cc?: string;
  /** The Date header as written, for the sender's own calendar date. */
  dateLine?: string;
  date?: Date;
  body: string;
  attachments: { filename?: string; contentType?: string; bytes: Buffer }[];
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** YYYY-MM-DD as the sender's clock showed it ("Mon, 3 Feb 2020 00:30 +0100" is 3 Feb, not 2 Feb UTC). */
export function messageDate(dateLine: string | undefined, date: Date | undefined): string | undefined {
  const m = dateLine && /\b(\d{1,2})\s+([a-z]{3})[a-z]*\.?\s+(\d{4})\b/i.exec(dateLine);
  const month = m ? MONTHS.indexOf(m[2]!.toLowerCase()) + 1 : 0;
  if (m && month > 0) return `${m[3]}-${String(month).padStart(2, '0')}-${m[1]!.padStart(2, '0')}`;
  return date && !Number.isNaN(date.getTime()) ? date.toISOString().slice(0, 10) : undefined;
}

const EXTENSIONS: Record<string, string> = {
  'message/rfc822': '.eml', 'application/vnd.ms-outlook': '.msg', 'text/plain': '.txt', 'text/html': '.html', 'application/pdf': '.pdf',
  'image/png': '.png', 'image/jpeg': '.jpg', 'image/gif': '.gif', 'image/tiff': '.tif', 'application/zip': '.zip',
};

/** An attachment's own name without any folders, or attachment-N with an extension from its type. */
function attachmentName(name: string | undefined, contentType: string | undefined, n: number): string {
  const base = safeEntryPath(name ?? '').split('/').pop();
  return base || `attachment-${n}${EXTENSIONS[contentType?.split(';')[0]?.trim().toLowerCase() ?? ''] ?? '.bin'}`;
}

async function toOutcome(msg: Message, limits: EmailLimits, folder: ChildFolder): Promise<ExtractionOutcome> {
  const children: ChildFile[] = [];
  const skipped: string[] = [];
  for (const [i, a] of msg.attachments.entries()) {
    const filename = attachmentName(a.filename, a.contentType, i + 1);
    if (children.length >= limits.maxAttachments || a.bytes.length > limits.maxAttachmentBytes) skipped.push(filename);
    else children.push(await folder.write(filename, a.bytes, 'attachment_of'));
  }
  const date = msg.date && !Number.isNaN(msg.date.getTime()) ? msg.date.toISOString() : msg.dateLine;
  const headers: [string, string | undefined][] = [
    ['From', msg.from], ['To', msg.to], ['Cc', msg.cc], ['Date', msg.dateLine ?? date], ['Subject', msg.subject],
    ['Attachments', children.map((c) => c.filename).join(', ') || undefined],
    ['Not taken (over the limits)', skipped.join(', ') || undefined],
  ];
  const head = headers.filter(([, v]) => v).map(([k, v]) => `${k}: ${v}`).join('\n');
  const metadata = Object.fromEntries(
    Object.entries({ from: msg.from, to: msg.to, cc: msg.cc, date, subject: msg.subject, skippedAttachments: skipped.join(', ') || undefined })
      .filter((e): e is [string, string] => !!e[1]),
  );
  return {
    kind: 'ok',
    title: msg.subject?.trim() || undefined,
    date: messageDate(msg.dateLine, msg.date),
    pages: [{ number: 1, text: tidyText(`${head}\n\n${msg.body}`), method: 'text', confidence: null }],
    metadata,
    children,
  };
}

const addresses = (a: AddressObject | AddressObject[] | undefined) => (a ? [a].flat().map((x) => x.text).join(', ') || undefined : undefined);

async function parseEml(source: Buffer | Readable): Promise<Message> {
  const mail = await simpleParser(source, {
    keepCidLinks: true, // no data: URLs of inline images in the HTML we only turn into text
    ignoreEmbedded: true, // attached e-mails stay attachments, so they become documents of their own
    skipHtmlToText: true, // our converter is linear-time; mailparser's chokes on deeply nested HTML
    skipTextToHtml: true,
    checksumAlgo: false,
  });
  const html = typeof mail.html === 'string' ? mail.html : '';
  return {
    subject: mail.subject,
    from: addresses(mail.from),
    to: addresses(mail.to),
    cc: addresses(mail.cc),
    dateLine: mail.headerLines.find((h) => h.key === 'date')?.line.replace(/^date:\s*/i, ''),
    date: mail.date,
    body: mail.text?.trim() ? mail.text : htmlToText(html).text,
    attachments: mail.attachments.map((a) => ({ filename: a.filename, contentType: a.contentType, bytes: a.content })),
  };
}

function parseMsg(bytes: Buffer): Message {
  const reader = new MsgReader(new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  const d = reader.getFileData();
  if (d.error) throw new Error(d.error);
  const people = (type: 'to' | 'cc') =>
    (d.recipients ?? []).filter((r) => r.recipType === type).map((r) => (r.name && r.name !== (r.smtpAddress ?? r.email) ? `${r.name} <${r.smtpAddress ?? r.email}>` : r.smtpAddress ?? r.email ?? r.name)).join(', ') || undefined;
  const senderAddress = d.senderSmtpAddress ?? d.sentRepresentingSmtpAddress ?? d.senderEmail;
  const html = d.bodyHtml ?? (d.html ? decodeText(Buffer.from(d.html)) : '');
  const sent = d.clientSubmitTime ?? d.messageDeliveryTime ?? d.creationTime;
  return {
    subject: d.subject,
    from: [d.senderName, senderAddress && `<${senderAddress}>`].filter(Boolean).join(' ') || undefined,
    to: people('to'),
    cc: people('cc'),
    dateLine: /^date:[ \t]*(.+)$/im.exec(d.headers ?? '')?.[1]?.trim() ?? sent,
    date: sent ? new Date(sent) : undefined,
    body: d.body?.trim() ? d.body : htmlToText(html).text,
    attachments: (d.attachments ?? []).map((a) => {
      const file = reader.getAttachment(a); // embedded e-mails come back as a .msg of their own
      return { filename: file.fileName, contentType: a.innerMsgContent ? 'application/vnd.ms-outlook' : a.attachMimeTag, bytes: Buffer.from(file.content) };
    }),
  };
}

/**
 * Splits an mbox on "From " lines that start the file or follow a blank line. Works on latin1 text
 * (one char per byte), so every message keeps its original bytes whatever its charset.
 */
export function splitMbox(raw: Buffer): Buffer[] {
  const s = raw.toString('latin1');
  const starts: number[] = [];
  for (const m of s.matchAll(/(?:^|\n)From [^\n]*/g)) {
    const at = m.index! + (s[m.index!] === '\n' ? 1 : 0);
    if (at === 0 || s[at - 2] === '\n' || (s[at - 2] === '\r' && s[at - 3] === '\n')) starts.push(at);
  }
  return starts.map((start, i) => {
    const bodyStart = s.indexOf('\n', start) + 1 || s.length;
    const text = s.slice(bodyStart, starts[i + 1] ?? s.length).replace(/\r?\n$/, '');
    return Buffer.from(text.replace(/^>(>*From )/gm, '$1'), 'latin1'); // mboxrd escaping
  });
}

async function parseMbox(ctx: ExtractionContext, limits: EmailLimits): Promise<ExtractionOutcome> {
  const messages = splitMbox(await fs.readFile(ctx.path));
  if (messages.length > limits.maxMboxMessages) {
    return { kind: 'failed', reason: `The mailbox holds ${messages.length} messages; Kilde reads at most ${limits.maxMboxMessages}.` };
  }
  const width = Math.max(4, String(messages.length).length);
  const lines: string[] = [];
  for (const [i, bytes] of messages.entries()) {
    ctx.signal.throwIfAborted();
    const end = bytes.indexOf('\n\n') === -1 ? bytes.indexOf('\r\n\r\n') : bytes.indexOf('\n\n');
    const m = await parseEml(end === -1 ? bytes : bytes.subarray(0, end + 1)); // headers only: fast
    lines.push([String(i + 1).padStart(width, '0'), messageDate(m.dateLine, m.date) ?? '—', m.from ?? '—', m.subject ?? '(no subject)'].join('  '));
    ctx.onProgress(i + 1, messages.length, 'text');
  }
  const heading = messages.length === 0 ? 'Empty mailbox.' : `Mailbox with ${messages.length} message${messages.length === 1 ? '' : 's'}:`;
  const folder = childFolder(ctx);
  const children: ChildFile[] = [];
  for (const [i, bytes] of messages.entries()) children.push(await folder.write(`message-${String(i + 1).padStart(width, '0')}.eml`, bytes, 'entry_of'));
  return {
    kind: 'ok',
    pages: [{ number: 1, text: [heading, ...lines].join('\n'), method: 'text', confidence: null }],
    children,
  };
}

export function createEmailExtractor(limits: EmailLimits): Extractor {
  return {
    mediaTypes: ['message/rfc822', 'application/vnd.ms-outlook', 'application/mbox'],
    async extract(ctx: ExtractionContext): Promise<ExtractionOutcome> {
      try {
        if (ctx.mediaType === 'application/mbox') return await parseMbox(ctx, limits);
        const message = ctx.mediaType === 'application/vnd.ms-outlook' ? parseMsg(await fs.readFile(ctx.path)) : await parseEml(createReadStream(ctx.path));
        const outcome = await toOutcome(message, limits, childFolder(ctx));
        ctx.onProgress(1, 1, 'text');
        return outcome;
      } catch (err) {
        if (ctx.signal.aborted) throw err;
        const what = ctx.mediaType === 'application/vnd.ms-outlook' ? 'Outlook message' : ctx.mediaType === 'application/mbox' ? 'mailbox' : 'e-mail';
        return { kind: 'failed', reason: `The ${what} cannot be read: ${(err as Error).message}` };
      }
    },
  };
}
