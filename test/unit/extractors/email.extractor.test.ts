import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createEmailExtractor, messageDate, splitMbox, type EmailLimits } from '../../../server/ingest/extractors/email.extractor';
import type { ExtractionOutcome } from '../../../server/ingest/extractors/extractor';
import { sniffType } from '../../../server/ingest/sniff';
import { ok, writeTemp } from '../../helpers/extraction';
import { fixture } from '../../helpers/fixtures';

const EMAIL = fixture('email');
const LIMITS: EmailLimits = { maxAttachments: 500, maxAttachmentBytes: 100 * 1024 * 1024, maxMboxMessages: 10_000 };

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kilde-email-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Extracts a file as the pipeline would, with the type sniffed from its bytes. */
async function extract(file: string, limits: Partial<EmailLimits> = {}): Promise<ExtractionOutcome> {
  const mediaType = sniffType(fs.readFileSync(file).subarray(0, 65536), path.basename(file))!.mediaType;
  return createEmailExtractor({ ...LIMITS, ...limits }).extract({ path: file, mediaType, filename: path.basename(file), onProgress: () => {}, signal: new AbortController().signal, workDir: fs.mkdtempSync(path.join(dir, 'work-')) });
}

const temp = (name: string, bytes: Buffer | string) => writeTemp(dir, name, bytes);

