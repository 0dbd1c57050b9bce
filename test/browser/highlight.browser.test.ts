import type { Page } from 'playwright-core';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { describeInBrowser, serveInBrowser, signInPage, type Served } from '../helpers/browser';
import { removeDir, startTestKilde, waitForStatus, type TestKilde } from '../helpers/kilde';

/**
 * The marked words on the page image, in a real headless Chromium: the boxes the server draws lie
 * over the rendered page where pdf-lib drew the words (the site's CSP lets them through), the page
 * scrolls to the first one on landing, they stay on their words when the viewer zooms, and they print.
 */
const W = 600;
const H = 800;
const SIZE = 12;
const LEFT = 72;
const LINE = 'Styrelsen skriver, at personfølsomme data ikke må flyttes.';
const WORD = 'personfølsomme';
// Low on a tall page: landing has to scroll for it.
const BASE = 90;

describeInBrowser('browser — the marked words as boxes on the page image', () => {
  let t: TestKilde;
  let served: Served;
  let docId: string;
  let expected: { left: number; right: number; baseline: number };

  beforeAll(async () => {
    t = await startTestKilde();
    const editor = t.as('editor', 'eva');
    const pdf = await PDFDocument.create();
    const font = await pdf.embedFont(StandardFonts.Helvetica);
    const one = pdf.addPage([W, H]);
    one.drawText('Til KL', { x: LEFT, y: 740, size: 20, font });
    one.drawText(LINE, { x: LEFT, y: BASE, size: SIZE, font });
    const before = font.widthOfTextAtSize(LINE.slice(0, LINE.indexOf(WORD)), SIZE);
    expected = { left: (LEFT + before) / W, right: (LEFT + before + font.widthOfTextAtSize(WORD, SIZE)) / W, baseline: (H - BASE) / H };
    const res = await editor.http.post('/api/documents').attach('file', Buffer.from(await pdf.save()), 'brev.pdf').field('title', 'Brev om skyløsninger');
    docId = res.body.id;
    await waitForStatus(t, docId);
    served = await serveInBrowser(t);
  });
  afterAll(async () => {
    await served?.close();
    await t?.stop();
    if (t) removeDir(t.dir);
  });

  /** The first box as fractions of the page image it lies on, once the image has loaded. */
  async function boxOnImage(page: Page, scope = ''): Promise<{ left: number; right: number; top: number; bottom: number }> {
    const img = page.locator(`${scope} .page-image.has-marks img`).first();
    await img.evaluate((el: any) => (el.complete && el.naturalWidth ? null : new Promise((r) => el.addEventListener('load', r, { once: true }))));
    const i = (await img.boundingBox())!;
    const b = (await page.locator(`${scope} .page-mark`).first().boundingBox())!;
    return { left: (b.x - i.x) / i.width, right: (b.x + b.width - i.x) / i.width, top: (b.y - i.y) / i.height, bottom: (b.y + b.height - i.y) / i.height };
  }

  function expectOnWord(box: { left: number; right: number; top: number; bottom: number }): void {
    // 3 pt of the page (font metrics differ a little) plus a pixel or two of the rendering.
    const tol = 4 / W;
    expect(Math.abs(box.left - expected.left)).toBeLessThan(tol);
    expect(Math.abs(box.right - expected.right)).toBeLessThan(tol);
    expect(box.bottom * H).toBeGreaterThan(expected.baseline * H - 3);
    expect(box.bottom * H).toBeLessThan(expected.baseline * H + 7);
    expect((box.bottom - box.top) * H).toBeGreaterThan(SIZE * 0.6);
  }

  test('page link ?q= — the box lies on the word in the picture, is scrolled into view, and prints', async () => {
    const { base, browser } = served;
    const url = `${base}/d/${docId}/p/1?q=${encodeURIComponent('personfolsomme')}#page-1`;
    const inView = () => {
      const r = (globalThis as any).document.querySelector('[data-first-mark]').getBoundingClientRect();
      return r.top >= 0 && r.bottom <= (globalThis as any).innerHeight;
    };
    // Without the script the boxes are there, in place, but the word is below the fold.
    const bare = await browser.newContext({ viewport: { width: 1400, height: 400 }, javaScriptEnabled: false });
    const still = await bare.newPage();
    await signInPage(still, base, 'eva');
    await still.goto(url);
    expectOnWord(await boxOnImage(still));
    expect(await still.evaluate(inView)).toBe(false);
    await bare.close();

    const context = await browser.newContext({ viewport: { width: 1400, height: 400 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    page.on('pageerror', (e) => errors.push(e.message));
    await signInPage(page, base, 'eva');

    await page.goto(url);
    expect(await page.locator('[data-page-text] mark').allTextContents()).toEqual([WORD]);
    expectOnWord(await boxOnImage(page));
    // Landing: the box is brought into view once the picture is there.
    await page.waitForFunction(inView, null, { timeout: 10_000 });
    // The overlay is for the eye only; the marked text is what assistive technology reads.
    expect(await page.locator('svg.page-marks').getAttribute('aria-hidden')).toBe('true');
    expect(await page.locator('.page-image.has-marks img').getAttribute('alt')).toMatch(/outlined/);

    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.page-image.has-marks').isVisible()).toBe(true);
    expectOnWord(await boxOnImage(page));
    await context.close();
    expect(errors).toEqual([]);
  });

  test('document viewer ?q= — zoomed in twice — the box stays on its word', async () => {
    const { base, browser } = served;
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await signInPage(page, base, 'eva');
    await page.goto(`${base}/documents/${docId}?q=${encodeURIComponent('personfolsomme')}#page-1`);
    expectOnWord(await boxOnImage(page, '#page-1'));
    const before = (await page.locator('#page-1 .page-mark').first().boundingBox())!;
    await page.locator('[data-zoom-step="1"]').click();
    await page.locator('[data-zoom-step="1"]').click();
    const after = (await page.locator('#page-1 .page-mark').first().boundingBox())!;
    expect(after.width).toBeGreaterThan(before.width * 1.3);
    expectOnWord(await boxOnImage(page, '#page-1'));
    await context.close();
    expect(errors).toEqual([]);
  });
});
