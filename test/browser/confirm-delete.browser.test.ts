import { describeInBrowser, signInPage, useServedKilde } from '../helpers/browser';
import type { TestKilde } from '../helpers/kilde';

/**
 * Deleting asks first, in the page's language, saying what goes with it (public/kilde.js reads the
 * button's data-confirm): a saved search with its alerts, a story with its events. Cancel keeps it;
 * OK deletes it. Without JavaScript the button deletes, as the document page's does.
 */
describeInBrowser('browser — deleting asks first', () => {
  let anna: ReturnType<TestKilde['as']>;

  const k = useServedKilde(async (t) => {
    anna = t.as('journalist', 'anna');
  });

  const savedNames = async () => ((await anna.http.get('/api/saved-searches')).body.savedSearches as Array<{ name: string }>).map((s) => s.name);

  test('a saved search — Cancel keeps it, OK deletes it; in Danish the question is Danish', async () => {
    expect((await anna.http.post('/api/saved-searches').send({ name: 'Havnetunnel', search: 'q=havnetunnel' })).status).toBe(201);
    const context = await k.served.browser.newContext({ locale: 'da-DK', extraHTTPHeaders: { 'Accept-Language': 'da' } });
    try {
      const page = await context.newPage();
      await signInPage(page, k.served.base, 'anna');
      await page.goto(`${k.served.base}/saved-searches`);
      const asked: string[] = [];
      page.once('dialog', (d) => { asked.push(d.message()); void d.dismiss(); });
      await page.click('form[action$="/delete"] button');
      expect(asked).toEqual(['Slet den gemte søgning og dens beskeder? De dokumenter, den fandt, bliver i arkivet.']);
      expect(await savedNames()).toEqual(['Havnetunnel']);
      page.once('dialog', (d) => void d.accept());
      await Promise.all([page.waitForURL(`${k.served.base}/saved-searches`), page.click('form[action$="/delete"] button')]);
      expect(await savedNames()).toEqual([]);
    } finally {
      await context.close();
    }
  });

  test('a story — the question says its events go with it; without JavaScript the button deletes at once', async () => {
    const story = await anna.http.post('/api/stories').send({ title: 'Havnetunnelen' });
    expect(story.status).toBe(201);
    expect((await anna.http.post('/api/events').send({ title: 'Udbud annulleret', date: '2024-03-01', storyId: story.body.id })).status).toBe(201);
    const context = await k.served.browser.newContext();
    try {
      const page = await context.newPage();
      await signInPage(page, k.served.base, 'anna');
      await page.goto(`${k.served.base}/stories/${story.body.id}`);
      await page.locator('details:has(form[action$="/delete"]) > summary').first().click();
      const asked: string[] = [];
      page.once('dialog', (d) => { asked.push(d.message()); void d.dismiss(); });
      await page.click(`form[action="/stories/${story.body.id}/delete"] button`);
      expect(asked[0]).toMatch(/^Delete this story and its events/);
      expect((await anna.http.get(`/api/stories/${story.body.id}`)).status).toBe(200);
    } finally {
      await context.close();
    }
    const noScript = await k.served.browser.newContext({ javaScriptEnabled: false });
    try {
      const page = await noScript.newPage();
      await signInPage(page, k.served.base, 'anna');
      await page.goto(`${k.served.base}/stories/${story.body.id}`);
      await page.locator('details:has(form[action$="/delete"]) > summary').first().click();
      await Promise.all([page.waitForLoadState(), page.click(`form[action="/stories/${story.body.id}/delete"] button`)]);
      await page.waitForURL((u) => !u.pathname.startsWith(`/stories/${story.body.id}`));
      expect((await anna.http.get(`/api/stories/${story.body.id}`)).status).toBe(404);
    } finally {
      await noScript.close();
    }
  });
});
