import type { BrowserContext, Page } from 'playwright-core';
import { describeInBrowser, serveInBrowser, signInPage, type Served, axeFindings, screenshotOnFailure, sidewaysScroll } from '../helpers/browser';
import { removeDir, startTestKilde, waitForStatus, type TestKilde } from '../helpers/kilde';

/**
 * The FOI screens in a real headless Chromium: the authority picked from the directory by typing
 * a few letters, the letter copied with one click, a document linked without JavaScript, long
 * Danish authority names kept whole in the request page's narrow column, no sideways scrolling at
 * 360 px, and axe-core finding nothing serious or critical on the overview, request, letter, form
 * and party pages. A failing step leaves a screenshot in the temp dir.
 */
const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);
const LONG_NAME = 'Arbejdsmarkedsstyrelsen for Rekrutteringsundersøgelser';

describeInBrowser('browser — FOI screens', () => {
  let t: TestKilde;
  let served: Served;
  let context: BrowserContext;
  let page: Page;
  let requestId: string;
  let authorityId: string;
  let minutesId: string;
  let odenseKey: string;
  let esbjergKey: string;

  beforeAll(async () => {
    t = await startTestKilde();
    const sofie = t.as('journalist', 'sofie');
    authorityId = (await sofie.http.post('/api/parties').send({ name: LONG_NAME, kind: 'authority', email: 'post@ams.example', postalAddress: 'Njalsgade 72A\n2300 København S' })).body.id;
    const req = await sofie.http.post('/api/requests').send({ authorityId, subject: 'Aktindsigt i refusionssager', body: 'Jeg beder om aktindsigt i refusionssagerne.', jurisdiction: 'DK', sentDate: daysAgo(40), status: 'sent', channel: 'email' });
    requestId = req.body.id;
    const up = await sofie.http.post('/api/documents').field('title', 'Referat af styrelsens møde').attach('file', Buffer.from('Referat af mødet om refusioner.'), 'referat.txt');
    minutesId = up.body.id;
    await waitForStatus(t, minutesId);
    // One directory entry with its addresses recorded, one without (the seeded directory has none).
    const keyOf = async (name: string) => ((await sofie.http.get('/api/foi/authorities').query({ q: name })).body.authorities as Array<{ key: string; name: string }>).find((a) => a.name === name)!.key;
    odenseKey = await keyOf('Odense Kommune');
    esbjergKey = await keyOf('Esbjerg Kommune');
    await sofie.http.patch(`/api/foi/authorities/${odenseKey}`).send({ email: 'odense@odense.example', postalAddress: 'Flakhaven 2\n5000 Odense C' });
    served = await serveInBrowser(t);
    // axe-core is injected as a script (the CSP allows only our own); the clipboard is granted to read back the copy.
    context = await served.browser.newContext({ bypassCSP: true, viewport: { width: 1280, height: 900 } });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: served.base });
    page = await context.newPage();
    await signInPage(page, served.base, 'sofie');
  });
  afterAll(async () => {
    await context?.close();
    await served?.close();
    await t?.stop();
    if (t) removeDir(t.dir);
  });

  const step = screenshotOnFailure(() => page, 'foi-');
  const axe = axeFindings;
  const sideways = sidewaysScroll;
  /** Words of an element's text that the layout split over two lines (a word with more than one line box). */
  const splitWords = (p: Page, selector: string) => p.evaluate(`(() => {
    const el = document.querySelector(${JSON.stringify(selector)});
    if (!el) return ['(missing ' + ${JSON.stringify(selector)} + ')'];
    const split = [];
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const re = /\\S+/g;
      let m;
      while ((m = re.exec(node.textContent))) {
        const range = document.createRange();
        range.setStart(node, m.index);
        range.setEnd(node, m.index + m[0].length);
        const tops = new Set(Array.from(range.getClientRects()).filter((r) => r.width > 0).map((r) => Math.round(r.top)));
        if (tops.size > 1) split.push(m[0]);
      }
    }
    return split;
  })()`) as Promise<string[]>;

  test('new request — typing a few letters finds the municipality in the directory; saved, it is an authority with its e-mail', () => step('form', async () => {
    await page.goto(`${served.base}/requests/new?lang=da`);
    const box = page.locator('input.req-filter-box');
    await box.fill('aarhu');
    expect(await page.locator('#authorityId option:checked').textContent()).toBe('Aarhus Kommune');
    expect(await page.locator('#authorityId option:not([hidden])').count()).toBeLessThan(5);
    await page.fill('#subject', 'Aktindsigt i Aarhus’ budgetnotater');
    await page.fill('#authorityEmail', 'aarhus.kommune@aarhus.dk');
    await page.click('.req-form button[type=submit]');
    await page.waitForURL(/\/requests\/req_/);
    expect(await page.locator('[data-authority-email]').textContent()).toBe('aarhus.kommune@aarhus.dk');
  }));

  test('new request — picking a directory authority fills its addresses; what the journalist typed stays', () => step('prefill', async () => {
    await page.goto(`${served.base}/requests/new?lang=da`);
    const note = page.locator('[data-directory-filled]');
    expect(await note.isVisible()).toBe(false);
    await page.selectOption('#authorityId', `dir:${odenseKey}`);
    expect(await page.inputValue('#authorityEmail')).toBe('odense@odense.example');
    expect(await page.inputValue('#authorityPostalAddress')).toBe('Flakhaven 2\n5000 Odense C');
    expect(await note.isVisible()).toBe(true);
    expect(await note.textContent()).toBe('Udfyldt fra fortegnelsen: kontrollér før afsendelse.');
    // Another authority without addresses: the filled-in values go, the note too.
    await page.selectOption('#authorityId', `dir:${esbjergKey}`);
    expect(await page.inputValue('#authorityEmail')).toBe('');
    expect(await page.inputValue('#authorityPostalAddress')).toBe('');
    expect(await note.isVisible()).toBe(false);
    // An address typed by hand is never overwritten; the empty field is still filled.
    await page.fill('#authorityEmail', 'sagsbehandler@odense.example');
    await page.locator('input.req-filter-box').fill('odense');
    expect(await page.locator('#authorityId option:checked').textContent()).toBe('Odense Kommune');
    expect(await page.inputValue('#authorityEmail')).toBe('sagsbehandler@odense.example');
    expect(await page.inputValue('#authorityPostalAddress')).toBe('Flakhaven 2\n5000 Odense C');
  }));

  test('directory page — shows the recorded addresses, and the edit form saves a new one', () => step('directory', async () => {
    await page.goto(`${served.base}/foi/authorities?q=Odense&lang=da`);
    const row = page.locator(`[data-directory-key="${odenseKey}"]`);
    expect(await row.locator('[data-email]').textContent()).toBe('odense@odense.example');
    await row.locator('a', { hasText: 'Redigér' }).click();
    await page.waitForURL(new RegExp(`/foi/authorities/${odenseKey}$`));
    await page.fill('#email', 'post@odense.example');
    await page.click('.req-form button[type=submit]');
    await page.waitForURL(/saved=/);
    expect(await page.locator(`[data-directory-key="${odenseKey}"] [data-email]`).textContent()).toBe('post@odense.example');
  }));

  test('letter — the copy button puts the letter on the clipboard and says so; the mail link is addressed to the authority', () => step('letter', async () => {
    await page.goto(`${served.base}/requests/${requestId}/letters/request?lang=da`);
    const button = page.locator('button[data-copy-text="letter-body"]');
    expect(await button.isVisible()).toBe(true);
    await page.fill('#letter-body', 'Kære styrelse,\n\nJeg beder om aktindsigt.\n\nVenlig hilsen\nSofie');
    await button.click();
    await page.waitForFunction('document.querySelector("[data-copy-status]").textContent.length > 0');
    expect(await page.locator('[data-copy-status]').textContent()).toBe('Kopieret til udklipsholderen.');
    expect(await page.evaluate('navigator.clipboard.readText()')).toBe('Kære styrelse,\n\nJeg beder om aktindsigt.\n\nVenlig hilsen\nSofie');
    // The mail link takes the text as edited.
    await page.locator('a[data-mailto]').focus();
    const href = await page.locator('a[data-mailto]').getAttribute('href');
    const url = new URL(href!);
    expect(url.pathname).toBe('post@ams.example');
    expect(url.searchParams.get('body')).toBe('Kære styrelse,\r\n\r\nJeg beder om aktindsigt.\r\n\r\nVenlig hilsen\r\nSofie');
  }));

  test('link a document without JavaScript — words in, matching documents out, one click links', () => step('nojs', async () => {
    const plain = await served.browser.newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 844 } });
    try {
      const p = await plain.newPage();
      await signInPage(p, served.base, 'sofie');
      await p.goto(`${served.base}/requests/${requestId}?lang=da`);
      await p.fill('input[data-doc-lookup]', 'Referat');
      await p.click('.req-link-form button[type=submit]');
      await p.waitForURL(/docq=Referat/);
      const candidate = p.locator(`[data-candidate="${minutesId}"]`);
      expect(await candidate.count()).toBe(1);
      await candidate.locator('button[type=submit]').click();
      await p.waitForURL(/#documents$/);
      expect(await p.locator(`.doc-row[data-document-id="${minutesId}"]`).count()).toBe(1);
      expect(await sideways(p)).toBe(0);
    } finally {
      await plain.close();
    }
  }));

  test('narrow column — the authority’s long name wraps between words, never inside one', () => step('words', async () => {
    for (const width of [1280, 900, 390, 360]) {
      await page.setViewportSize({ width, height: 900 });
      await page.goto(`${served.base}/requests/${requestId}?lang=da`);
      expect({ width, split: await splitWords(page, '.request .doc-meta dd') }).toEqual({ width, split: [] });
    }
    await page.setViewportSize({ width: 1280, height: 900 });
  }));

  const PAGES = () => [
    ['overview', '/requests'], ['request', `/requests/${requestId}`], ['letter', `/requests/${requestId}/letters/request`],
    ['form', '/requests/new'], ['party', `/parties/${authorityId}`], ['link results', `/requests/${requestId}?docq=Referat`],
    ['directory', '/foi/authorities'], ['directory entry', `/foi/authorities/${odenseKey}`],
  ];

  test('360 px — the FOI pages scroll only downwards', () => step('phone', async () => {
    await page.setViewportSize({ width: 360, height: 740 });
    const wide: string[] = [];
    for (const [name, url] of PAGES()) {
      await page.goto(`${served.base}${url}${url.includes('?') ? '&' : '?'}lang=da`);
      const over = await sideways(page);
      if (over > 0) wide.push(`${name}: ${over}px too wide`);
    }
    await page.setViewportSize({ width: 1280, height: 900 });
    expect(wide).toEqual([]);
  }));

  test('accessibility — axe-core on the FOI pages — no serious or critical violations', () => step('axe', async () => {
    const found: string[] = [];
    for (const [name, url] of PAGES()) {
      await page.goto(`${served.base}${url}`);
      for (const v of await axe(page)) found.push(`${name}: ${v}`);
    }
    expect(found).toEqual([]);
  }));

  test('party page — the authority’s record lists the overdue request', () => step('party', async () => {
    await page.goto(`${served.base}/parties/${authorityId}?lang=da`);
    expect(await page.locator('.foi-record [data-figure="sent"]').textContent()).toBe('1');
    expect(await page.locator(`[data-record-request="${requestId}"]`).textContent()).toContain('overskredet');
    expect(await page.locator('[data-party-address]').textContent()).toBe('Njalsgade 72A\n2300 København S');
  }));
});
