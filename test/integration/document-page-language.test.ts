import { createIngestRepository } from '../../server/ingest/ingest.repository';
import { translate } from '../../server/i18n/messages';
import { extractionMessages, failureKey } from '../../server/i18n/messages.extraction';
import { suiteKilde, waitForStatus } from '../helpers/kilde';

/** EJS escapes these; the expected text is compared as the page has it. */
const escaped = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&#34;').replace(/'/g, '&#39;');
/** A reason as the pipeline would store it: each `{name}` of the English text filled with a sample value. */
const sample = (en: string) => en.replace(/\{(\w+)\}/g, (_, name: string) => `${name.toUpperCase()}-7`);

describe('document page — OCR method line and failure reasons in the reader’s language', () => {
  const t = suiteKilde();

  async function upload(text: string, name: string): Promise<string> {
    const res = await t.http.post('/api/documents').attach('file', Buffer.from(text), name);
    expect(res.status).toBe(202);
    await waitForStatus(t, res.body.id);
    return res.body.id as string;
  }

  test('OCR method line — a page with stored steps — names engine, languages, steps and confidence in Danish and English', async () => {
    const id = await upload('Skannet brev fra kommunen om vejarbejdet.', 'skannet.txt');
    // As the pipeline stores an OCR page: method and confidence on the page, engine and steps in its layout.
    t.kilde.db.prepare("UPDATE pages SET method = 'ocr', confidence = 91.4 WHERE document_id = ? AND number = 1").run(id);
    const ingest = createIngestRepository(t.kilde.db);
    ingest.saveLayouts(id, [{ page: 1, engine: 'tesseract', boxes: null, ocrSteps: 'turn:180 deskew:-2.14 flatten', rotation: 180 }]);
    ingest.ocrMemory(id, 'dan+eng', () => new Date().toISOString()).put(1, { text: 'Skannet brev fra kommunen om vejarbejdet.', confidence: 91.4, engine: 'tesseract', steps: ['turn:180', 'deskew:-2.14', 'flatten'], rotation: 180, boxes: null });

    const da = await t.http.get(`/documents/${id}?lang=da`);
    expect(da.status).toBe(200);
    expect(da.text).toContain('<p class="method page-method">OCR (tesseract, dansk+engelsk) · vendt 180°, rettet op 2,1°, lyset udjævnet · sikkerhed 91 %</p>');
    const en = await t.http.get(`/documents/${id}?lang=en`);
    expect(en.text).toContain('<p class="method page-method">OCR (tesseract, Danish+English) · turned 180°, straightened 2.1°, light evened out · confidence 91%</p>');

    // The permanent page link shows the same line.
    const cite = await t.http.get(`/d/${id}/p/1?lang=da`);
    expect(cite.status).toBe(200);
    expect(cite.text).toContain('OCR (tesseract, dansk+engelsk) · vendt 180°, rettet op 2,1°, lyset udjævnet · sikkerhed 91 %');
  });

  test('OCR method line — read as it came — says so; a text layer names no steps', async () => {
    const id = await upload('Et brev med et tekstlag.', 'tekst.txt');
    const plain = await t.http.get(`/documents/${id}?lang=da`);
    expect(plain.text).toMatch(/<p class="method page-method">tekstlag<\/p>/);

    t.kilde.db.prepare("UPDATE pages SET method = 'ocr', confidence = 64 WHERE document_id = ? AND number = 1").run(id);
    const ingest = createIngestRepository(t.kilde.db);
    ingest.saveLayouts(id, [{ page: 1, engine: 'tesseract.js', boxes: null, ocrSteps: '', rotation: 0 }]);
    const en = await t.http.get(`/documents/${id}?lang=en`);
    expect(en.text).toContain('<p class="method page-method">OCR (tesseract.js) · read as scanned · confidence 64%</p>');
    // A language Kilde has no name for keeps tesseract's code.
    ingest.ocrMemory(id, 'dan+heb', () => new Date().toISOString()).put(1, { text: 'Et brev med et tekstlag.', confidence: 64, engine: 'tesseract.js', steps: [], rotation: 0, boxes: null });
    const da = await t.http.get(`/documents/${id}?lang=da`);
    expect(da.text).toContain('<p class="method page-method">OCR (tesseract.js, dansk+heb) · læst som scannet · sikkerhed 64 %</p>');
  });

  test('failure reason — a real damaged zip — shows its reason in Danish, and in English when asked', async () => {
    const res = await t.http.post('/api/documents').attach('file', Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(64, 7)]), 'arkiv.zip');
    expect(res.status).toBe(202);
    const doc = await waitForStatus(t, res.body.id, ['failed']);
    const stored = String(doc.error);
    expect(failureKey(stored)).not.toBeNull();

    const da = await t.http.get(`/documents/${res.body.id}?lang=da`);
    expect(da.text).toMatch(/<p class="error-message" lang="da">(Ikke et zip-arkiv, der kan læses|Zip-filen er beskadiget) \(/);
    const en = await t.http.get(`/documents/${res.body.id}?lang=en`);
    expect(en.text).toContain(`<p class="error-message" lang="en">${escaped(stored)}</p>`);
    // The API keeps the stored English reason for scripts.
    const api = await t.http.get(`/api/documents/${res.body.id}?lang=da`);
    expect(api.body.error).toBe(stored);
  });

  test('failure reasons — every reason the extractors store — renders in Danish and in English', async () => {
    const id = await upload('Et dokument, hvis udtrækning mislykkes.', 'fejl.txt');
    const keys = Object.keys(extractionMessages).filter((k) => k.startsWith('extract.fail.'));
    expect(keys.length).toBeGreaterThan(40);
    for (const key of keys) {
      const reason = sample(extractionMessages[key]!.en);
      expect(failureKey(reason)?.key).toBe(key);
      t.kilde.documents.setStatus(id, 'failed', reason, new Date().toISOString());
      const da = await t.http.get(`/documents/${id}?lang=da`);
      const danish = sample(translate('da', key));
      expect(danish).not.toBe(reason);
      // What a library said stays as it said it, in English, marked so inside the Danish sentence.
      const html = escaped(translate('da', key)).replace(/\{(\w+)\}/g, (_, name: string) => (['detail', 'why'].includes(name) ? `<span lang="en">${name.toUpperCase()}-7</span>` : `${name.toUpperCase()}-7`));
      expect(da.text).toContain(`<p class="error-message" lang="da">${html}</p>`);
      const en = await t.http.get(`/documents/${id}?lang=en`);
      expect(en.text).toContain(`<p class="error-message" lang="en">${escaped(reason)}</p>`);
    }
  });

  test('failure reason — a cause inside a cause — both in Danish', async () => {
    const id = await upload('Endnu et dokument.', 'fejl2.txt');
    t.kilde.documents.setStatus(id, 'failed', 'Extraction failed after 3 attempts: OCR took longer than 120 s', new Date().toISOString());
    const da = await t.http.get(`/documents/${id}?lang=da`);
    expect(da.text).toContain('<p class="error-message" lang="da">Udtrækningen mislykkedes efter 3 forsøg: OCR tog længere end 120 s</p>');
    t.kilde.documents.setStatus(id, 'failed', 'Refused as a possible zip bomb: 70000 entries, the limit is 50000.', new Date().toISOString());
    const bomb = await t.http.get(`/documents/${id}?lang=da`);
    expect(bomb.text).toContain('Afvist som en mulig zip-bombe: 70000 filer, grænsen er 50000.');
  });

  test('failure reason — needs a password — the password form shows it in Danish', async () => {
    const id = await upload('Krypteret, lader vi som om.', 'krypteret.txt');
    t.kilde.documents.setStatus(id, 'needs_password', 'This PDF is encrypted: it needs a password to be read.', new Date().toISOString());
    const da = await t.http.get(`/documents/${id}?lang=da`);
    expect(da.text).toContain('<p class="error-message" role="alert" lang="da">PDF’en er krypteret: den kan kun læses med en adgangskode.</p>');
  });

  test('failure reason — a damaged PDF — the Danish reason keeps the PDF reader\'s own words, marked English', async () => {
    const id = await upload('En PDF, der ikke kan læses.', 'skadet.txt');
    t.kilde.documents.setStatus(id, 'failed', 'This PDF could not be read (it may be damaged or incomplete): Invalid PDF structure.', new Date().toISOString());
    const da = await t.http.get(`/documents/${id}?lang=da`);
    expect(da.text).toContain('<p class="error-message" lang="da">PDF’en kunne ikke læses (den er måske beskadiget eller ufuldstændig): <span lang="en">Invalid PDF structure.</span></p>');
    // A cause Kilde words itself is Danish, not marked.
    t.kilde.documents.setStatus(id, 'failed', 'Refused as a possible zip bomb: 70000 entries, the limit is 50000.', new Date().toISOString());
    expect((await t.http.get(`/documents/${id}?lang=da`)).text).toContain('<p class="error-message" lang="da">Afvist som en mulig zip-bombe: 70000 filer, grænsen er 50000.</p>');
  });

  test('failure reason — an old reason the table does not know — shows as stored, marked English', async () => {
    const id = await upload('Et gammelt dokument.', 'gammel.txt');
    t.kilde.documents.setStatus(id, 'failed', 'pdf-parse: bad XRef entry', new Date().toISOString());
    const da = await t.http.get(`/documents/${id}?lang=da`);
    expect(da.text).toContain('<p class="error-message" lang="en">pdf-parse: bad XRef entry</p>');
  });
});
