import { eml } from '../helpers/generated';
import { readFixture } from '../helpers/fixtures';
import { makePdf } from '../helpers/pdf';
import { removeDir, startTestKilde, waitForStatus, type TestKilde } from '../helpers/kilde';

/**
 * Pages as a Danish newsroom sees them: the audit log filtered from a document and paged with its
 * filters, Danish titles and labels, type labels, counted phrases, metadata in the reader's
 * language, labelled letter templates, and RIS a reference manager reads whole.
 */
describe('pages — Danish, labelled and whole', () => {
  let t: TestKilde;
  let pdfId: string;
  let otherId: string;
  let mailId: string;
  let docxId: string;
  const LONG_TITLE = 'Brev fra Styrelsen for Arbejdsmarked og Rekruttering til KL om kommunernes skyløsninger (28. september 2018)';

  beforeAll(async () => {
    t = await startTestKilde();
    const pdf = await makePdf(['Første side.', 'Anden side om skyløsninger.']);
    pdfId = (await t.http.post('/api/documents').attach('file', pdf, 'brev.pdf').field('title', LONG_TITLE)).body.id;
    otherId = (await t.http.post('/api/documents').attach('file', await makePdf(['Et andet brev.']), 'andet.pdf')).body.id;
    const mail = eml({ from: 'a@example.dk', to: 'b@example.dk', subject: 'Svar på aktindsigt', date: 'Tue, 24 Nov 2015 00:35:26 +0000', body: 'Hej.', attachments: [] });
    mailId = (await t.http.post('/api/documents').attach('file', mail, 'svar.eml')).body.id;
    docxId = (await t.http.post('/api/documents').attach('file', readFixture('docx/mammoth-tables.docx'), 'tabeller.docx')).body.id;
    for (const id of [pdfId, otherId, mailId, docxId]) await waitForStatus(t, id, ['ready', 'failed']);
  });
  afterAll(async () => {
    await t.stop();
    removeDir(t.dir);
  });

  test('audit log — the link on a document page — lists only that document', async () => {
    const page = await t.http.get(`/documents/${pdfId}?lang=da`);
    const href = /href="(\/admin\/audit\?[^"]+)"/.exec(page.text)![1]!.replace(/&amp;/g, '&');
    const res = await t.http.get(href);
    expect(res.status).toBe(200);
    const ids = [...res.text.matchAll(/<code>(doc_[^<]+)<\/code>/g)].map((m) => m[1]);
    expect(ids.length).toBeGreaterThan(0);
    expect(new Set(ids)).toEqual(new Set([pdfId]));
  });

  test('audit log — more than a page — the pager keeps the filters', async () => {
    for (let i = 0; i < 101; i++) t.kilde.audit.record(null, { action: 'verify', entityType: 'originals', summary: `check ${i}` });
    const res = await t.http.get('/admin/audit?action=verify&entityType=originals&lang=da');
    const next = /<a href="([^"]+)">Næste/.exec(res.text)![1]!.replace(/&amp;/g, '&');
    expect(Object.fromEntries(new URLSearchParams(next.split('?')[1]))).toEqual({ action: 'verify', entityType: 'originals', page: '2' });
    const second = await t.http.get(next);
    expect(second.text).toContain('(101)');
    expect(second.text).toContain('check 0');
    expect(second.text).not.toContain('check 1<');
  });

  test('audit log — actions and kinds of item — in the reader\'s language, the filter kept; an unknown code as it is', async () => {
    t.kilde.audit.record(null, { action: 'verify', entityType: 'originals', summary: 'labels' });
    const da = await t.http.get('/admin/audit?action=verify&lang=da');
    expect(da.text).toMatch(/<td data-code="verify">Kontrolleret<\/td>/);
    expect(da.text).toMatch(/<td data-code="originals">Originalfiler <code>/);
    expect(da.text).toContain('<option value="verify" selected>Kontrolleret</option>');
    const en = await t.http.get('/admin/audit?entityType=originals&lang=en');
    expect(en.text).toMatch(/<td data-code="verify">Checked<\/td>/);
    expect(en.text).toContain('<option value="originals" selected>Original files</option>');
    // A row of an older Kilde, with a code this one has no label for: the code, escaped, and still a filter.
    t.kilde.db.prepare("INSERT INTO audit_log (at, action, entity_type, summary) VALUES (?, 'old<act>', 'thing', 'from before')").run(new Date().toISOString());
    const old = await t.http.get('/admin/audit?action=' + encodeURIComponent('old<act>') + '&lang=da');
    expect(old.text).toMatch(/<td data-code="old&lt;act&gt;">old&lt;act&gt;<\/td>/);
    expect(old.text).toContain('<option value="old&lt;act&gt;" selected>old&lt;act&gt;</option>');
    expect(old.text).not.toContain('<act>');
  });

  test('audit log — a filter that matches nothing, a page past the end — says so, with the way back, in Danish and English', async () => {
    const none = await t.http.get('/admin/audit?actor=' + encodeURIComponent('ingen <sådan>') + '&lang=da');
    expect(none.status).toBe(200);
    expect(none.text).toContain('<p class="empty" role="status">Ingen poster passer til filtrene. <a href="/admin/audit">Vis hele loggen</a></p>');
    expect(none.text).not.toContain('<table class="grid audit">');
    expect(none.text).toContain('value="ingen &lt;sådan&gt;"');
    const past = await t.http.get('/admin/audit?page=9999&lang=en');
    expect(past.status).toBe(200);
    expect(past.text).toContain('This page is past the end of the log. <a href="/admin/audit?page=1">Go to the first page</a>');
    // Past the end of a filtered selection: back to its first page, the filter kept.
    t.kilde.audit.record(null, { action: 'verify', entityType: 'originals', summary: 'past the end' });
    const pastFiltered = await t.http.get('/admin/audit?action=verify&page=9999&lang=en');
    expect(pastFiltered.text).toContain('<a href="/admin/audit?action=verify&amp;page=1">Go to the first page</a>');
    const some = await t.http.get('/admin/audit?lang=en');
    expect(some.text).toContain('<table class="grid audit">');
    expect(some.text).not.toContain('class="empty"');
  });

  test('audit log — in Danish — headers, labels and times in Danish', async () => {
    const res = await t.http.get('/admin/audit?lang=da');
    expect(res.text).toContain('<title>Revisionslog · Kilde</title>');
    const headers = [...res.text.matchAll(/<th scope="col">([^<]*)<\/th>/g)].map((m) => m[1]);
    expect(headers).toEqual(['Hvornår', 'Hvem', 'Handling', 'Hvad', 'Detaljer']);
    // Every filter field has a label around it; what happened and to what are chosen from lists.
    for (const name of ['actor', 'entityId']) expect(res.text).toMatch(new RegExp(`<label><span>[^<]+</span><input type="search" name="${name}"`));
    for (const name of ['action', 'entityType']) expect(res.text).toMatch(new RegExp(`<label><span>[^<]+</span><select name="${name}"><option value="">Alle</option>`));
    expect(res.text).not.toMatch(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}/);
    expect(res.text).toMatch(/<time datetime="[^"]+">\d{1,2}\. [a-zæøå]+\.? \d{4}/);
  });

  test.each([
    ['/parties?lang=da', 'Parter'],
    ['/events?lang=da', 'Begivenheder'],
    ['/account?lang=da', 'Konto'],
    ['/admin/users?lang=da', 'Brugere'],
    ['/admin/search?lang=da', 'Søgeindeks'],
  ])('title — %s — is Danish', async (url, title) => {
    const res = await t.http.get(url);
    expect(res.text).toContain(`<title>${title} · Kilde</title>`);
  });

  test('title — the sign-in page — is Danish', async () => {
    const res = await t.anon.get('/login?lang=da');
    expect(res.text).toContain('<title>Log ind · Kilde</title>');
  });

  test('users — in Danish — roles translated, every column headed', async () => {
    const res = await t.http.get('/admin/users?lang=da');
    expect(res.text).not.toMatch(/<th><\/th>/);
    expect(res.text).toContain('>Redaktør</option>');
    expect(res.text).not.toContain('>editor</option>');
  });

  test('documents list — DOCX and e-mail — whole short labels in the filter and as badges', async () => {
    const res = await t.http.get('/documents?lang=da');
    expect(res.text).toContain('<span class="type-badge">DOCX</span>');
    expect(res.text).toContain('<span class="type-badge">E-mail</span>');
    expect(res.text).toMatch(/>DOCX \(application\/vnd\.openxmlformats/);
    expect(res.text).toContain('>E-mail (message/rfc822)</option>');
    expect(res.text).not.toMatch(/DOCUM|RFC82/);
  });

  test('parties list — one document — "1 dokument"', async () => {
    const party = (await t.http.post('/api/parties').send({ kind: 'authority', name: 'Styrelsen for Arbejdsmarked og Rekruttering' })).body.id;
    await t.http.post(`/api/documents/${pdfId}/parties`).send({ partyId: party, role: 'sender' }).expect(201);
    const da = await t.http.get('/parties?lang=da');
    expect(da.text).toContain('1 dokument<');
    expect(da.text).not.toContain('1 dokumenter');
    expect((await t.http.get('/parties?lang=en')).text).toContain('1 document<');
  });

  test('RIS — a title longer than 70 characters — stays on one line', async () => {
    const { body } = await t.http.get(`/api/documents/${pdfId}/citation?page=2`);
    expect(body.machine.ris).toContain(`TI  - ${LONG_TITLE}\n`);
    for (const line of body.machine.ris.split('\n')) expect(line).toMatch(/^[A-Z][A-Z0-9] {2}- /);
    const page = await t.http.get(`/d/${pdfId}/p/2?lang=da`);
    expect(page.text).toContain(`TI  - ${LONG_TITLE}\n`);
  });

  test('letter templates — every template text field has a label', async () => {
    const res = await t.http.get('/foi/letters?lang=da');
    const ids = [...res.text.matchAll(/<textarea id="([^"]+)"/g)].map((m) => m[1]);
    const textareas = (res.text.match(/<textarea/g) ?? []).length;
    expect(textareas).toBeGreaterThan(0);
    expect(ids).toHaveLength(textareas);
    for (const id of ids) expect(res.text).toContain(`<label class="visually-hidden" for="${id}">`);
  });

  test('document metadata — e-mail sent date and PDF created date — in Danish', async () => {
    const mail = await t.http.get(`/documents/${mailId}?lang=da`);
    expect(mail.text).toMatch(/<dt>Sendt<\/dt><dd>24\. nov\.? 2015,? 00[.:]35 UTC<\/dd>/);
    const pdf = await t.http.get(`/documents/${pdfId}?lang=da`);
    const created = /<dt>PDF oprettet<\/dt><dd>([^<]+)<\/dd>/.exec(pdf.text);
    expect(created?.[1]).toMatch(/^\d{1,2}\. [a-zæøå]+ \d{4}$/);
  });

  test('document metadata — a PDF opened with its password — "Beskyttet med adgangskode: Ja"', async () => {
    const id = (await t.http.post('/api/documents').attach('file', readFixture('tricky/aleph-password-hunter2.pdf'), 'laast.pdf')).body.id;
    await waitForStatus(t, id, ['needs_password']);
    await t.http.post(`/api/documents/${id}/extract`).send({ password: 'hunter2' }).expect(202);
    await waitForStatus(t, id, ['ready', 'failed']);
    const res = await t.http.get(`/documents/${id}?lang=da`);
    expect(res.text).toContain('<dt>Beskyttet med adgangskode</dt><dd>Ja</dd>');
  });
});
