import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import { createOfficeExtractor, htmlToText, type OfficeLimits } from '../../../server/ingest/extractors/office.extractor';
import type { ExtractionOutcome } from '../../../server/ingest/extractors/extractor';
import { sniffType } from '../../../server/ingest/sniff';
import { ok, writeTemp } from '../../helpers/extraction';
import { fixture } from '../../helpers/fixtures';

const LIMITS: OfficeLimits = { maxZipEntries: 10_000, maxZipTotalBytes: 2 * 1024 ** 3, maxZipRatio: 100, zipRatioFloorBytes: 1024 * 1024, maxTextBytes: 64 * 1024 * 1024 };
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kilde-office-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Extracts a file as the pipeline would: type sniffed from the bytes unless given. */
async function extract(file: string, mediaType?: string, limits: Partial<OfficeLimits> = {}): Promise<ExtractionOutcome> {
  const type = mediaType ?? sniffType(fs.readFileSync(file).subarray(0, 65536), path.basename(file))!.mediaType;
  return createOfficeExtractor({ ...LIMITS, ...limits }).extract({ path: file, mediaType: type, filename: path.basename(file), onProgress: () => {}, signal: new AbortController().signal });
}

const temp = (name: string, bytes: Buffer | string) => writeTemp(dir, name, bytes);

describe('office extractor', () => {
  test('office extractor — Aarhus aktindsigt decision template (docx) — returns one page with whole Danish words and the title from core.xml', async () => {
    const out = ok(await extract(fixture('docx/aak-aktindsigt-afgoerelse-afslag-OFL-og-MOL.docx')));
    expect(out.title).toBe('AB-hovedfrase - Helt eller delvist afslag - OFL og MOL');
    expect(out.pages).toHaveLength(1);
    expect(out.pages[0]).toMatchObject({ number: 1, method: 'text', confidence: null });
    expect(out.pages[0]?.text).toMatch(/^\[Afdeling\] \[Adresse\]\n\n\[Ansøgernavn\] \[Ansøgermail\]\n\nAfgørelse om aktindsigt/);
    expect(out.pages[0]?.text).toContain('offentlighedsloven');
  });

  test('office extractor — minifrase docx whose words Word split across runs — keeps "Undtagelse" whole', async () => {
    const out = ok(await extract(fixture('docx/aak-minifrase-internt-dokument-OFL.docx')));
    expect(out.pages[0]?.text).toMatch(/^Undtagelse af internt materiale/);
  });

  test('office extractor — docx with footnotes, endnotes and comments — includes their text', async () => {
    for (const name of ['mammoth-footnotes.docx', 'mammoth-endnotes.docx', 'mammoth-comments.docx']) {
      const text = ok(await extract(fixture(`docx/${name}`))).pages[0]?.text;
      expect([name, text]).toEqual([name, expect.stringContaining('A tachyon walks into a bar.')]);
      expect(text).not.toContain('↑');
    }
  });

  test('office extractor — docx with a table and a text box — puts cells on one line and keeps the box text', async () => {
    expect(ok(await extract(fixture('docx/mammoth-tables.docx'))).pages[0]?.text).toContain('Top left\tTop right');
    expect(ok(await extract(fixture('docx/mammoth-text-box.docx'))).pages[0]?.text).toBe('Datum plane');
  });

  test('office extractor — empty docx and Strict-format docx — return a page each without failing', async () => {
    expect(ok(await extract(fixture('docx/mammoth-empty.docx'))).pages[0]?.text).toBe('');
    expect(ok(await extract(fixture('docx/mammoth-strict-format.docx'))).pages[0]?.text).toBe('Test');
  });

  test('office extractor — empty zip treated as Word (mammoth-empty.zip.docx) — fails with a readable reason', async () => {
    const out = await extract(fixture('tricky/mammoth-empty.zip.docx'), DOCX);
    expect(out).toEqual({ kind: 'failed', reason: expect.stringMatching(/^The Word document cannot be read/) });
  });

  test('office extractor — ODT attached to a Danish e-mail in the corpus — returns its paragraphs, title-less, with the author', async () => {
    const mail = await simpleParser(fs.readFileSync(fixture('email/os2ds-mail-inline-img-attached-odt.eml')));
    const odt = mail.attachments.find((a) => a.filename === 'embedded-cpr.odt')!;
    const out = ok(await extract(temp('embedded-cpr.odt', odt.content)));
    expect(out.pages[0]?.text).toContain('Kære Hr. Testsen,\n\nVedhæftet finder De et billede af et CPR-nummer.');
    expect(out.metadata?.author).toBe('Alexander John Faithfull');
  });

  test('office extractor — HTML page — drops script and style, decodes entities and takes the title', async () => {
    const html = '<!doctype html><html><head><title>Svar p&aring; &quot;aktindsigt&quot;</title><style>p{color:red}</style>' +
      '<script>var x = "<p>not text</p>";</script></head><body><h1>Kommunens   svar</h1><p>Vi har modtaget din anmodning &amp; ' +
      'beh&#229;ndler den &#x2014; snart.<br>Ny linje</p><table><tr><td>Dato</td><td>1. maj</td></tr></table><!-- skjult --></body></html>';
    const out = ok(await extract(temp('svar.html', html)));
    expect(out.title).toBe('Svar på "aktindsigt"');
    expect(out.pages[0]?.text).toBe('Kommunens svar\n\nVi har modtaget din anmodning & behåndler den — snart.\nNy linje\n\nDato\t1. maj');
  });

  test('office extractor — hostile HTML with 200 000 unclosed tags and long space runs — converts in linear time', () => {
    const started = Date.now();
    htmlToText('<'.repeat(200_000) + ' '.repeat(200_000) + 'x<script>' + '<b'.repeat(100_000));
    htmlToText(`<p>${' '.repeat(300_000)}x</p>`.repeat(3));
    expect(Date.now() - started).toBeLessThan(2000);
  });

  test('office extractor — text in Windows-1252 and UTF-8 with a BOM — decodes both to the same Danish text', async () => {
    const latin = ok(await extract(temp('latin.txt', Buffer.from([0xc6, 0x72, 0xf8, 0x20, 0x6f, 0x67, 0x20, 0xc5, 0x72, 0x68, 0x75, 0x73, 0x20, 0x80]))));
    const bom = ok(await extract(temp('bom.txt', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('Ærø og Århus €')]))));
    expect(latin.pages[0]?.text).toBe('Ærø og Århus €');
    expect(bom.pages[0]?.text).toBe('Ærø og Århus €');
  });

  test('office extractor — German UDHR text with BOM and CRLF from the corpus — has no BOM and no carriage returns', async () => {
    const text = ok(await extract(fixture('pdf-text/aleph-udhr-ger.txt'))).pages[0]!.text;
    expect(text.startsWith('\uFEFF')).toBe(false);
    expect(text).not.toContain('\r');
    expect(text).toContain('Menschenrechte');
  });

  test('office extractor — Markdown with a heading — takes the heading as title', async () => {
    const out = ok(await extract(temp('notat.md', 'Intro\n\n# Notat om vejstøj\n\nTekst.')));
    expect(out.title).toBe('Notat om vejstøj');
  });

  test('office extractor — text file over the size limit — fails with the limit in the reason', async () => {
    const out = await extract(temp('big.txt', 'a'.repeat(2000)), 'text/plain', { maxTextBytes: 1000 });
    expect(out).toEqual({ kind: 'failed', reason: expect.stringContaining('at most 1000') });
  });
});
