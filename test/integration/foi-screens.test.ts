import { removeDir, startTestKilde, testClock, waitForStatus, type TestKilde } from '../helpers/kilde';

/**
 * The FOI screens as a journalist uses them, through HTTP on a fixed day (Wednesday 11 July 2018):
 * an authority chosen from the Danish directory on the request form, with its e-mail and postal
 * address; letters addressed to it; a document linked by searching its title (never offering one
 * the journalist may not read); the authority's record on its party page; the overview led by what
 * needs action, with empty buckets left out.
 */
const NOW = '2018-07-11T10:00:00Z';

type Agent = ReturnType<TestKilde['as']>['http'];

describe('FOI screens', () => {
  let t: TestKilde;
  let anna: ReturnType<TestKilde['as']>;
  let bo: ReturnType<TestKilde['as']>;

  beforeAll(async () => {
    t = await startTestKilde({}, { clock: testClock(NOW) });
    anna = t.as('journalist', 'anna');
    bo = t.as('journalist', 'bo');
  });
  afterAll(async () => {
    await t.stop();
    removeDir(t.dir);
  });

  const directoryKey = async (name: string): Promise<{ key: string; name: string; partyId: string | null }> => {
    const res = await t.http.get('/api/foi/authorities').query({ q: name });
    expect(res.status).toBe(200);
    const entry = (res.body.authorities as Array<{ key: string; name: string; partyId: string | null }>).find((a) => a.name === name);
    expect(entry).toBeDefined();
    return entry!;
  };
  const requestIdOf = (location: string | undefined) => {
    const m = /^\/requests\/([^/?#]+)$/.exec(location ?? '');
    expect(m).not.toBeNull();
    return m![1];
  };
  const upload = async (agent: Agent, text: string, name: string, title: string, access?: 'restricted') => {
    let req = agent.post('/api/documents').field('title', title);
    if (access) req = req.field('access', access);
    const res = await req.attach('file', Buffer.from(text), name);
    expect(res.status).toBe(202);
    await waitForStatus(t, res.body.id);
    return res.body.id as string;
  };

  describe('an authority from the directory, with its addresses', () => {
    let requestId: string;
    let partyId: string;

    test('new request form — offers the Danish directory beside the archive’s parties, in both languages', async () => {
      const { key } = await directoryKey('Aarhus Kommune');
      const da = await anna.http.get('/requests/new?lang=da');
      expect(da.status).toBe(200);
      expect(da.text).toContain(`<option value="dir:${key}"`);
      expect(da.text).toContain('Kommuner (fortegnelsen)');
      expect(da.text).toContain('name="authorityEmail"');
      expect(da.text).toContain('name="authorityPostalAddress"');
      // The laws' jurisdictions are named in the reader's language.
      expect(da.text).toContain('>Danmark — Offentlighedsloven</option>');
      expect(da.text).toContain('>Danmark — miljøoplysninger — Miljøoplysningsloven</option>');
      expect(da.text).not.toMatch(/>Denmark — /);
      const en = await anna.http.get('/requests/new?lang=en');
      expect(en.text).toContain('Municipalities (directory)');
      expect(en.text).toContain('>Denmark — Offentlighedsloven</option>');
    });

    test('new request — a bad e-mail address — the form comes back with the error, and no party is made', async () => {
      const { key } = await directoryKey('Aarhus Kommune');
      const res = await anna.http.post('/requests').type('form')
        .send({ authorityId: `dir:${key}`, subject: 'Aktindsigt i budgetnotater', authorityEmail: 'Aarhus Kommune, borgerservice' });
      expect(res.status).toBe(400);
      expect(res.text).toContain('name@authority.dk');
      expect(res.text).toContain('Aktindsigt i budgetnotater'); // what was typed is kept
      expect((await directoryKey('Aarhus Kommune')).partyId).toBeNull();
    });

    test('new request — a directory municipality with e-mail and postal address — becomes an authority party holding both', async () => {
      const { key } = await directoryKey('Aarhus Kommune');
      const res = await anna.http.post('/requests').type('form').send({
        authorityId: `dir:${key}`, subject: 'Aktindsigt i budgetnotater', body: 'Jeg beder om aktindsigt i budgetnotaterne for 2018.',
        sentDate: '2018-07-02', status: 'sent', channel: 'email',
        authorityEmail: 'Aarhus.Kommune@aarhus.dk', authorityPostalAddress: 'Rådhuspladsen 2\r\n8000 Aarhus C',
      });
      expect(res.status).toBe(303);
      requestId = requestIdOf(res.headers.location);
      const request = (await anna.http.get(`/api/requests/${requestId}`)).body;
      partyId = request.authorityId;
      expect(request.authority.name).toBe('Aarhus Kommune');
      const party = await anna.http.get(`/api/parties/${partyId}`);
      expect(party.body).toMatchObject({ kind: 'authority', name: 'Aarhus Kommune', email: 'Aarhus.Kommune@aarhus.dk', postalAddress: 'Rådhuspladsen 2\n8000 Aarhus C' });
      expect((await directoryKey('Aarhus Kommune')).partyId).toBe(partyId);
      // The directory entry is now the party: offered once, among the archive's authorities.
      const form = (await anna.http.get('/requests/new')).text;
      expect(form).not.toContain(`value="dir:${key}"`);
      expect(form).toContain(`<option value="${partyId}"`);
    });

    test('a second request to the same directory entry — reuses the party, and a blank address keeps the recorded one', async () => {
      const { key } = await directoryKey('Aarhus Kommune');
      const res = await bo.http.post('/requests').type('form').send({ authorityId: `dir:${key}`, subject: 'Aktindsigt i mails', authorityEmail: '', authorityPostalAddress: '' });
      expect(res.status).toBe(303);
      const second = (await bo.http.get(`/api/requests/${requestIdOf(res.headers.location)}`)).body;
      expect(second.authorityId).toBe(partyId);
      expect((await bo.http.get(`/api/parties/${partyId}`)).body.email).toBe('Aarhus.Kommune@aarhus.dk');
    });

    test('request page — shows the authority’s e-mail and postal address beside its name', async () => {
      const page = await anna.http.get(`/requests/${requestId}`);
      expect(page.status).toBe(200);
      expect(page.text).toContain('href="mailto:Aarhus.Kommune@aarhus.dk"');
      expect(page.text).toMatch(/<address class="req-address" data-authority-address>Rådhuspladsen 2\n8000 Aarhus C<\/address>/);
    });

    test('letter — the mail link carries the authority’s address as recipient, with subject and body; the text can be copied', async () => {
      const page = await anna.http.get(`/requests/${requestId}/letters/request?lang=da`);
      expect(page.status).toBe(200);
      const href = /<a class="button" href="([^"]+)" data-mailto>/.exec(page.text)?.[1].replace(/&amp;/g, '&');
      expect(href).toBeDefined();
      const url = new URL(href!);
      expect(url.protocol).toBe('mailto:');
      expect(url.pathname).toBe('Aarhus.Kommune@aarhus.dk');
      const api = (await anna.http.get(`/api/requests/${requestId}/letters/request?lang=da`)).body;
      expect(url.searchParams.get('subject')).toBe(api.subject);
      expect(url.searchParams.get('body')).toBe(api.body.replace(/\n/g, '\r\n'));
      expect(url.searchParams.get('body')).toContain('budgetnotaterne for 2018');
      expect(api.to).toEqual({ partyId, name: 'Aarhus Kommune', email: 'Aarhus.Kommune@aarhus.dk', postalAddress: 'Rådhuspladsen 2\n8000 Aarhus C' });
      // The copy button (shown by the page's script) copies the textarea, which holds the text without it.
      expect(page.text).toContain('data-copy-text="letter-body"');
      expect(page.text).toContain('<textarea id="letter-body"');
      expect(page.text).toContain('Kopiér brevet');
      expect(page.text).toContain('Kopieret til udklipsholderen.');
      // Sent by e-mail: no envelope address needed.
      expect(page.text).not.toContain('data-letter-address');
    });

    test('letter — an English letter asked for on a Danish page — the letter is English, the interface stays Danish', async () => {
      const page = await anna.http.get(`/requests/${requestId}/letters/request?letter=en`).set('Cookie', 'kilde_lang=da');
      expect(page.status).toBe(200);
      expect(page.text).toContain('<html lang="da">');
      expect(page.headers['set-cookie'] ?? []).not.toContainEqual(expect.stringMatching(/^kilde_lang=en/));
      expect(page.text).toMatch(/<textarea id="letter-body"[^>]*lang="en"/);
      expect(page.text).toContain('Under the Danish Access to Public Administration Files Act');
      expect(page.text).toContain('Kopiér brevet');
      // The title names the letter in the interface's language, not by the English letter's subject.
      expect(page.text).toMatch(/<title>Anmodning — [^<]* · Kilde<\/title>/);
      // The switch keeps to the letter's language; the Danish letter is the default for a Danish authority.
      expect(page.text).toContain('href="?letter=da"');
      const da = await anna.http.get(`/requests/${requestId}/letters/request`).set('Cookie', 'kilde_lang=da');
      expect(da.text).toMatch(/<textarea id="letter-body"[^>]*lang="da"/);
      expect((await anna.http.get(`/requests/${requestId}/letters/request?letter=xx`)).status).toBe(400);
    });

    test('letter — sent by post — shows the postal address for the envelope', async () => {
      expect((await anna.http.patch(`/api/requests/${requestId}`).send({ channel: 'letter' })).status).toBe(200);
      const page = await anna.http.get(`/requests/${requestId}/letters/request?lang=en`);
      expect(page.text).toMatch(/data-letter-address>Aarhus Kommune\nRådhuspladsen 2\n8000 Aarhus C<\/address>/);
      expect(page.text).toContain('By post, to:');
      await anna.http.patch(`/api/requests/${requestId}`).send({ channel: 'email' }).expect(200);
    });

    test('letter — an authority without an e-mail — says so, and the address given on the letter page goes on the authority', async () => {
      const party = await anna.http.post('/api/parties').send({ kind: 'authority', name: 'Styrelsen for Arbejdsmarked og Rekruttering' });
      const created = await anna.http.post('/api/requests').send({ authorityId: party.body.id, subject: 'Aktindsigt i refusioner' });
      const id = created.body.id as string;
      const before = await anna.http.get(`/requests/${id}/letters/request`);
      expect(before.text).toContain('data-missing-contact');
      // The form carries the letter's language, so saving returns to the letter as it was chosen.
      expect((await anna.http.get(`/requests/${id}/letters/request?letter=en`)).text).toContain('<input type="hidden" name="letter" value="en">');
      expect(before.text).toContain('href="mailto:?subject=');
      const bad = await anna.http.post(`/requests/${id}/authority-contact`).type('form').send({ email: 'not an address', back: 'request' });
      expect(bad.status).toBe(400);
      const saved = await anna.http.post(`/requests/${id}/authority-contact`).type('form').send({ email: 'star@star.dk', back: 'request' });
      expect(saved.status).toBe(303);
      expect(saved.headers.location).toBe(`/requests/${id}/letters/request`);
      const after = await anna.http.get(`/requests/${id}/letters/request`);
      expect(after.text).toContain('href="mailto:star@star.dk?subject=');
      expect(after.text).not.toContain('data-missing-contact');
      const english = await anna.http.post(`/requests/${id}/authority-contact`).type('form').send({ email: 'star@star.dk', back: 'request', letter: 'en' });
      expect(english.headers.location).toBe(`/requests/${id}/letters/request?letter=en`);
      const odd = await anna.http.post(`/requests/${id}/authority-contact`).type('form').send({ email: 'star@star.dk', back: 'request', letter: '"><script>' });
      expect(odd.headers.location).toBe(`/requests/${id}/letters/request`);
      // Somewhere else to go back to is not followed.
      const elsewhere = await anna.http.post(`/requests/${id}/authority-contact`).type('form').send({ email: 'star@star.dk', back: 'https://evil.example/' });
      expect(elsewhere.headers.location).toBe(`/requests/${id}`);
      // A researcher may read but not change the authority.
      const researcher = t.as('researcher');
      expect((await researcher.http.post(`/requests/${id}/authority-contact`).type('form').send({ email: 'x@y.dk' })).status).toBe(403);
      expect((await anna.http.get(`/api/parties/${party.body.id}`)).body.email).toBe('star@star.dk');
    });

    test('party page — an authority shows its addresses and its FOI record: the requests, their status and answer dates', async () => {
      const page = await anna.http.get(`/parties/${partyId}?lang=da`);
      expect(page.status).toBe(200);
      expect(page.text).toContain('data-party-email');
      expect(page.text).toContain('Aarhus.Kommune@aarhus.dk');
      expect(page.text).toContain('class="foi-record"');
      expect(page.text).toContain(`data-record-request="${requestId}"`);
      expect(page.text).toContain(`href="/requests/${requestId}"`);
      const row = page.text.split(`data-record-request="${requestId}"`)[1].split('</tr>')[0];
      expect(row).toContain('sendt'); // its status, in Danish
      expect(row).toMatch(/data-answer-due="2018-07-\d\d"/);
      expect(page.text).toContain('Aktindsigtshistorik');
      // Made from the directory: said in words, not as a raw register key.
      expect(page.text).toContain('fra fortegnelsen over danske myndigheder');
      expect(page.text).not.toContain('DK-DIRECTORY');
    });

    test('party page — the record shows for an authority with nothing sent, never for an organisation without requests; the party JSON carries none', async () => {
      const quiet = (await anna.http.post('/api/parties').send({ kind: 'authority', name: 'Tavs Styrelse (test)' })).body.id as string;
      const club = (await anna.http.post('/api/parties').send({ kind: 'organisation', name: 'Foreningen (test)' })).body.id as string;
      const quietPage = await anna.http.get(`/parties/${quiet}`);
      expect(quietPage.text).toContain(`class="foi-record" data-party-id="${quiet}"`);
      expect(quietPage.text).not.toContain('data-record-request');
      const clubPage = await anna.http.get(`/parties/${club}`);
      expect(clubPage.status).toBe(200);
      expect(clubPage.text).not.toContain('class="foi-record"');
      expect((await anna.http.get(`/api/parties/${partyId}`)).body).not.toHaveProperty('foiRecord');
    });

    test('edit form — moving a request to another directory authority makes that one a party; the form shows the recorded addresses', async () => {
      const created = (await anna.http.post('/api/requests').send({ authorityId: partyId, subject: 'Flyttes til regionen' })).body.id as string;
      const form = await anna.http.get(`/requests/${created}/edit?lang=da`);
      expect(form.text).toContain('data-recorded-contact');
      expect(form.text).toContain('Aarhus.Kommune@aarhus.dk');
      const { key } = await directoryKey('Region Midtjylland');
      const res = await anna.http.post(`/requests/${created}`).type('form').send({ authorityId: `dir:${key}`, subject: 'Flyttes til regionen', authorityEmail: 'kontakt@rm.dk' });
      expect(res.status).toBe(303);
      const moved = (await anna.http.get(`/api/requests/${created}`)).body;
      expect(moved.authority.name).toBe('Region Midtjylland');
      expect((await anna.http.get(`/api/parties/${moved.authorityId}`)).body).toMatchObject({ kind: 'authority', email: 'kontakt@rm.dk' });
      // An unknown directory key is a clear 404 on the form, not a 5xx.
      const unknown = await anna.http.post(`/requests/${created}`).type('form').send({ authorityId: 'dir:no_such_authority', subject: 'x' });
      expect(unknown.status).toBe(404);
      const hostile = await anna.http.post('/requests').type('form').send({ authorityId: 'dir:../../etc', subject: 'x' });
      expect(hostile.status).toBe(404);
    });

    test('party form — edits the e-mail and postal address; a malformed e-mail is refused with 400', async () => {
      const p = await t.http.post('/api/parties').send({ kind: 'authority', name: 'Region Midtjylland (test)' });
      const id = p.body.id as string;
      const form = await anna.http.get(`/parties/${id}`);
      expect(form.text).toContain('name="email"');
      expect(form.text).toContain('name="postalAddress"');
      expect(form.text).toContain('data-party-no-contact');
      const saved = await anna.http.post(`/parties/${id}`).type('form').send({ name: 'Region Midtjylland (test)', kind: 'authority', email: 'kontakt@rm.dk', postalAddress: 'Skottenborg 26\n8800 Viborg' });
      expect(saved.status).toBe(303);
      expect((await anna.http.get(`/api/parties/${id}`)).body).toMatchObject({ email: 'kontakt@rm.dk', postalAddress: 'Skottenborg 26\n8800 Viborg' });
      const bad = await anna.http.post(`/parties/${id}`).type('form').send({ name: 'Region Midtjylland (test)', kind: 'authority', email: 'kontakt at rm.dk' });
      expect(bad.status).toBe(400);
      expect((await anna.http.get(`/api/parties/${id}`)).body.email).toBe('kontakt@rm.dk');
      // Clearing the field clears it; the JSON API takes the same fields.
      await anna.http.post(`/parties/${id}`).type('form').send({ name: 'Region Midtjylland (test)', kind: 'authority', email: '', postalAddress: 'Skottenborg 26\n8800 Viborg' }).expect(303);
      expect((await anna.http.get(`/api/parties/${id}`)).body.email).toBeNull();
      expect((await anna.http.patch(`/api/parties/${id}`).send({ email: 'post@rm.dk' })).body.email).toBe('post@rm.dk');
    });
  });

  describe('linking an archive document by searching it', () => {
    let requestId: string;
    let annasSecret: string;
    let bosMinutes: string;

    beforeAll(async () => {
      const authority = (await bo.http.post('/api/parties').send({ kind: 'authority', name: 'Silkeborg Kommune (test)' })).body.id;
      requestId = (await bo.http.post('/api/requests').send({ authorityId: authority, subject: 'Aktindsigt i byrådets referater' })).body.id;
      annasSecret = await upload(anna.http, 'Kildens oplysninger om referatet.', 'kilde.txt', 'Referat fra kildemødet', 'restricted');
      bosMinutes = await upload(bo.http, 'Byrådets referat.', 'byraad.txt', 'Referat fra byrådsmødet');
    });

    test('words instead of an id — the page comes back with the matching documents the journalist may read, each with a link button', async () => {
      const posted = await bo.http.post(`/requests/${requestId}/documents`).type('form').send({ documentId: 'Referat', role: 'response' });
      expect(posted.status).toBe(303);
      expect(posted.headers.location).toBe(`/requests/${requestId}?docq=Referat&role=response#link-document`);
      const page = await bo.http.get(`/requests/${requestId}`).query({ docq: 'Referat', role: 'response' });
      expect(page.status).toBe(200);
      expect(page.text).toContain(`data-candidate="${bosMinutes}"`);
      expect(page.text).toContain('Referat fra byrådsmødet');
      // Anna's restricted document is never offered to Bo: neither its id nor its title.
      expect(page.text).not.toContain(annasSecret);
      expect(page.text).not.toContain('kildemødet');
      // The type-ahead's own source obeys the same rule.
      const json = await bo.http.get('/api/documents').query({ q: 'Referat', perPage: 10 });
      expect(json.body.documents.map((d: { id: string }) => d.id)).toEqual([bosMinutes]);
      // Anna sees her own.
      const annas = await anna.http.get(`/requests/${requestId}`).query({ docq: 'kildemødet' });
      expect(annas.text).toContain(`data-candidate="${annasSecret}"`);
    });

    test('link button — links the document; it is no longer offered; nothing found says so', async () => {
      const linked = await bo.http.post(`/requests/${requestId}/documents`).type('form').send({ documentId: bosMinutes, role: 'response' });
      expect(linked.status).toBe(303);
      expect(linked.headers.location).toBe(`/requests/${requestId}#documents`);
      expect((await bo.http.get(`/api/requests/${requestId}`)).body.documents.map((d: { id: string }) => d.id)).toEqual([bosMinutes]);
      const again = await bo.http.get(`/requests/${requestId}`).query({ docq: 'Referat' });
      expect(again.text).not.toContain(`data-candidate="${bosMinutes}"`);
      expect(again.text).toContain('data-doc-results');
      const none = await bo.http.get(`/requests/${requestId}?lang=da`).query({ docq: 'ingenting-der-findes' });
      expect(none.text).toContain('Intet dokument, du har adgang til');
    });

    test('linking a document one may not read by its id — 404, the same as one that does not exist', async () => {
      const res = await bo.http.post(`/requests/${requestId}/documents`).type('form').send({ documentId: annasSecret });
      expect(res.status).toBe(404);
      const missing = await bo.http.post(`/requests/${requestId}/documents`).type('form').send({ documentId: 'doc_doesnotexist0000' });
      expect(missing.status).toBe(404);
      expect((await bo.http.get(`/api/requests/${requestId}`)).body.documents).toHaveLength(1);
    });

    test('hostile search words — escaped on the page, never a 5xx', async () => {
      for (const q of ['<script>alert(1)</script>', '%_\\', 'x'.repeat(500), "'; DROP TABLE documents; --"]) {
        const res = await bo.http.get(`/requests/${requestId}`).query({ docq: q });
        expect(res.status).toBe(200);
        expect(res.text).not.toContain('<script>alert(1)</script>');
      }
      const posted = await bo.http.post(`/requests/${requestId}/documents`).type('form').send({ documentId: 'y'.repeat(1000) });
      expect(posted.status).toBe(303);
    });
  });

  describe('the overview, led by what needs action', () => {
    let authority: string;
    const ids: Record<string, string> = {};

    beforeAll(async () => {
      authority = (await t.http.post('/api/parties').send({ kind: 'authority', name: 'Overblik Kommune' })).body.id;
      const make = async (name: string, body: Record<string, unknown>) => {
        const res = await t.http.post('/api/requests').send({ authorityId: authority, subject: name, ...body });
        expect(res.status).toBe(201);
        ids[name] = res.body.id;
      };
      await make('Kladden', {});
      await make('Den nye', { sentDate: '2018-07-10', status: 'sent' });
      await make('Den forsinkede', { sentDate: '2018-06-01', status: 'sent' });
      await make('Den afsluttede', { sentDate: '2018-06-01', status: 'sent' });
      await t.http.post(`/api/requests/${ids['Den afsluttede']}/status`).send({ status: 'granted', date: '2018-06-20' }).expect(200);
    });

    test('overview page — the summary first, then overdue; empty buckets are left out and closed ones folded away', async () => {
      const api = (await t.http.get('/api/requests/overview').query({ authority })).body;
      expect(api.counts).toMatchObject({ overdue: 1, due_this_week: 0, awaiting_appeal: 0, appealable: 0, draft: 1, closed: 1 });
      const page = (await t.http.get('/requests').query({ authority, lang: 'da' })).text;
      const at = (s: string) => page.indexOf(s);
      expect(at('data-needs-action="1"')).toBeGreaterThan(0);
      expect(page).toContain('Kræver handling');
      expect(page).toMatch(/<a href="#overdue"><strong>1<\/strong> overskredet<\/a>/);
      expect(at('data-needs-action')).toBeLessThan(at('class="req-filters"'));
      expect(at('data-bucket="overdue"')).toBeGreaterThan(at('data-needs-action'));
      expect(at('data-bucket="overdue"')).toBeLessThan(at('data-bucket="open"'));
      expect(at('data-bucket="open"')).toBeLessThan(at('data-bucket="draft"'));
      expect(page.split('data-bucket="overdue"')[1].split('</section>')[0]).toContain(`/requests/${ids['Den forsinkede']}`);
      for (const empty of ['due_this_week', 'awaiting_appeal', 'appealable']) expect(page).not.toContain(`data-bucket="${empty}"`);
      expect(page).not.toContain('Intet her.');
      expect(page).toMatch(/<details class="req-closed"><summary>Afsluttet \(1\)<\/summary>\s*<section class="req-bucket req-bucket-closed"/);
    });

    test('overview page — nothing pressing — says so; no requests at all — says that, with the way to file one', async () => {
      const calm = (await t.http.post('/api/parties').send({ kind: 'authority', name: 'Rolig Kommune' })).body.id;
      await t.http.post('/api/requests').send({ authorityId: calm, subject: 'Ny', sentDate: '2018-07-10', status: 'sent' }).expect(201);
      const page = (await t.http.get('/requests').query({ authority: calm, lang: 'en' })).text;
      expect(page).toContain('data-all-clear');
      expect(page).toContain('data-bucket="open"');
      const empty = await t.http.post('/api/parties').send({ kind: 'authority', name: 'Tom Kommune' });
      const none = (await t.http.get('/requests').query({ authority: empty.body.id, lang: 'en' })).text;
      expect(none).toContain('data-no-requests');
      expect(none).toContain('No requests match the filter.');
      expect(none).not.toContain('data-bucket=');
    });

    test('stylesheet — long Danish words are never cut at an arbitrary letter', async () => {
      const css = await t.http.get('/static/requests.css');
      expect(css.status).toBe(200);
      expect(css.text).not.toMatch(/word-break:\s*break-all/);
      expect(css.text).toMatch(/\.request \.doc-meta dd[^{]*\{[^}]*overflow-wrap: break-word/);
    });
  });
});
