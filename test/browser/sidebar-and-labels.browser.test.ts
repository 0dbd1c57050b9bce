import fs from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';
import { describeInBrowser, serveInBrowser, signInPage, type Served } from '../helpers/browser';
import { makePdf } from '../helpers/pdf';
import { removeDir, startTestKilde, waitForStatus, type TestKilde } from '../helpers/kilde';

/**
 * In a real Chromium at 1280×800: the document sidebar holds a suggestion whose same-day event has
 * a very long title, and axe-core finds no unlabelled template text on /foi/letters and no empty
 * column header on /admin/users (rules of any impact, not only serious ones).
 */
const AXE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

async function axeRule(page: Page, rule: string): Promise<string[]> {
  await page.evaluate(AXE);
  const result = (await page.evaluate(`axe.run(document, { runOnly: { type: 'rule', values: ['${rule}'] } })`)) as { violations: Array<{ nodes: Array<{ target: string[] }> }> };
  return result.violations.flatMap((v) => v.nodes.map((n) => n.target.join(' ')));
}

describeInBrowser('browser — sidebar and labels', () => {
  let t: TestKilde;
  let served: Served;
  let context: BrowserContext;
  let page: Page;
  let docId: string;

  beforeAll(async () => {
    t = await startTestKilde();
    t.as('admin', 'ada');
    const long = 'Samråd i Folketingets Beskæftigelsesudvalg om kommunernes brug af amerikanske skyløsninger til personfølsomme oplysninger om borgere';
    await t.http.post('/api/events').send({ title: long, date: '2018-06-28' }).expect(201);
    const pdf = await makePdf(['København, 28. september 2018\n\nStyrelsen skrev den 28. juni 2018 til kommunerne om skyløsninger og personfølsomme data.']);
    docId = (await t.http.post('/api/documents').attach('file', pdf, 'brev.pdf')).body.id;
    await waitForStatus(t, docId);
    served = await serveInBrowser(t);
    context = await served.browser.newContext({ bypassCSP: true, viewport: { width: 1280, height: 800 } });
    page = await context.newPage();
    await signInPage(page, served.base, 'ada');
  });
  afterAll(async () => {
    await context?.close();
    await served?.close();
    await t?.stop();
    if (t) removeDir(t.dir);
  });

  test('document page — a long same-day event title in a suggestion — stays inside the sidebar', async () => {
    await page.goto(`${served.base}/documents/${docId}?lang=da`);
    const select = page.locator('select[name=eventId]').first();
    await select.waitFor({ state: 'attached' });
    // The suggestions sit in a closed panel on some layouts: open every panel to measure.
    await page.evaluate('document.querySelectorAll("details").forEach(function (d) { d.open = true; })');
    const overflow = await page.evaluate(`(() => {
      const aside = document.querySelector('.doc-meta').getBoundingClientRect();
      return Array.from(document.querySelectorAll('.doc-meta select, .doc-meta input[type=text]'))
        .filter((el) => el.getBoundingClientRect().width > 0)
        .map((el) => Math.round(el.getBoundingClientRect().right - aside.right))
        .filter((px) => px > 0);
    })()`);
    expect(overflow).toEqual([]);
  });

  test('document page — party type-ahead in Danish — the names it fetches are labelled with the kind in Danish, as the page\'s own list', async () => {
    await page.goto(`${served.base}/documents/${docId}?lang=da`);
    await page.evaluate('document.querySelectorAll("details").forEach(function (d) { d.open = true; })');
    // Created after the page was served: only the script's fetch can bring it into the list.
    await t.http.post('/api/parties').send({ kind: 'authority', name: 'Styrelsen for Dataforsyning', shortName: 'SDFI' }).expect(201);
    const fetched = page.waitForResponse((r) => r.url().includes('/api/parties?') && r.status() === 200);
    await page.locator('#link-party').pressSequentially('Styrelsen for Data');
    await fetched;
    await page.waitForFunction('Array.from(document.querySelectorAll("#party-names option")).some(function (o) { return o.value === "Styrelsen for Dataforsyning"; })');
    const labels = await page.evaluate('Array.from(document.querySelectorAll("#party-names option")).map(function (o) { return o.textContent; })') as string[];
    expect(labels).toContain('SDFI · myndighed');
    expect(labels.join('\n')).not.toContain('authority');
  });

  test('document page — event type-ahead in Danish — the events it fetches are dated as the page\'s own list dates them', async () => {
    await page.goto(`${served.base}/documents/${docId}?lang=da`);
    await page.evaluate('document.querySelectorAll("details").forEach(function (d) { d.open = true; })');
    const ownList = await page.evaluate('Array.from(document.querySelectorAll("#event-names option")).map(function (o) { return o.textContent; })') as string[];
    expect(ownList).toContain('28. juni 2018');
    // Created after the page was served: only the script's fetch can bring them into the list.
    await t.http.post('/api/events').send({ title: 'Tilsynets afgørelse om skyløsninger', date: '2019-03-05' }).expect(201);
    await t.http.post('/api/events').send({ title: 'Tilsynets årsrapport om skyløsninger', date: '2019-11' }).expect(201);
    const fetched = page.waitForResponse((r) => r.url().includes('/api/events?') && r.status() === 200);
    await page.locator('#link-event').pressSequentially('Tilsynets');
    await fetched;
    await page.waitForFunction('document.querySelectorAll("#event-names option").length === 2');
    const labels = await page.evaluate('Array.from(document.querySelectorAll("#event-names option")).map(function (o) { return o.value + " | " + o.textContent; })') as string[];
    expect(labels.sort()).toEqual(['Tilsynets afgørelse om skyløsninger | 5. marts 2019', 'Tilsynets årsrapport om skyløsninger | november 2019']);
  });

  test('letter templates — axe "label" — every template text has a label', async () => {
    await page.goto(`${served.base}/foi/letters?lang=da`);
    expect(await page.locator('textarea').count()).toBeGreaterThan(0);
    expect(await axeRule(page, 'label')).toEqual([]);
  });

  test('users — axe "empty-table-header" — every column is headed', async () => {
    await page.goto(`${served.base}/admin/users?lang=da`);
    expect(await axeRule(page, 'empty-table-header')).toEqual([]);
  });
});
