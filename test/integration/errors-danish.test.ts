import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { loadConfig } from '../../server/lib/config';
import { createKilde, type Kilde } from '../../server/kilde';
import { silentLogger } from '../../server/lib/logger';
import { setBasics } from '../../server/http/view-helpers';
import { localiseError } from '../../server/i18n/messages.errors';
import { removeDir, suiteKilde } from '../helpers/kilde';

/**
 * Errors speak the reader's language: the error page, the bulk result and the setup and sign-in
 * forms show a service's message in Danish to a Danish reader, English only (marked lang="en") for
 * a message without a Danish text. The API keeps the English message scripts match on.
 */

/** The text of the page's error message and its lang attribute, if any. */
function errorMessage(html: string): { text: string; lang: string | null } | null {
  const m = /<p class="error-message[^"]*"([^>]*)>([^<]*)<\/p>/.exec(html);
  if (!m) return null;
  return { text: m[2].trim(), lang: /lang="([^"]+)"/.exec(m[1])?.[1] ?? null };
}

describe('error pages — in the reader\'s language', () => {
  const t = suiteKilde();

  test('a missing document, Accept-Language da — a 404 page wholly in Danish', async () => {
    const res = await t.http.get('/documents/doc_doesnotexist000').set('Accept-Language', 'da-DK,da;q=0.9,en;q=0.5');
    expect(res.status).toBe(404);
    expect(res.text).toContain('<html lang="da"');
    expect(res.text).toContain('Ikke fundet');
    expect(errorMessage(res.text)).toEqual({ text: 'Dokumentet blev ikke fundet.', lang: null });
    expect(res.text).not.toContain('was not found');
    // Nothing in the error itself is marked English (the language switch links to English, rightly).
    const section = /<section class="error-page"[\s\S]*?<\/section>/.exec(res.text)?.[0] ?? '';
    expect(section).toContain('Tilbage til forsiden');
    expect(section).not.toMatch(/lang="en"/);
  });

  test('an upload batch with refused files — the reason of each refusal in Danish, in English for an English reader', async () => {
    const res = await t.http.post('/upload').field('access', 'newsroom')
      .attach('files', Buffer.alloc(0), 'tom.pdf').attach('files', Buffer.from([0x4d, 0x5a, 0, 0, 1]), 'program.pdf');
    const batchUrl = res.headers['x-upload-batch'] as string;
    const da = await t.http.get(`${batchUrl}?lang=da`);
    expect(da.text).toContain('Filen er tom.');
    expect(da.text).toContain('Det er et Windows-program, ikke et dokument.');
    expect(da.text).not.toMatch(/class="hint[^"]*" lang="en"/);
    const en = await t.http.get(`${batchUrl}?lang=en`);
    expect(en.text).toContain('The file is empty.');
    expect(en.text).toContain('This is a Windows program, not a document.');
  });

  test('a page that does not exist, ?lang=da — Danish', async () => {
    const res = await t.http.get('/no/such/page?lang=da');
    expect(res.status).toBe(404);
    expect(errorMessage(res.text)).toEqual({ text: 'Siden findes ikke.', lang: null });
  });

  test('the language cookie alone — Danish', async () => {
    const res = await t.http.get('/documents/doc_doesnotexist000').set('Cookie', 'kilde_lang=da');
    expect(errorMessage(res.text)?.text).toBe('Dokumentet blev ikke fundet.');
  });

  test('a bad form (bulk action that does not exist) — a 400 in Danish, the field named as sent', async () => {
    const res = await t.http.post('/documents/bulk?lang=da').type('form').send({ action: 'paint', ids: 'doc_doesnotexist000' });
    expect(res.status).toBe(400);
    expect(res.text).toContain('Noget af det indtastede er ikke gyldigt');
    expect(errorMessage(res.text)).toEqual({ text: 'action: Vælg, hvad der skal ske med de afkrydsede dokumenter.', lang: null });
  });

  test('a bad form the service refuses (tagging with no tag) — a 400 in Danish', async () => {
    const res = await t.http.post('/documents/bulk?lang=da').type('form').send({ action: 'tag', ids: 'doc_doesnotexist000' });
    expect(res.status).toBe(400);
    expect(errorMessage(res.text)).toEqual({ text: 'tags: skriv mindst ét mærke.', lang: null });
  });

  test('the same in English, lang=en — the English message, not marked', async () => {
    const missing = await t.http.get('/documents/doc_doesnotexist000?lang=en').set('Accept-Language', 'da');
    expect(missing.status).toBe(404);
    expect(errorMessage(missing.text)).toEqual({ text: 'This document was not found.', lang: null });
    const bad = await t.http.post('/documents/bulk?lang=en').type('form').send({ action: 'paint', ids: 'doc_doesnotexist000' });
    expect(bad.status).toBe(400);
    expect(errorMessage(bad.text)).toEqual({ text: 'action: Choose what to do with the ticked documents.', lang: null });
  });

  test('the JSON API, asked in Danish — the message stays English and nothing is added', async () => {
    const res = await t.http.get('/api/documents/doc_doesnotexist000?lang=da').set('Accept-Language', 'da');
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ error: { code: 'not_found', message: 'This document was not found.' } });
  });

  test('a message the table has no Danish for — shown in English, marked lang="en", in a Danish page', async () => {
    const locals: Record<string, unknown> = {};
    setBasics(locals, 'da', '/x');
    const render = (message: string, messageLang: string) => new Promise<string>((ok, fail) =>
      t.kilde.app.render('errors/error', { ...locals, status: 415, code: 'unsupported_type', message, messageLang, title: '415' }, (e, html) => (e ? fail(e) : ok(html))));
    const shown = localiseError('da', 'A reason nobody translated.');
    expect(shown.lang).toBe('en');
    expect(errorMessage(await render(shown.text, shown.lang))).toEqual({ text: 'A reason nobody translated.', lang: 'en' });
    const known = localiseError('da', 'Upload the list as plain text or CSV.');
    expect(errorMessage(await render(known.text, known.lang))).toEqual({ text: 'Upload listen som ren tekst eller CSV.', lang: null });
  });

  test('a form that comes back with the service\'s refusal (a new FOI request dated 30 February) — the refusal in Danish, the values kept', async () => {
    const party = await t.http.post('/api/parties').send({ kind: 'authority', name: 'Aarhus Kommune' });
    expect(party.status).toBe(201);
    const res = await t.http.post('/requests?lang=da').type('form').send({ authorityId: party.body.id, subject: 'Aktindsigt i budgetnotater', sentDate: '2018-02-30' });
    expect(res.status).toBe(400);
    expect(res.text).toContain('Aktindsigt i budgetnotater');
    expect(errorMessage(res.text)).toEqual({ text: 'sentDate skal være en rigtig dag skrevet som ÅÅÅÅ-MM-DD, fx 2018-06-28 (fik &#34;2018-02-30&#34;).', lang: null });
    const en = await t.http.post('/requests?lang=en').type('form').send({ authorityId: party.body.id, subject: 'Aktindsigt i budgetnotater', sentDate: '2018-02-30' });
    expect(errorMessage(en.text)?.text).toBe('sentDate must be a real day written as YYYY-MM-DD, for example 2018-06-28 (got &#34;2018-02-30&#34;).');
    // A draft has no deadlines: the request page says why in Danish; the API keeps its English.
    const draft = await t.http.post('/api/requests').send({ authorityId: party.body.id, subject: 'Kladde' });
    expect(draft.status).toBe(201);
    const page = await t.http.get(`/requests/${draft.body.id}?lang=da`);
    expect(page.text).toContain('<p class="hint">Anmodningen er ikke sendt, så der løber endnu ingen frist.</p>');
    expect((await t.http.get(`/api/requests/${draft.body.id}/deadlines`)).body.problem).toMatch(/not been sent/);
  });

  test('the bulk result — a document it could not touch, its reason in Danish', async () => {
    const res = await t.http.post('/documents/bulk?lang=da').type('form').send({ action: 'tag', tags: 'kommune', ids: 'doc_doesnotexist000' });
    expect(res.status).toBe(403);
    expect(res.text).toMatch(/<span class="hint">Dokumentet blev ikke fundet\.<\/span>/);
    expect(res.text).not.toContain('was not found');
  });
});

