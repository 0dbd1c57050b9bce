import path from 'node:path';
import { describeInBrowser, serveInBrowser, signInPage, type Served } from '../helpers/browser';
import { removeDir, startTestKilde, waitForStatus, type TestKilde } from '../helpers/kilde';
import { scannedPdf } from '../helpers/generated';

/**
 * The document page in a real headless Chromium: a scanned letter's pages show their OCR text with
 * the page image beside it, the images load (lazily, under the page's CSP) and sit to the right of
 * the text on a wide screen.
 */
describeInBrowser('document page — page images beside the text, in a browser', () => {
  let t: TestKilde;
  let served: Served;
  let id: string;

  beforeAll(async () => {
    t = await startTestKilde();
    t.as('journalist', 'sofie');
    const pdf = await scannedPdf([['Kommunen har modtaget jeres anmodning', 'om aktindsigt i sagen om vejstøj.'], ['Med venlig hilsen', 'Teknik og Miljø']]);
    const res = await t.http.post('/api/documents').attach('file', pdf, 'scanning.pdf');
    id = res.body.id;
    await waitForStatus(t, id, ['ready'], 60_000);
    served = await serveInBrowser(t);
  }, 90_000);

  afterAll(async () => {
    await served?.close();
    await t?.stop();
    if (t) removeDir(t.dir);
  });

  test('scanned letter — each page — shows its image, loaded, to the right of its text', async () => {
    const { base, browser } = served;
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    const errors: string[] = [];
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await signInPage(page, base, 'sofie');
    await page.goto(`${base}/documents/${id}`);
    for (const n of [1, 2]) {
      const img = page.locator(`#page-${n} img`);
      await img.scrollIntoViewIfNeeded();
      // The image has loaded and decoded (the test's TypeScript has no DOM types, hence the cast).
      const loaded = () => img.evaluate((el: unknown) => (el as { complete: boolean; naturalWidth: number }).complete && (el as { naturalWidth: number }).naturalWidth > 0);
      for (let i = 0; i < 200 && !(await loaded()); i++) await page.waitForTimeout(50);
      expect(await loaded()).toBe(true);
      const text = await page.locator(`#page-${n} .page-text`).boundingBox();
      const pic = await img.boundingBox();
      expect(text && pic).toBeTruthy();
      expect(pic!.x).toBeGreaterThan(text!.x + text!.width - 1); // beside, to the right
      expect(pic!.y).toBeLessThan(text!.y + text!.height); // on the same row
      expect(await page.locator(`#page-${n} .page-text`).innerText()).toMatch(n === 1 ? /anmodning/ : /hilsen/);
    }
    if (process.env.KILDE_SCREENSHOT_DIR) await page.screenshot({ path: path.join(process.env.KILDE_SCREENSHOT_DIR, 'document-page-images.png'), fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);
});