describe('email extractor', () => {
  test('email extractor — Danish Gmail message with an inline image and an attached ODT — returns the message and two children', async () => {
    const out = ok(await extract(path.join(EMAIL, 'os2ds-mail-inline-img-attached-odt.eml')));
    expect(out.title).toBe('Mail med inline billede og vedhæftet fil');
    expect(out.date).toBe('2021-10-11');
    expect(out.metadata).toMatchObject({ from: '"Paw Møller" <pawsen@gmail.com>', to: '"Paw Møller" <pawsen@gmail.com>', subject: 'Mail med inline billede og vedhæftet fil' });
    expect(out.children?.map((c) => [c.filename, c.relation])).toEqual([['cpr.jpg', 'attachment_of'], ['embedded-cpr.odt', 'attachment_of']]);
    expect(out.children?.[1]?.bytes.subarray(0, 2).toString()).toBe('PK');
    const page = out.pages[0]!.text;
    expect(page).toMatch(/^From: "Paw Møller" <pawsen@gmail.com>\nTo: .*\nDate: Mon, 11 Oct 2021 09:38:41 \+0200\nSubject: Mail med inline billede og vedhæftet fil\nAttachments: cpr.jpg, embedded-cpr.odt\n\n/);
  });

  test('email extractor — e-mail with an attached e-mail — returns the attached e-mail as an .eml child', async () => {
    const out = ok(await extract(path.join(EMAIL, 'aleph-email-attached-rfc822.eml')));
    expect(out.pages[0]?.text).toContain('This is the body of the email that contains the attachment.');
    expect(out.children).toHaveLength(1);
    expect(out.children?.[0]).toMatchObject({ filename: 'attachment-1.eml', relation: 'attachment_of' });
    expect(sniffType(out.children![0]!.bytes, 'attachment-1.eml')?.mediaType).toBe('message/rfc822');
  });

  test('email extractor — HTML-only German spam — converts the HTML body to text', async () => {
    const text = ok(await extract(path.join(EMAIL, 'mailparser-spam-de.eml'))).pages[0]!.text;
    expect(text).toMatch(/Euro/);
    expect(text).not.toMatch(/<[a-z]+[\s>]/i);
  });

  test('email extractor — nodemailer message with a UTF-8 emoji subject — keeps the subject and names the attachments', async () => {
    const out = ok(await extract(path.join(EMAIL, 'mailparser-nodemailer-unicode-attachments.eml')));
    expect(out.title).toMatch(/^Nodemailer is unicode friendly ✔/);
    expect(out.children?.map((c) => c.filename)).toEqual(['attachment-1.bin', 'image.png', 'nyan cat ✔.gif', 'notes.txt']);
  });

  test('email extractor — attachment named with a URL and one without a name — gets safe file names', async () => {
    const out = ok(await extract(path.join(EMAIL, 'os2ds-weird-url.eml')));
    expect(out.children?.map((c) => c.filename)).toEqual(['data.txt', 'attachment-2.txt']);
  });

  test('email extractor — bounce with a delivery status and the returned message — keeps both', async () => {
    const out = ok(await extract(path.join(EMAIL, 'mailparser-delivery-status-bounce.eml')));
    expect(out.title).toBe('Delivery Status Notification (Failure)');
    expect(out.children?.map((c) => c.filename)).toEqual(['attachment-1.eml']);
  });

  test('email extractor — mails from mailparser bug reports hiding 570 KB and 1 MB in an HTML <title> — are read quickly', async () => {
    const started = Date.now();
    const title = ok(await extract(path.join(EMAIL, 'mailparser-html-large-callstack.eml')));
    expect(title.pages[0]!.text).toBe('From: test@example.com\nTo: test@example.com\nSubject: Kill the HTML parser'); // all else is <title>
    const big = ok(await extract(path.join(EMAIL, 'mailparser-outofmemory-1MB.eml'))); // 1 MB inside <title> too
    expect(big.pages[0]!.text).toContain('$1 million in Life Insurance Coverage');
    expect(Date.now() - started).toBeLessThan(5000);
  });

  test('email extractor — more attachments than allowed — takes the first and lists the rest as not taken', async () => {
    const out = ok(await extract(path.join(EMAIL, 'os2ds-mail-inline-img-attached-odt.eml'), { maxAttachments: 1 }));
    expect(out.children?.map((c) => c.filename)).toEqual(['cpr.jpg']);
    expect(out.metadata?.skippedAttachments).toBe('embedded-cpr.odt');
    expect(out.pages[0]?.text).toContain('Not taken (over the limits): embedded-cpr.odt');
  });

  test('email extractor — Outlook .msg newsletter — returns subject, sender, recipients and the sender\'s date', async () => {
    const out = ok(await extract(path.join(EMAIL, 'aleph-piste-outlook.msg')));
    expect(out.title).toBe('Ab auf die Piste!');
    expect(out.date).toBe('2010-11-28');
    expect(out.metadata).toMatchObject({ from: 'GMX Magazin <mailings@gmxnet.de>', to: 'Alle Mitglieder von GMX <members@gmx.net>' });
    expect(out.pages[0]?.text).toMatch(/^From: GMX Magazin <mailings@gmxnet.de>\nTo: Alle Mitglieder von GMX <members@gmx.net>\nDate: Sun, 28 Nov 2010 23:42:18 \+0100\nSubject: Ab auf die Piste!\n\n/);
    expect(out.pages[0]?.text).toContain('GMX Magazin');
  });

  test('email extractor — truncated Outlook .msg — fails with a readable reason', async () => {
    const bytes = fs.readFileSync(path.join(EMAIL, 'aleph-piste-outlook.msg'));
    const out = await extract(temp('cut.msg', bytes.subarray(0, 4096)));
    expect(out).toEqual({ kind: 'failed', reason: expect.stringMatching(/^The Outlook message cannot be read: /) });
  });

  test('email extractor — ".msg" that is really RFC 822 text — is read as an e-mail with its inline image', async () => {
    const out = ok(await extract(path.join(EMAIL, 'aleph-fnf-newsletter-de.msg')));
    expect(out.title).toBe('Innovationskongress 2017 - Do., 29. Juni - 09 Uhr');
    expect(out.pages[0]?.text).toMatch(/Innovationskongress/);
    expect(out.children).toHaveLength(1);
  });

  test('email extractor — mbox from the corpus — returns a listing page and one entry_of child per message', async () => {
    const out = ok(await extract(path.join(EMAIL, 'aleph-plan.mbox')));
    expect(out.children?.map((c) => [c.filename, c.relation])).toEqual([['message-0001.eml', 'entry_of']]);
    expect(out.pages[0]?.text).toMatch(/^Mailbox with 1 message:\n0001  2017-02-2\d  /);
    expect(sniffType(out.children![0]!.bytes, 'message-0001.eml')?.mediaType).toBe('message/rfc822');
  });

  test('email extractor — mbox with three messages, an escaped From line and Latin-1 bytes — splits, unescapes and keeps the bytes', async () => {
    const latin1 = Buffer.from('Subject: =?iso-8859-1?Q?S=F8ren?=\nFrom: a@example.dk\nDate: Tue, 1 Mar 2022 10:00:00 +0100\n\nBrev fra \xf8konomi\n', 'latin1');
    const mbox = Buffer.concat([
      Buffer.from('From a@example.dk Tue Mar  1 10:00:00 2022\n'), latin1, Buffer.from('\n'),
      Buffer.from('From b@example.dk Wed Mar  2 10:00:00 2022\nFrom: b@example.dk\nSubject: Svar\nDate: Wed, 2 Mar 2022 10:00:00 +0100\n\n>From the minutes:\nFrom here on\n\n'),
      Buffer.from('From c@example.dk Thu Mar  3 10:00:00 2022\nFrom: c@example.dk\nSubject: Tak\n\nTak.\n'),
    ]);
    const out = ok(await extract(temp('inbox.mbox', mbox)));
    expect(out.children?.map((c) => c.filename)).toEqual(['message-0001.eml', 'message-0002.eml', 'message-0003.eml']);
    expect(out.children?.[0]?.bytes.equals(latin1)).toBe(true);
    expect(out.children?.[1]?.bytes.toString()).toContain('\n\nFrom the minutes:\nFrom here on');
    expect(out.pages[0]?.text.split('\n')).toEqual([
      'Mailbox with 3 messages:',
      '0001  2022-03-01  a@example.dk  Søren',
      '0002  2022-03-02  b@example.dk  Svar',
      '0003  —  c@example.dk  Tak',
    ]);
    expect(splitMbox(Buffer.from(''))).toEqual([]);
  });

  test('message date — header written in the sender\'s time zone — is the sender\'s calendar day, not UTC\'s', () => {
    expect(messageDate('Mon, 3 Feb 2020 00:30:00 +0100', new Date('2020-02-02T23:30:00Z'))).toBe('2020-02-03');
    expect(messageDate(undefined, new Date('2020-02-02T23:30:00Z'))).toBe('2020-02-02');
    expect(messageDate('garbage', undefined)).toBeUndefined();
  });
});
