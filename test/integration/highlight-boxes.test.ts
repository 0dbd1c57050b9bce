import { PDFDocument, StandardFonts, type PDFFont } from 'pdf-lib';
import { makePdf } from '../helpers/pdf';
import { useKilde, waitForStatus, type TestKilde } from '../helpers/kilde';

/**
 * Landing on the words, on the page image: a PDF drawn with pdf-lib at known places is uploaded and
 * read; a page link with ?q=, a quote link and the document viewer then draw boxes over the page
 * image where pdf-lib put the words, the JSON form gives the same rectangles, a page without stored
 * boxes shows the marked text alone, and a page the caller may not read is a page that does not exist.
 */
const W = 600;
const H = 800;
const SIZE = 12;
const LEFT = 72;
// Baselines, in points from the bottom (pdf-lib), of the lines of page 1.
const LINE1 = 'Styrelsen skriver, at personfølsomme data';
const LINE2 = 'ikke må flyttes til datacentre i Holland.';
const BASE1 = 400;
const BASE2 = 380;

let font: PDFFont;

async function drawnLetter(): Promise<Buffer> {
  const pdf = await PDFDocument.create();
  font = await pdf.embedFont(StandardFonts.Helvetica);
  const one = pdf.addPage([W, H]);
  one.drawText('Til KL', { x: LEFT, y: 700, size: 20, font });
  one.drawText(LINE1, { x: LEFT, y: BASE1, size: SIZE, font });
  one.drawText(LINE2, { x: LEFT, y: BASE2, size: SIZE, font });
  const two = pdf.addPage([W, H]);
  two.drawText('Med venlig hilsen fra styrelsen om datacentre', { x: LEFT, y: 600, size: SIZE, font });
  return Buffer.from(await pdf.save());
}

/** Where pdf-lib drew `word` on a line, as fractions of the page: left, right and baseline. */
function drawn(line: string, word: string, baseline: number): { left: number; right: number; baseline: number } {
  const before = font.widthOfTextAtSize(line.slice(0, line.indexOf(word)), SIZE);
  const width = font.widthOfTextAtSize(word, SIZE);
  return { left: (LEFT + before) / W, right: (LEFT + before + width) / W, baseline: (H - baseline) / H };
}

interface Rect { kind: string; x: number; y: number; width: number; height: number; first: boolean }

/** The overlay rectangles of a rendered page, in fractions of the page. */
function rects(html: string): Rect[] {
  const out: Rect[] = [];
  const re = /<rect class="page-mark page-mark-(\w+)" x="([\d.]+)%" y="([\d.]+)%" width="([\d.]+)%" height="([\d.]+)%"( data-first-mark)?\/>/g;
  for (const m of html.matchAll(re)) out.push({ kind: m[1]!, x: Number(m[2]) / 100, y: Number(m[3]) / 100, width: Number(m[4]) / 100, height: Number(m[5]) / 100, first: Boolean(m[6]) });
  return out;
}

/**
 * A box lies on the drawn word: same left and right within 3 pt (pdf-lib measures with its own copy
 * of the font's widths, MuPDF boxes each glyph; they differ by a point or two over a line), its
 * bottom near the baseline, as tall as the letters.
 */
function expectOnWord(box: { x: number; y: number; width: number; height: number }, at: { left: number; right: number; baseline: number }): void {
  const pt = 1 / W;
  expect(Math.abs(box.x - at.left)).toBeLessThan(3 * pt);
  expect(Math.abs(box.x + box.width - at.right)).toBeLessThan(3 * pt);
  const bottom = (box.y + box.height) * H;
  expect(bottom).toBeGreaterThan(at.baseline * H - 2);
  expect(bottom).toBeLessThan(at.baseline * H + 6);
  expect(box.height * H).toBeGreaterThan(SIZE * 0.6);
  expect(box.height * H).toBeLessThan(SIZE * 1.6);
}

async function upload(t: TestKilde, http: TestKilde['http'], file: Buffer, fields: Record<string, string> = {}): Promise<string> {
  let req = http.post('/api/documents').attach('file', file, `brev-${Math.random().toString(36).slice(2)}.pdf`);
  for (const [k, v] of Object.entries(fields)) req = req.field(k, v);
  const res = await req;
  expect(res.status).toBe(202);
  await waitForStatus(t, res.body.id);
  return res.body.id as string;
}