describe('first-run setup — a refused name or password keeps the form', () => {
  let dir: string;
  let kilde: Kilde;
  let http: ReturnType<typeof request>;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kilde-test-'));
    const config = loadConfig({
      KILDE_DATA_DIR: path.join(dir, 'data'),
      KILDE_UPLOADS_DIR: path.join(dir, 'uploads'),
      KILDE_LOG_LEVEL: 'silent',
      KILDE_OCR_WORKERS: '1',
      KILDE_BCRYPT_COST: '4',
    });
    kilde = createKilde(config, { logger: silentLogger });
    await kilde.start();
    http = request(kilde.app);
  });
  afterAll(async () => {
    await kilde.stop();
    removeDir(dir);
  });

  test('a name with a space, in Danish — the page again, values kept, the reason beside the name, no password', async () => {
    const res = await http.post('/setup?lang=da').type('form').send({ username: 'karen b', displayName: 'Karen Blixen', password: 'hemmelig-adgangskode-42' });
    expect(res.status).toBe(400);
    expect(res.text).toContain('action="/setup"');
    expect(res.text).toMatch(/<input id="username"[^>]*value="karen b"[^>]*aria-invalid="true"[^>]*aria-describedby="username-error"/);
    expect(res.text).toMatch(/<input id="displayName"[^>]*value="Karen Blixen"/);
    expect(res.text).toMatch(/<p class="error-message field-error" id="username-error" role="alert">Et brugernavn har 1–64 bogstaver, cifre, punktummer, bindestreger eller understregninger\.<\/p>/);
    // The reason stands right after the name field, before the next label.
    expect(res.text.indexOf('id="username-error"')).toBeLessThan(res.text.indexOf('<label for="displayName"'));
    expect(res.text).not.toContain('hemmelig-adgangskode-42');
    expect(res.text).not.toMatch(/<input id="password"[^>]*value=/);
    expect(kilde.auth.hasUsers()).toBe(false);
  });

  test('a short password, in English — the reason beside the password, the name kept', async () => {
    const res = await http.post('/setup?lang=en').type('form').send({ username: 'karen', displayName: '', password: 'short' });
    expect(res.status).toBe(400);
    expect(res.text).toMatch(/<input id="username"[^>]*value="karen"/);
    expect(res.text).toMatch(/<p class="error-message field-error" id="password-error" role="alert">The password must be at least 10 characters long\.<\/p>/);
    expect(res.text).toMatch(/<input id="password"[^>]*aria-invalid="true"/);
    expect(res.text).not.toContain('id="username-error"');
  });

  test('a name longer than the form allows — the schema\'s refusal, in Danish, beside the name', async () => {
    const long = 'k'.repeat(80);
    const res = await http.post('/setup?lang=da').type('form').send({ username: long, password: 'hemmelig-adgangskode-42' });
    expect(res.status).toBe(400);
    expect(res.text).toContain('id="username-error"');
    expect(res.text).toContain('username: For lang: højst 64 tegn');
    expect(res.text).toMatch(/<input id="username"[^>]*value="k{64}"/);
  });

  test('markup typed as a name — shown back escaped', async () => {
    const res = await http.post('/setup').type('form').send({ username: '"><script>x</script>', password: 'hemmelig-adgangskode-42' });
    expect(res.status).toBe(400);
    expect(res.text).not.toContain('<script>x</script>');
    expect(res.text).toContain('value="&#34;&gt;&lt;script&gt;x&lt;/script&gt;"');
  });

  test('the same refusal asked as JSON — the usual JSON error in English', async () => {
    const res = await http.post('/setup').set('Accept', 'application/json').send({ username: 'karen b', password: 'hemmelig-adgangskode-42' });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe('A username has 1–64 letters, digits, dots, dashes or underscores.');
  });

  test('a good form after a refused one — the administrator is made', async () => {
    const res = await http.post('/setup').type('form').send({ username: 'karen', displayName: 'Karen Blixen', password: 'hemmelig-adgangskode-42' });
    expect(res.status).toBe(303);
    expect(kilde.auth.hasUsers()).toBe(true);
  });

  test('sign-in — a wrong password keeps the name; a name too long comes back too, in Danish', async () => {
    const wrong = await http.post('/login?lang=da').type('form').send({ username: 'karen', password: 'forkert-forkert' });
    expect(wrong.status).toBe(401);
    expect(wrong.text).toMatch(/<input id="username"[^>]*value="karen"/);
    expect(wrong.text).toContain('Brugernavnet eller adgangskoden er forkert.');
    const long = await http.post('/login?lang=da').type('form').send({ username: 'k'.repeat(70), password: 'x' });
    expect(long.status).toBe(400);
    expect(long.text).toMatch(/<input id="username"[^>]*value="k{64}"/);
    expect(errorMessage(long.text)).toEqual({ text: 'username: For lang: højst 64 tegn', lang: null });
  });
});
