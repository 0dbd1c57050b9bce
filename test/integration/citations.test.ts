import { parseCitations } from '../../server/citations';
import { makePdf } from '../helpers/pdf';
import { useKilde, waitForStatus, type TestKilde } from '../helpers/kilde';

/**
 * Permanent links, quote links and the cite panel, through real HTTP on a real database: a letter
 * from STAR to KL, released by aktindsigt, cited by an editor.
 */
async function upload(t: TestKilde, http: TestKilde['http'], pages: string[], fields: Record<string, string> = {}): Promise<string> {
  let req = http.post('/api/documents').attach('file', await makePdf(pages), `letter-${Math.random().toString(36).slice(2)}.pdf`);
  for (const [k, v] of Object.entries(fields)) req = req.field(k, v);
  const res = await req;
  expect(res.status).toBe(202);
  await waitForStatus(t, res.body.id);
  return res.body.id as string;
}

describe('citations — permanent links, quote links, cite panel', () => {
  const k = useKilde({ KILDE_PUBLIC_URL: 'https://kilde.example.org' });
  let docId: string;
  let editor: ReturnType<TestKilde['as']>;
  let owner: ReturnType<TestKilde['as']>;
  let other: ReturnType<TestKilde['as']>;
  let researcher: ReturnType<TestKilde['as']>;
  let secretId: string;

  beforeAll(async () => {
    const { t } = k;
    editor = t.as('editor', 'eva');
    owner = t.as('journalist', 'jonas');
    other = t.as('journalist', 'jens');
    researcher = t.as('researcher', 'rikke');
    docId = await upload(t, owner.http, [
      'Til KL. Vedrørende kommunernes it-løsninger og skyen.',
      'Styrelsen skriver, at personfølsomme data ikke må flyttes til datacentre i Holland uden en konsekvensanalyse.\nMed venlig hilsen',
    ], { title: 'Brev om skyløsninger', date: '2018-06-28' });
    const star = await t.http.post('/api/parties').send({ kind: 'authority', name: 'Styrelsen for Arbejdsmarked og Rekruttering', shortName: 'STAR' });
    const kl = await t.http.post('/api/parties').send({ kind: 'organisation', name: 'Kommunernes Landsforening', shortName: 'KL' });
    expect((await t.http.post(`/api/documents/${docId}/parties`).send({ partyId: star.body.id, role: 'sender' })).status).toBe(201);
    expect((await t.http.post(`/api/documents/${docId}/parties`).send({ partyId: kl.body.id, role: 'recipient' })).status).toBe(201);
    const request = await t.http.post('/api/requests').send({ authorityId: star.body.id, subject: 'Skyløsninger i kommunerne', sentDate: '2018-09-01', authorityReference: '2018-1234' });
    expect(request.status).toBe(201);
    expect((await t.http.post(`/api/requests/${request.body.id}/documents`).send({ documentId: docId, role: 'response' })).status).toBeLessThan(300);
    secretId = await upload(t, owner.http, ['Fortroligt notat om kilden i ministeriet og hendes oplysninger.'], { access: 'restricted', users: 'jonas', title: 'Hemmeligt notat' });
  });

  test('citation — a letter with sender, recipient and FOI request — reads as a newsroom line with provenance', async () => {
    const res = await editor.http.get(`/api/documents/${docId}/citation?page=2&lang=da`);
    expect(res.status).toBe(200);
    expect(res.body.short).toBe('Brev fra STAR til KL, 28. juni 2018, s. 2');
    expect(res.body.provenance).toMatch(/^udleveret af Styrelsen for Arbejdsmarked og Rekruttering ved aktindsigt, j\.nr\. 2018-1234, modtaget \d+\. \w+ \d{4}$/);
    expect(res.body.permalink).toBe(`https://kilde.example.org/d/${docId}/p/2`);
    expect(res.body.full).toContain(res.body.sha256);
    // The sentence after the provenance starts with a capital letter, as the provenance does.
    expect(res.body.full).toMatch(/\. Udleveret af .*\. Arkiveret i Kilde \d/);
    const en = await editor.http.get(`/api/documents/${docId}/citation?lang=en`);
    expect(en.body.short).toBe('Letter from STAR to KL, 28 June 2018');
  });

  test('machine formats — CSL-JSON and RIS round-trip through citation-js, BibTeX parses', async () => {
    const { body } = await editor.http.get(`/api/documents/${docId}/citation?page=2`);
    const csl = JSON.parse(body.machine.csl);
    const fromCsl = parseCitations(body.machine.csl);
    expect(fromCsl[0]).toMatchObject({ title: 'Brev om skyløsninger', URL: body.permalink, page: '2', issued: { 'date-parts': [[2018, 6, 28]] } });
    expect(fromCsl[0]!.title).toBe(csl[0].title);
    const fromRis = parseCitations(body.machine.ris);
    expect(fromRis[0]).toMatchObject({ title: 'Brev om skyløsninger', URL: body.permalink, issued: { 'date-parts': [[2018, 6, 28]] } });
    expect(fromCsl[0]!.author).toEqual([{ literal: 'Styrelsen for Arbejdsmarked og Rekruttering' }]);
    // The author line survives under Jest too (names built from SQLite rows: see citation-formats.ts).
    expect(body.machine.ris).toMatch(/^AU {2}- Styrelsen for Arbejdsmarked og Rekruttering$/m);
    expect(fromRis[0]!.author).toEqual([{ literal: 'Styrelsen for Arbejdsmarked og Rekruttering' }]);
    const fromBib = parseCitations(body.machine.bibtex);
    expect(fromBib[0]!.title).toBe('Brev om skyløsninger');
    expect(String(fromBib[0]!.URL)).toBe(body.permalink);
  });

  test('document page — shows the cite panel with copyable citations and the SHA-256', async () => {
    const res = await editor.http.get(`/documents/${docId}`).set('Accept', 'text/html');
    expect(res.status).toBe(200);
    expect(res.text).toContain('class="cite-panel"');
    expect(res.text).toContain('data-copy="#cite-short-doc"');
    expect(res.text).toMatch(/TY {2}- /); // RIS in the panel
    expect(res.text).toContain(`href="/d/${docId}/p/2"`);
  });

  test('permanent links — /d/:id redirects to the document, /d/:id/p/:n shows the page with the searched words marked', async () => {
    const d = await researcher.http.get(`/d/${docId}`);
    expect(d.status).toBe(302);
    expect(d.headers.location).toBe(`/documents/${docId}`);
    const p = await researcher.http.get(`/d/${docId}/p/2?q=${encodeURIComponent('personfolsomme holland')}`);
    expect(p.status).toBe(200);
    expect(p.text).toContain('<mark>personfølsomme</mark>');
    expect(p.text).toContain('<mark>Holland</mark>');
    expect(p.text).toContain('Letter from STAR to KL, 28 June 2018, p. 2');
    const da = await researcher.http.get(`/d/${docId}/p/2?lang=da`);
    expect(da.text).toContain('Brev fra STAR til KL, 28. juni 2018, s. 2');
  });

  test('permanent links — unknown, unreadable and deleted documents answer the same honest page, never a title', async () => {
    const unknown = await other.http.get('/d/doc_doesnotexist').set('Accept', 'text/html');
    const hidden = await other.http.get(`/d/${secretId}/p/1`).set('Accept', 'text/html');
    const hiddenPastTheEnd = await other.http.get(`/d/${secretId}/p/99`).set('Accept', 'text/html');
    for (const r of [unknown, hidden, hiddenPastTheEnd]) {
      expect(r.status).toBe(404);
      expect(r.text).toContain('deleted or that you do not have access to');
      expect(r.text).not.toContain('Hemmeligt notat');
    }
    expect((await owner.http.get(`/d/${secretId}/p/1`)).status).toBe(200);
    expect((await other.http.get(`/api/documents/${secretId}/citation`)).status).toBe(404);
  });

  test('quote link — made from pasted text across a hyphenated line break — opens on the page with the passage marked', async () => {
    const made = await editor.http.post('/api/quotes').send({ documentId: docId, page: 2, text: 'personfølsomme data ikke må flyttes til datacentre i Holland' });
    expect(made.status).toBe(201);
    expect(made.body.url).toBe(`https://kilde.example.org/q/${made.body.id}`);
    const page = await researcher.http.get(`/q/${made.body.id}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('<mark class="quote" id="quote">personfølsomme data ikke må flyttes til datacentre i Holland</mark>');
    const opened = await researcher.http.get(`/api/quotes/${made.body.id}`);
    expect(opened.body).toMatchObject({ status: 'found', page: 2, score: 100, reread: false });
    // Its cite panel cites the quote: the passage, and the quote's own link everywhere (not the page's).
    const link = `https://kilde.example.org/q/${made.body.id}`;
    const full = /<textarea id="cite-full-2"[^>]*>([^<]*)<\/textarea>/.exec(page.text)?.[1] ?? '';
    expect(full.startsWith('»personfølsomme data ikke må flyttes til datacentre i Holland«')).toBe(true);
    expect(full).toContain(link);
    expect(/<textarea id="cite-permalink-2"[^>]*>([^<]*)<\/textarea>/.exec(page.text)?.[1]).toBe(link);
    expect(page.text).not.toContain(`/d/${docId}/p/2</textarea>`);
    expect(page.text).toContain(`&#34;URL&#34;: &#34;${link}&#34;`);
  });

  test('quote link — page text read again with small differences — still opens on the right page, marked, with its score', async () => {
    const { t } = k;
    const made = await editor.http.post('/api/quotes').send({ documentId: docId, page: 2, text: 'ikke må flyttes til datacentre i Holland uden en konsekvensanalyse' });
    expect(made.status).toBe(201);
    const before = t.kilde.db.prepare('SELECT text FROM pages WHERE document_id = ? AND number = 2').pluck().get(docId) as string;
    // A second reading (OCR by another engine): two characters misread, a line break moved, text added above.
    const reread = `Side 2 af 2\n${before.replace('datacentre', 'dataccntre').replace('Holland', 'Ho1land').replace('må flyttes', 'må\nflyttes')}`;
    t.kilde.db.prepare('UPDATE pages SET text = ? WHERE document_id = ? AND number = 2').run(reread, docId);
    try {
      const opened = await other.http.get(`/api/quotes/${made.body.id}`);
      expect(opened.body.status).toBe('found_with_differences');
      expect(opened.body.page).toBe(2);
      expect(opened.body.reread).toBe(true);
      expect(opened.body.score).toBeGreaterThanOrEqual(90);
      expect(opened.body.score).toBeLessThan(100);
      expect(reread.slice(opened.body.start, opened.body.end).replace(/\s+/g, ' ')).toBe('ikke må flyttes til dataccntre i Ho1land uden en konsekvensanalyse');
      const page = await other.http.get(`/q/${made.body.id}`);
      expect(page.text).toMatch(/<mark class="quote" id="quote">ikke må\s+flyttes til dataccntre i Ho1land\s+uden en konsekvensanalyse<\/mark>/);
      expect(page.text).toMatch(/small differences \(9\d %\)/);

      // Moved to page 1 by a later reading: found on the neighbour; gone altogether: "no longer found".
      t.kilde.db.prepare('UPDATE pages SET text = ? WHERE document_id = ? AND number = 1').run(`Forside\n${reread}`, docId);
      t.kilde.db.prepare('UPDATE pages SET text = ? WHERE document_id = ? AND number = 2').run('Med venlig hilsen', docId);
      expect((await other.http.get(`/api/quotes/${made.body.id}`)).body).toMatchObject({ status: 'found_with_differences', page: 1, moved: true });
      t.kilde.db.prepare('UPDATE pages SET text = ? WHERE document_id = ? AND number = 1').run('Helt anden tekst om vejstøj.', docId);
      expect((await other.http.get(`/api/quotes/${made.body.id}`)).body.status).toBe('not_found');
      expect((await other.http.get(`/q/${made.body.id}`)).text).toContain('No longer found');
    } finally {
      t.kilde.db.prepare('UPDATE pages SET text = ? WHERE document_id = ? AND number = 2').run(before, docId);
      t.kilde.db.prepare('UPDATE pages SET text = ? WHERE document_id = ? AND number = 1').run('Til KL. Vedrørende kommunernes it-løsninger og skyen.', docId);
    }
  });

  test('quote link — to a restricted document — is the same "not available" page for another journalist, readable for its owner', async () => {
    const made = await owner.http.post('/api/quotes').send({ documentId: secretId, page: 1, text: 'kilden i ministeriet' });
    expect(made.status).toBe(201);
    const denied = await other.http.get(`/q/${made.body.id}`).set('Accept', 'text/html');
    const unknown = await other.http.get('/q/q_nosuchquote').set('Accept', 'text/html');
    for (const r of [denied, unknown]) {
      expect(r.status).toBe(404);
      expect(r.text).not.toContain('Hemmeligt');
      expect(r.text).not.toContain('kilden i ministeriet');
    }
    expect((await other.http.get(`/api/quotes/${made.body.id}`)).body).toEqual({ status: 'unavailable' });
    expect((await owner.http.get(`/q/${made.body.id}`)).text).toContain('<mark class="quote" id="quote">kilden i ministeriet</mark>');
    // Another journalist cannot make quotes of it either.
    expect((await other.http.post('/api/quotes').send({ documentId: secretId, page: 1, text: 'kilden i ministeriet' })).status).toBe(404);
  });

  test('quote link — of a deleted document — answers the honest page, not a 500', async () => {
    const { t } = k;
    const id = await upload(t, owner.http, ['Et brev der snart slettes fra arkivet igen.']);
    const made = await owner.http.post('/api/quotes').send({ documentId: id, page: 1, text: 'snart slettes fra arkivet' });
    expect((await t.http.delete(`/api/documents/${id}`)).status).toBe(204);
    const res = await owner.http.get(`/q/${made.body.id}`).set('Accept', 'text/html');
    expect(res.status).toBe(404);
    expect(res.text).toContain('deleted or that you do not have access to');
  });

  test('quote link — bad input — a passage not on the page and hostile strings are a 400, never stored or echoed unescaped', async () => {
    const missing = await editor.http.post('/api/quotes').send({ documentId: docId, page: 2, text: 'helt opfundet passage om noget andet' });
    expect(missing.status).toBe(400);
    expect((await editor.http.post('/api/quotes').send({ documentId: docId, page: 2 })).status).toBe(400);
    expect((await editor.http.post('/api/quotes').send({ documentId: docId, page: 0, text: 'x' })).status).toBe(400);
    expect((await editor.http.post('/api/quotes').send({ documentId: docId, page: 99, text: 'personfølsomme data' })).status).toBe(404);
    const hostile = await editor.http.get(`/d/${docId}/p/2?q=${encodeURIComponent('<script>alert(1)</script> "holland')}`);
    expect(hostile.status).toBe(200);
    expect(hostile.text).not.toContain('<script>alert(1)</script>');
    expect((await editor.http.get(`/d/${docId}/p/abc`)).status).toBe(400);
    // A page past the end of a document the reader may read: said as such, with the way back.
    const past = await editor.http.get(`/d/${docId}/p/99`).query({ lang: 'en' });
    expect(past.status).toBe(404);
    expect(past.text).toMatch(/This document has no such page: it has \d+ pages?\./);
    expect(past.text).toContain(`href="/documents/${docId}"`);
    expect(past.text).not.toContain('deleted or that you do not have access to');
    expect((await editor.http.get('/q/%3Cscript%3E')).status).toBe(404);
  });
});