describe('highlight boxes — the marked words on the page image', () => {
  const k = useKilde();
  let docId: string;
  let secretId: string;
  let owner: ReturnType<TestKilde['as']>;
  let other: ReturnType<TestKilde['as']>;

  beforeAll(async () => {
    owner = k.t.as('journalist', 'jonas');
    other = k.t.as('journalist', 'jens');
    docId = await upload(k.t, owner.http, await drawnLetter(), { title: 'Brev om skyløsninger' });
    secretId = await upload(k.t, owner.http, await makePdf(['Fortroligt notat om kilden i ministeriet.']), { access: 'restricted', users: 'jonas', title: 'Hemmeligt notat' });
  });

  test('page link ?q= — a word drawn at a known place — has one term box over the image, where pdf-lib drew it', async () => {
    const res = await other.http.get(`/d/${docId}/p/1?q=${encodeURIComponent('personfolsomme')}`).set('Accept', 'text/html');
    expect(res.status).toBe(200);
    expect(res.text).toContain('<mark>personfølsomme</mark>');
    expect(res.text).toMatch(/<svg class="page-marks" aria-hidden="true"/);
    const boxes = rects(res.text);
    expect(boxes).toHaveLength(1);
    expect(boxes[0]).toMatchObject({ kind: 'term', first: true });
    expectOnWord(boxes[0]!, drawn(LINE1, 'personfølsomme', BASE1));
    // The overlay and its script come with marks only.
    expect(res.text).toContain('/static/page-marks.js');
  });

  test('page link ?q= — two words on two lines — one box each, on their own lines', async () => {
    const res = await other.http.get(`/d/${docId}/p/1?q=${encodeURIComponent('styrelsen holland')}`);
    const boxes = rects(res.text);
    expect(boxes).toHaveLength(2);
    expectOnWord(boxes[0]!, drawn(LINE1, 'Styrelsen', BASE1));
    expectOnWord(boxes[1]!, drawn(LINE2, 'Holland', BASE2));
  });

  test('quote link — a passage across a line break — lands with one quote box per line, the first marked to scroll to', async () => {
    const made = await other.http.post('/api/quotes').send({ documentId: docId, page: 1, text: 'personfølsomme data ikke må flyttes' });
    expect(made.status).toBe(201);
    const res = await other.http.get(`/q/${made.body.id}`).set('Accept', 'text/html');
    expect(res.status).toBe(200);
    expect(res.text).toContain('<mark class="quote" id="quote">');
    const boxes = rects(res.text);
    expect(boxes.map((b) => b.kind)).toEqual(['quote', 'quote']);
    expect(boxes[0]!.first).toBe(true);
    const a = drawn(LINE1, 'personfølsomme', BASE1);
    const b = drawn(LINE1, 'data', BASE1);
    expectOnWord(boxes[0]!, { left: a.left, right: b.right, baseline: a.baseline });
    expectOnWord(boxes[1]!, drawn(LINE2, 'ikke må flyttes', BASE2));

    // The JSON form: the same rectangles, for the quote and the searched words beside it.
    const api = await other.http.get(`/api/documents/${docId}/pages/1/highlights?quote=${made.body.id}&q=holland`);
    expect(api.status).toBe(200);
    expect(api.body).toMatchObject({ documentId: docId, page: 1, q: 'holland', quote: { id: made.body.id, status: 'found', page: 1 } });
    expect(api.body.ranges.map((r: { kind: string }) => r.kind)).toEqual(['quote', 'term']);
    expect(api.body.boxes.map((x: Rect) => x.kind)).toEqual(['quote', 'quote', 'term']);
    expectOnWord(api.body.boxes[2], drawn(LINE2, 'Holland', BASE2));
    for (const [i, box] of boxes.entries()) {
      expect(api.body.boxes[i].x).toBeCloseTo(box.x, 4);
      expect(api.body.boxes[i].y).toBeCloseTo(box.y, 4);
    }
    // On another page of the document the quote marks nothing.
    const two = await other.http.get(`/api/documents/${docId}/pages/2/highlights?quote=${made.body.id}`);
    expect(two.status).toBe(200);
    expect(two.body.boxes).toEqual([]);
  });

  test('document viewer ?q= — boxes on the page images of the pages with hits only', async () => {
    const res = await other.http.get(`/documents/${docId}?q=datacentre`).set('Accept', 'text/html');
    expect(res.status).toBe(200);
    const [, one, two] = res.text.split(/<section class="page" id="page-\d+">/);
    expectOnWord(rects(one!)[0]!, drawn(LINE2, 'datacentre', BASE2));
    expect(rects(two!)).toHaveLength(1);
    expect(rects(res.text)).toHaveLength(2);
    const plain = await other.http.get(`/documents/${docId}`);
    expect(rects(plain.text)).toEqual([]);
    expect(plain.text).not.toContain('page-marks');
  });

  test('a page without stored boxes — the words are marked in the text, no boxes, no error', async () => {
    k.t.kilde.db.prepare('DELETE FROM page_layouts WHERE document_id = ? AND page_number = 2').run(docId);
    const res = await other.http.get(`/d/${docId}/p/2?q=styrelsen`).set('Accept', 'text/html');
    expect(res.status).toBe(200);
    expect(res.text).toContain('<mark>styrelsen</mark>');
    expect(res.text).toContain(`/documents/${docId}/pages/2.png`);
    expect(res.text).not.toContain('page-marks');
    const api = await other.http.get(`/api/documents/${docId}/pages/2/highlights?q=styrelsen`);
    expect(api.status).toBe(200);
    expect(api.body.ranges).toHaveLength(1);
    expect(api.body.boxes).toEqual([]);
    // A damaged layout is no layout either.
    k.t.kilde.db.prepare("INSERT INTO page_layouts (document_id, page_number, engine, boxes) VALUES (?, 2, 'mupdf', ?)").run(docId, Buffer.from('not deflated boxes'));
    const damaged = await other.http.get(`/d/${docId}/p/2?q=styrelsen`);
    expect(damaged.status).toBe(200);
    expect(rects(damaged.text)).toEqual([]);
  });

  test('highlights — a restricted document another journalist cannot read — answers exactly as a document that does not exist', async () => {
    const hidden = await other.http.get(`/api/documents/${secretId}/pages/1/highlights?q=kilden`);
    const missing = await other.http.get('/api/documents/doc_doesnotexist/pages/1/highlights?q=kilden');
    expect(hidden.status).toBe(404);
    expect(missing.status).toBe(404);
    expect(hidden.body).toEqual(missing.body);
    expect(JSON.stringify(hidden.body)).not.toContain('Hemmeligt');
    const page = await other.http.get(`/d/${secretId}/p/1?q=kilden`).set('Accept', 'text/html');
    expect(page.status).toBe(404);
    expect(page.text).not.toContain('page-marks');
    // Its owner gets the boxes.
    const mine = await owner.http.get(`/api/documents/${secretId}/pages/1/highlights?q=kilden`);
    expect(mine.status).toBe(200);
    expect(mine.body.boxes).toHaveLength(1);
  });

  test('highlights — bad input — clear 4xx: no page number, a page past the end, an overlong search, a foreign quote', async () => {
    expect((await other.http.get(`/api/documents/${docId}/pages/abc/highlights`)).status).toBe(404);
    expect((await other.http.get(`/api/documents/${docId}/pages/9/highlights?q=x`)).status).toBe(404);
    expect((await other.http.get(`/api/documents/${docId}/pages/1/highlights?q=${'a'.repeat(1001)}`)).status).toBe(400);
    expect((await other.http.get(`/api/documents/${docId}/pages/1/highlights?quote=q_nosuchquote`)).status).toBe(404);
    const ok = await other.http.get(`/api/documents/${docId}/pages/1/highlights`);
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ ranges: [], boxes: [], quote: null });
    expect((await k.t.anon.get(`/api/documents/${docId}/pages/1/highlights?q=data`)).status).toBe(401);
  });
});
