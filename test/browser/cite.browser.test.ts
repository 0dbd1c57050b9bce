import { describeInBrowser, signInPage, useServedKilde } from '../helpers/browser';
import { makePdf } from '../helpers/pdf';
import { waitForStatus, type TestKilde } from '../helpers/kilde';

/**
 * An editor checking a claim, in a real headless Chromium: search, open the hit on its page with
 * the words marked, copy the citation to the clipboard, select a passage, make a quote link, and
 * open it with the passage marked.
 */
describeInBrowser('browser — search, land on the words, copy a citation, make a quote link', () => {
  let docId: string;

  const k = useServedKilde(async (t) => {
    const editor = t.as('editor', 'eva');
    const pdf = await makePdf(['Til KL. Vedrørende kommunernes it-løsninger.', 'Styrelsen skriver, at personfølsomme data ikke må flyttes til Holland uden en konsekvensanalyse.']);
    const res = await editor.http.post('/api/documents').attach('file', pdf, 'brev.pdf').field('title', 'Brev om skyløsninger').field('date', '2018-06-28');
    docId = res.body.id;
    await waitForStatus(t, docId);
  });

  test('editor — search → hit on page 2 with the words marked → citation copied → quote link made and opened', async () => {
    const { base, browser } = k.served;
    const context = await browser.newContext();
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: base });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    page.on('pageerror', (e) => errors.push(e.message));
    await signInPage(page, base, 'eva');

    // Search, and open the hit: the permanent page link, with the searched words marked.
    await page.goto(`${base}/search?q=${encodeURIComponent('personfolsomme holland')}`);
    await page.locator('.hit .page-link').first().click();
    await page.waitForURL(new RegExp(`/d/${docId}/p/2\\?q=`));
    expect(await page.locator('[data-page-text] mark').allTextContents()).toEqual(['personfølsomme', 'Holland']);

    // Copy the newsroom citation of page 2: the button appears with the script and fills the clipboard.
    const copy = page.locator('button[data-copy="#cite-short-2"]');
    await copy.waitFor({ state: 'visible' });
    await copy.click();
    await page.waitForSelector('button[data-copy="#cite-short-2"].copied');
    const copied = await page.evaluate('navigator.clipboard.readText()');
    expect(copied).toBe('Brev om skyløsninger, 28 June 2018, p. 2');
    expect(copied).toBe(await page.inputValue('#cite-short-2'));

    // Select a passage in the page text: the script puts it in the quote-link box.
    const passage = 'personfølsomme data ikke må flyttes til Holland';
    // Runs in the page (typed loosely: the tests compile without the DOM library).
    await page.locator('[data-page-text]').evaluate((box: any, words: string) => {
      const doc = box.ownerDocument;
      const win = doc.defaultView;
      const walker = doc.createTreeWalker(box, 4 /* NodeFilter.SHOW_TEXT */);
      let text = '';
      const nodes: Array<{ node: unknown; at: number }> = [];
      for (let n = walker.nextNode(); n; n = walker.nextNode()) (nodes.push({ node: n, at: text.length }), (text += n.textContent));
      const start = text.indexOf(words);
      const end = start + words.length;
      const find = (offset: number) => nodes.filter((x) => x.at <= offset).at(-1)!;
      const range = doc.createRange();
      range.setStart(find(start).node, start - find(start).at);
      range.setEnd(find(end).node, end - find(end).at);
      win.getSelection().removeAllRanges();
      win.getSelection().addRange(range);
      box.dispatchEvent(new win.MouseEvent('mouseup', { bubbles: true }));
    }, passage);
    expect(await page.inputValue('#quote-text')).toBe(passage);

    // Make the quote link and open it: the passage is marked and said to be found.
    await page.click('form[data-quote-form] button[type=submit]');
    await page.waitForURL(/\/q\/q_[A-Za-z0-9_-]+$/);
    const quoteUrl = page.url();
    expect(await page.locator('mark.quote#quote').textContent()).toBe(passage);
    expect(await page.locator('.quote-status').textContent()).toMatch(/found on page 2/i);

    // The link works for a colleague too, in a fresh browser session.
    k.t.as('journalist', 'jonas');
    const other = await browser.newContext();
    const page2 = await other.newPage();
    await signInPage(page2, base, 'jonas');
    await page2.goto(quoteUrl);
    expect(await page2.locator('mark.quote#quote').textContent()).toBe(passage);
    await other.close();
    await context.close();
    expect(errors).toEqual([]);
  });
});
