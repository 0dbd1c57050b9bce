import type { ParsedMail } from 'mailparser';
import { removeDir, startTestKilde, testClock, waitForStatus, type TestKilde } from '../helpers/kilde';
import { startMailServer, type MailServer } from '../helpers/smtp';

/**
 * Saved searches and their alerts, end to end: a real SMTP server (smtp-server) receives the
 * e-mails, the Atom feed is read without signing in, and the access rule decides what each
 * subscriber hears about — at the time the alert is sent, and again when it is shown.
 */
describe('saved searches and alerts', () => {
  let t: TestKilde;
  let smtp: MailServer;
  let mail: ParsedMail[] = [];
  /** While set, the mail server holds each message until it resolves (a slow mail server). */
  let held: Promise<void> | null = null;
  let saver: ReturnType<TestKilde['as']>;
  let other: ReturnType<TestKilde['as']>;
  let researcher: ReturnType<TestKilde['as']>;
  let saverFeed: string;
  let otherFeed: string;
  let open: string;
  let secret: string;
  const clock = testClock('2025-03-03T09:00:00.000Z');

  /** Anna and Bo save a search with e-mail; the mail server then holds each message until `release()`. */
  async function savedWithMailHeld(name: string, q: string): Promise<{ release: () => void; before: number }> {
    for (const who of [saver, other]) expect((await who.http.post('/api/saved-searches').send({ name, search: `q=${q}`, alertEmail: true })).status).toBe(201);
    clock.advance(60_000);
    let open = () => {};
    held = new Promise<void>((resolve) => { open = resolve; });
    return { release: () => { open(); held = null; }, before: mail.length };
  }

  async function upload(as: ReturnType<TestKilde['as']>['http'], name: string, text: string, fields: Record<string, string> = {}): Promise<string> {
    let req = as.post('/api/documents');
    for (const [k, v] of Object.entries(fields)) req = req.field(k, v);
    const res = await req.attach('file', Buffer.from(text), name);
    expect(res.status).toBe(202);
    await waitForStatus(t, res.body.id);
    return res.body.id as string;
  }

  beforeAll(async () => {
    smtp = await startMailServer(() => held);
    mail = smtp.mail;
    t = await startTestKilde({ KILDE_SMTP_URL: smtp.url, KILDE_MAIL_FROM: 'Kilde <kilde@avis.test>', KILDE_PUBLIC_URL: 'https://kilde.avis.test' }, { clock });
    saver = t.as('journalist', 'anna');
    other = t.as('journalist', 'bo');
    researcher = t.as('researcher', 'rita');
    for (const [who, email] of [[saver, 'anna@avis.test'], [other, 'bo@avis.test']] as const) {
      expect((await who.http.put('/api/alerts/settings').send({ email })).status).toBe(200);
    }
    saverFeed = (await saver.http.post('/api/alerts/feed')).body.path;
    otherFeed = (await other.http.post('/api/alerts/feed')).body.path;
    expect(saverFeed).toMatch(/^\/alerts\/feed\/[A-Za-z0-9_-]{20,}\.atom$/);

    for (const who of [saver, other, researcher]) {
      const res = await who.http.post('/api/saved-searches').send({ name: 'Kastrup-støj', search: '/search?q=kastrup+lufthavn&type=text%2Fplain', alertEmail: true });
      expect(res.status).toBe(201);
    }
    // An older document that matches is not news: only documents uploaded after saving alert.
    clock.advance(60_000);
    open = await upload(t.http, 'aaben.txt', 'Støjen fra Kastrup stiger.\fLufthavn udvides mod syd.');
    secret = await upload(t.http, 'kilde.txt', 'Kildens notat: Kastrup lufthavn skjuler målinger.', { access: 'restricted', users: saver.userId });
    await upload(t.http, 'andet.txt', 'Et notat om Aalborg og budgetter.');
    await t.kilde.indexer.drain();
    await t.kilde.alerts.service.settled();
  }, 120_000);

  afterAll(async () => {
    await t.stop();
    removeDir(t.dir);
    await smtp.close();
  });

  test('a researcher — saves a search and is alerted like anyone, but still cannot change the archive', async () => {
    const alerts = await researcher.http.get('/api/alerts');
    expect(alerts.body.alerts.map((a: { documentId: string }) => a.documentId)).toEqual([open]);
    expect((await researcher.http.put('/api/alerts/settings').send({ email: 'rita@avis.test' })).status).toBe(200);
    expect((await researcher.http.post('/api/search/batch').send({ names: 'Kastrup\nAalborg', format: 'json' })).status).toBe(200);
    expect((await researcher.http.post('/api/documents').attach('file', Buffer.from('nej'), 'nej.txt')).status).toBe(403);
    expect((await researcher.http.put(`/api/documents/${open}/access`).send({ level: 'restricted', users: [] })).status).toBe(403);
  });

  test('a new match — appears once in the bell, for the subscriber only as far as they may read it', async () => {
    const mine = await saver.http.get('/api/alerts');
    expect(mine.body.unread).toBe(2);
    expect(mine.body.alerts.map((a: { documentId: string }) => a.documentId).sort()).toEqual([open, secret].sort());
    const theirs = await other.http.get('/api/alerts');
    expect(theirs.body.unread).toBe(1);
    expect(theirs.body.alerts.map((a: { documentId: string }) => a.documentId)).toEqual([open]);
    expect(JSON.stringify(theirs.body)).not.toMatch(/Kildens|kilde\.txt/);

    // Indexed again (a metadata change goes through the outbox): still one alert per document.
    const now = new Date().toISOString();
    t.kilde.db.prepare("INSERT INTO search_outbox (document_id, op, next_attempt_at, created_at) VALUES (?, 'upsert', ?, ?), (?, 'upsert', ?, ?)").run(open, now, now, secret, now, now);
    await t.kilde.indexer.drain();
    expect((await saver.http.get('/api/alerts')).body.unread).toBe(2);

    const page = await saver.http.get('/alerts');
    expect(page.status).toBe(200);
    expect(page.text).toMatch(/class="bell-count" data-count="2"/);
    expect((await other.http.get('/alerts')).text).toMatch(/class="bell-count" data-count="1"/);
    // On every page, the account's and the admin's included (their routes come before the alerts area's).
    expect((await saver.http.get('/account')).text).toMatch(/class="bell-count" data-count="2"/);
    expect((await saver.http.get('/documents')).text).toMatch(/class="bell-count" data-count="2"/);
  });

  test('the bell — counted only when a page renders; JSON answers (and JSON errors) run no count', async () => {
    // A spy that calls through: it only watches the real service.
    const unread = jest.spyOn(t.kilde.alerts.service, 'unread');
    try {
      expect((await saver.http.get('/api/saved-searches')).status).toBe(200);
      expect((await saver.http.get(`/api/documents/${open}`)).status).toBe(200);
      expect((await saver.http.get('/api/no-such-thing')).status).toBe(404);
      expect(unread).not.toHaveBeenCalled();
      const page = await saver.http.get('/saved-searches');
      expect(page.text).toMatch(/class="bell-count" data-count="2"/);
      expect(unread).toHaveBeenCalledTimes(1);
    } finally {
      unread.mockRestore();
    }
  });

  test('the e-mail — each new match mailed once, received by the SMTP server, never naming what they cannot read', async () => {
    const to = (addr: string) => mail.filter((m) => JSON.stringify(m.to).includes(addr));
    const anna = to('anna@avis.test');
    const body = (m: ParsedMail) => `${m.subject}\n${m.text}\n${m.html}`;
    // Uploads are indexed as they come, so the two matches may arrive in one e-mail or two; each in exactly one.
    expect(anna.filter((m) => body(m).includes(`https://kilde.avis.test/documents/${open}`))).toHaveLength(1);
    expect(anna.filter((m) => body(m).includes(`https://kilde.avis.test/documents/${secret}`))).toHaveLength(1);
    expect(anna[0]?.from?.text).toContain('kilde@avis.test');
    const bo = to('bo@avis.test');
    expect(bo).toHaveLength(1);
    expect(bo[0]?.text).toContain(`/documents/${open}`);
    expect(bo.map(body).join('')).not.toContain(secret);
    expect(bo.map(body).join('')).not.toMatch(/Kildens|kilde\.txt/);
  });

  test('the Atom feed — read without signing in at its secret URL; each alert is one entry', async () => {
    const feed = await t.anon.get(saverFeed);
    expect(feed.status).toBe(200);
    expect(feed.headers['content-type']).toMatch(/application\/atom\+xml/);
    expect(feed.text.match(/<entry>/g)).toHaveLength(2);
    expect(feed.text).toContain(`https://kilde.avis.test/documents/${secret}`);
    const theirs = await t.anon.get(otherFeed);
    expect(theirs.text.match(/<entry>/g)).toHaveLength(1);
    expect(theirs.text).not.toContain(secret);
    expect((await t.anon.get('/alerts/feed/not-a-real-secret-at-all-0000.atom')).status).toBe(404);
    // A new secret replaces the old one.
    const renewed = (await saver.http.post('/api/alerts/feed')).body.path;
    expect((await t.anon.get(saverFeed)).status).toBe(404);
    saverFeed = renewed;
    const read = await t.anon.get(saverFeed);
    expect(read.status).toBe(200);
    // Its own id and address: a reader tells one user's feed from another's.
    expect(read.text).toContain(`<link rel="self" href="https://kilde.avis.test${saverFeed}"/>`);
    const id = (xml: string) => /<feed[^>]*>\s*<id>([^<]+)<\/id>/.exec(xml)?.[1];
    expect(id(read.text)).toBeTruthy();
    expect(id(read.text)).not.toBe(id(theirs.text));
  });

  test('new since the last visit — listed once; the visit clears them', async () => {
    const list = await saver.http.get('/api/saved-searches');
    const saved = list.body.savedSearches[0];
    expect(saved).toMatchObject({ name: 'Kastrup-støj', newMatches: 2 });
    expect(saved.href).toBe('/search?q=kastrup+lufthavn&type=text%2Fplain');
    const visit = await saver.http.get(`/api/saved-searches/${saved.id}`);
    expect(visit.body.newMatches.map((m: { documentId: string }) => m.documentId).sort()).toEqual([open, secret].sort());
    expect((await saver.http.get('/api/saved-searches')).body.savedSearches[0].newMatches).toBe(0);
    const page = await saver.http.get(`/saved-searches/${saved.id}`).query({ lang: 'en' });
    expect(page.text).toContain('Nothing new since your last visit.');
    const da = await saver.http.get('/saved-searches').query({ lang: 'da' });
    expect(da.text).toContain('Gemte søgninger');
    expect(da.text).toContain('Sådan får du varsler');
    expect((await other.http.get(`/api/saved-searches/${saved.id}`)).status).toBe(404);
  });

  test('access taken away after the alert — the alert stops showing the document', async () => {
    const now = new Date().toISOString();
    t.kilde.db.transaction(() => {
      t.kilde.db.prepare("UPDATE documents SET access_level = 'restricted' WHERE id = ?").run(open);
      t.kilde.db.prepare("INSERT INTO search_outbox (document_id, op, next_attempt_at, created_at) VALUES (?, 'upsert', ?, ?)").run(open, now, now);
    })();
    await t.kilde.indexer.drain();
    expect((await other.http.get('/api/alerts')).body.alerts).toEqual([]);
    expect((await t.anon.get(otherFeed)).text).not.toContain(open);
  });

  test('saving — from the search page\'s form, and a bad search is refused with a message', async () => {
    const form = await t.http.get('/search?q=kastrup');
    expect(form.text).toContain('action="/saved-searches"');
    expect(form.text).toContain('name="alertEmail"'); // mail is configured here
    const bad = await saver.http.post('/api/saved-searches').send({ name: 'x', search: '/search?q=kastrup&from=not-a-date' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/date/);
    expect((await saver.http.post('/api/saved-searches').send({ name: 'tom', search: '/search?q=' })).status).toBe(400);
  });

  test('saving the same search again — the one saved before, not a second that alerts twice; e-mail turned on if asked; another user\'s is their own', async () => {
    const first = await saver.http.post('/api/saved-searches').send({ name: 'Metro', search: '/search?q=metro+cityring', alertEmail: false });
    expect(first.status).toBe(201);
    expect(first.body.existing).toBe(false);
    // The same words and filters however written: a full URL, another page of the results.
    const again = await saver.http.post('/api/saved-searches').send({ name: 'Metro igen', search: 'https://kilde.avis.test/search?q=metro%20cityring&page=3', alertEmail: true });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ id: first.body.id, name: 'Metro', existing: true, alertEmail: true });
    const mine = (await saver.http.get('/api/saved-searches')).body.savedSearches.filter((x: { params: string }) => x.params === first.body.params);
    expect(mine).toHaveLength(1);
    // Saved from the page's form: back on the one saved before, told so in the page's language.
    const form = await saver.http.post('/saved-searches').set('Cookie', 'kilde_lang=da').type('form').send({ name: 'Metro', search: '/search?q=metro+cityring', alertEmail: 'on' });
    expect(form.status).toBe(303);
    expect(form.headers.location).toBe(`/saved-searches/${first.body.id}?already=1`);
    const page = await saver.http.get(form.headers.location).set('Cookie', 'kilde_lang=da');
    expect(page.text).toContain('Du havde allerede gemt denne søgning');
    expect((await saver.http.get(`/saved-searches/${first.body.id}`)).text).not.toContain('already saved');
    // Another user's save of the same search is theirs.
    const bos = await other.http.post('/api/saved-searches').send({ name: 'Metro', search: '/search?q=metro+cityring' });
    expect(bos.status).toBe(201);
    expect(bos.body.id).not.toBe(first.body.id);
    // A different filter is a different search.
    expect((await saver.http.post('/api/saved-searches').send({ name: 'Metro PDF', search: '/search?q=metro+cityring&type=application%2Fpdf' })).status).toBe(201);
  });

  test('FOI requests — due tomorrow, overdue and an answer alert the journalist who filed it, once each', async () => {
    const authority = 'party_foi_alerts';
    t.kilde.db.prepare("INSERT INTO parties (id, kind, name, created_at, updated_at) VALUES (?, 'authority', 'Transportministeriet', ?, ?)").run(authority, clock.now().toISOString(), clock.now().toISOString());
    const created = await saver.http.post('/api/requests').send({ authorityId: authority, subject: 'Støjmålinger ved Kastrup', sentDate: '2025-03-03' });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    const due = (await saver.http.get(`/api/requests/${id}`)).body.deadlines.answerDue.date as string;
    const dayBefore = new Date(Date.parse(`${due}T12:00:00Z`) - 86_400_000).toISOString();
    clock.set(dayBefore);
    expect(await t.kilde.alerts.service.checkRequests()).toBe(1);
    expect(await t.kilde.alerts.service.checkRequests()).toBe(0);
    clock.set(new Date(Date.parse(`${due}T12:00:00Z`) + 2 * 86_400_000).toISOString());
    expect(await t.kilde.alerts.service.checkRequests()).toBe(1);
    const logged = await saver.http.post(`/api/requests/${id}/log`).send({ kind: 'received', date: clock.now().toISOString().slice(0, 10), summary: 'Svar fra ministeriet' });
    expect(logged.status).toBe(201);
    expect(await t.kilde.alerts.service.checkRequests()).toBe(1);
    // A decision recorded as a status (not logged as a letter) is an answer arriving too — once;
    // one on the day a letter was logged is that letter.
    const yesterday = new Date(clock.now().getTime() - 86_400_000).toISOString().slice(0, 10);
    const decided = await saver.http.post(`/api/requests/${id}/status`).send({ status: 'partly_granted', date: yesterday, receivedOn: yesterday });
    expect(decided.status).toBe(200);
    expect(await t.kilde.alerts.service.checkRequests()).toBe(1);
    expect(await t.kilde.alerts.service.checkRequests()).toBe(0);
    await t.kilde.alerts.service.settled();
    const kinds = (await saver.http.get('/api/alerts')).body.alerts.filter((a: { requestId: string | null }) => a.requestId === id).map((a: { kind: string }) => a.kind).sort();
    expect(kinds).toEqual(['foi_answer', 'foi_answer', 'foi_due_tomorrow', 'foi_overdue']);
    expect((await other.http.get('/api/alerts')).body.alerts.some((a: { requestId: string | null }) => a.requestId === id)).toBe(false);
    expect(mail.some((m) => JSON.stringify(m.to).includes('anna@avis.test') && /tomorrow/.test(m.subject ?? ''))).toBe(true);
  });
  test('a request whose story is closed to its filer afterwards — its FOI alerts drop out of the bell and the feed', async () => {
    const story = (await saver.http.post('/api/stories').send({ title: 'Delt sag', accessLevel: 'restricted', users: [saver.userId, other.userId] }).expect(201)).body.id;
    const authority = 'party_foi_closed';
    t.kilde.db.prepare("INSERT INTO parties (id, kind, name, created_at, updated_at) VALUES (?, 'authority', 'Forsvarsministeriet', ?, ?)").run(authority, clock.now().toISOString(), clock.now().toISOString());
    const request = (await other.http.post('/api/requests').send({ authorityId: authority, subject: 'Hemmelig aktindsigt', sentDate: '2024-01-02', storyId: story }).expect(201)).body.id as string;
    expect(await t.kilde.alerts.service.checkRequests()).toBeGreaterThan(0);
    const mine = async () => (await other.http.get('/api/alerts')).body.alerts.filter((a: { requestId: string | null }) => a.requestId === request);
    expect((await mine()).length).toBeGreaterThan(0);
    expect((await t.anon.get(otherFeed)).text).toContain('Hemmelig aktindsigt');

    await saver.http.patch(`/api/stories/${story}`).send({ users: [saver.userId] }).expect(200);
    expect((await other.http.get(`/api/requests/${request}`)).status).toBe(404);
    expect(await mine()).toEqual([]);
    expect((await t.anon.get(otherFeed)).text).not.toContain('Hemmelig aktindsigt');
    expect((await other.http.get('/alerts')).text).not.toContain('Hemmelig aktindsigt');
  });

  test('an embargo that ends — the document alerts then, once, though nothing wrote it', async () => {
    const until = new Date(clock.now().getTime() + 3_600_000).toISOString();
    const res = await t.http.post('/api/documents').field('access', 'embargoed').field('embargoUntil', until)
      .attach('file', Buffer.from('Embargo: Kastrup lufthavn får ny bane.'), 'embargo.txt');
    expect(res.status).toBe(202);
    const id = res.body.id as string;
    await waitForStatus(t, id);
    await t.kilde.indexer.drain();
    const alerted = async () => (await researcher.http.get('/api/alerts')).body.alerts.some((a: { documentId: string | null }) => a.documentId === id);
    expect(await t.kilde.alerts.service.checkEmbargoes()).toBe(0);
    expect(await alerted()).toBe(false);

    clock.advance(2 * 3_600_000);
    expect(await t.kilde.alerts.service.checkEmbargoes()).toBe(3); // anna, bo and rita saved the search
    expect(await alerted()).toBe(true);
    expect(await t.kilde.alerts.service.checkEmbargoes()).toBe(0);
    await t.kilde.alerts.service.settled();
    expect(mail.some((m) => JSON.stringify(m.to).includes('bo@avis.test') && (m.text ?? '').includes('/documents/' + id))).toBe(true);
  });
  test('saving — a "?" in the words is kept, a broken %-escape and an overlong search are refused in words of their own', async () => {
    const asked = await saver.http.post('/api/saved-searches').send({ name: 'spørgsmål', search: 'q=hvad+nu%3F' });
    expect(asked.status).toBe(201);
    const params = async (id: string) => decodeURIComponent(((await saver.http.get(`/api/saved-searches/${id}`)).body.search.params as string).replace(/\+/g, ' '));
    expect(await params(asked.body.id)).toContain('q=hvad nu?');
    const bare = await saver.http.post('/api/saved-searches').send({ name: 'rå', search: 'q=hvad?' });
    expect(bare.status).toBe(201);
    expect(await params(bare.body.id)).toContain('q=hvad?');
    const url = await saver.http.post('/api/saved-searches').send({ name: 'url', search: 'https://kilde.avis.test/search?q=hvorfor?&type=text%2Fplain' });
    expect(url.status).toBe(201);
    expect(await params(url.body.id)).toContain('q=hvorfor?');
    const broken = await saver.http.post('/api/saved-searches').send({ name: 'x', search: '/search?q=%E0%A4%A' });
    expect(broken.status).toBe(400);
    expect(broken.body.error.message).toMatch(/broken %-escape/);
    const long = await saver.http.post('/api/saved-searches').send({ name: 'x', search: `q=${'a'.repeat(4001)}` });
    expect(long.status).toBe(400);
    expect(long.body.error.message).toMatch(/longer than 4,000 characters/);
  });

  test('a saved search — renamed and its e-mail turned off, on the page and by the API; only by its owner', async () => {
    const made = (await other.http.post('/api/saved-searches').send({ name: 'Havnen', search: '/search?q=havnen&type=text%2Fplain', alertEmail: true }).expect(201)).body;
    const page = await other.http.get(`/saved-searches/${made.id}`).query({ lang: 'en' });
    expect(page.text).toContain('Searches for <code>havnen</code> with filters');
    expect(page.text).toContain(`action="/saved-searches/${made.id}"`);
    const renamed = await other.http.patch(`/api/saved-searches/${made.id}`).send({ name: 'Havnens regnskaber', alertEmail: false });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ name: 'Havnens regnskaber', alertEmail: false, params: made.params });
    expect((await other.http.patch(`/api/saved-searches/${made.id}`).send({ name: '  ' })).status).toBe(400);
    expect((await saver.http.patch(`/api/saved-searches/${made.id}`).send({ name: 'Mit nu' })).status).toBe(404);
    expect((await other.http.get(`/api/saved-searches/${made.id}`)).body.search.name).toBe('Havnens regnskaber');
    expect((await other.http.delete(`/api/saved-searches/${made.id}`)).status).toBe(204);
  });

  test('hostile names and addresses — an address that is more than one mailbox is refused; control and direction characters leave a name', async () => {
    for (const email of ['x,y,dora@avis.test', 'bo.dk:offer@avis.test', '(c)dora@avis.test', 'a@b', 'dora@avis.test\r\nBcc: x@y.dk']) {
      const res = await other.http.put('/api/alerts/settings').send({ email });
      expect(res.status).toBe(400);
    }
    expect((await other.http.put('/api/alerts/settings').send({ email: 'bo.ø@ålborg.dk' })).status).toBe(200);
    expect((await other.http.put('/api/alerts/settings').send({ email: 'bo@avis.test' })).status).toBe(200);
    const saved = await other.http.post('/api/saved-searches').send({ name: 'Ny\r\nBcc: x@y.dk \u202Egnp.exe', search: 'q=gnp' });
    expect(saved.status).toBe(201);
    expect(saved.body.name).toBe('Ny Bcc: x@y.dk gnp.exe');
    expect((await other.http.delete(`/api/saved-searches/${saved.body.id}`)).status).toBe(204);
  });

  test('a saved search that can no longer run — is skipped; every other one still alerts, by e-mail too', async () => {
    const refused = await saver.http.post('/api/saved-searches').send({ name: 'x', search: 'q=zanzibar&from=2018-13-45' });
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toMatch(/dates look like/);
    // As an older version could have saved it, first in the order saved searches are run.
    const at = clock.now().toISOString();
    t.kilde.db.prepare("INSERT INTO saved_searches (id, user_id, name, params, alert_email, last_visited_at, created_at) VALUES ('ss_!broken', ?, 'gammel', 'q=zanzibar&from=2018-13-45', 1, ?, ?)").run(other.userId, at, at);
    for (const who of [saver, researcher]) expect((await who.http.post('/api/saved-searches').send({ name: 'Zanzibar', search: 'q=zanzibar', alertEmail: true })).status).toBe(201);
    clock.advance(60_000);
    const id = await upload(t.http, 'zanzibar.txt', 'Zanzibar-notatet om havnen.');
    await t.kilde.indexer.drain();
    await t.kilde.alerts.service.settled();
    for (const who of [saver, researcher]) {
      expect((await who.http.get('/api/alerts')).body.alerts.some((a: { documentId: string | null }) => a.documentId === id)).toBe(true);
    }
    for (const address of ['anna@avis.test', 'rita@avis.test']) {
      expect(mail.some((m) => JSON.stringify(m.to).includes(address) && (m.text ?? '').includes(`/documents/${id}`))).toBe(true);
    }
  });

  test('a slow mail server — holds neither the index nor an access change; a message made later leaves out what its reader lost', async () => {
    const drained = async () => {
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<string>((resolve) => { timer = setTimeout(() => resolve('held by the mail'), 5_000); });
      try {
        return await Promise.race([t.kilde.indexer.drain().then(() => 'drained'), late]);
      } finally {
        clearTimeout(timer);
      }
    };
    const { release, before } = await savedWithMailHeld('Vindmøller', 'vindmølle');
    try {
      const first = await upload(t.http, 'vind1.txt', 'Vindmølle ved Kastrup: første notat.');
      expect(await drained()).toBe('drained'); // its alerts are made; the first message waits at the mail server
      const second = await upload(t.http, 'vind2.txt', 'Vindmølle ved Kastrup: andet notat.');
      expect(await drained()).toBe('drained');
      expect((await other.http.get('/api/alerts')).body.alerts.some((a: { documentId: string | null }) => a.documentId === second)).toBe(true);

      // Restricted while its e-mails wait behind the first: the index follows at once.
      expect((await t.http.put(`/api/documents/${second}/access`).send({ level: 'restricted', users: [] })).status).toBe(200);
      expect(await drained()).toBe('drained');
      const found = await other.http.get('/api/search').query({ q: 'vindmølle' });
      expect(found.body.hits.map((h: { documentId: string }) => h.documentId)).toEqual([first]);

      release();
      await t.kilde.alerts.service.settled();
      const sent = mail.slice(before);
      for (const address of ['anna@avis.test', 'bo@avis.test']) {
        const theirs = sent.filter((m) => JSON.stringify(m.to).includes(address)).map((m) => `${m.subject}\n${m.text}\n${m.html}`).join('\n');
        expect(theirs).toContain(`/documents/${first}`);
        expect(theirs).not.toContain(second);
        expect(theirs).not.toContain('andet notat');
      }
    } finally {
      release();
    }
  });

  test('the Atom feed — a title with characters XML forbids stays readable; the feed can be turned off', async () => {
    const before = (await t.anon.get(otherFeed)).text;
    const id = await upload(t.http, 'styr.txt', 'Kastrup lufthavn: styretegn i titlen.', { title: 'Memo\u000bmed\u001bstyretegn\u0000' });
    await t.kilde.indexer.drain();
    const feed = await t.anon.get(otherFeed);
    expect(feed.text).not.toBe(before);
    expect(feed.text).toContain(`/documents/${id}`);
    expect(feed.text).toContain('Memomedstyretegn');
    expect(feed.text).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/);
    // Turned off: the address stops working; a new one can be made.
    expect((await other.http.delete('/api/alerts/feed')).status).toBe(204);
    expect((await t.anon.get(otherFeed)).status).toBe(404);
    otherFeed = (await other.http.post('/api/alerts/feed')).body.path;
    expect((await t.anon.get(otherFeed)).status).toBe(200);
  });
  test('stopping — the message being sent finishes; the others are not sent, and their alerts stay in the bell', async () => {
    const { release, before } = await savedWithMailHeld('Solceller', 'solceller');
    try {
      const id = await upload(t.http, 'sol.txt', 'Solceller på rådhusets tag.');
      await t.kilde.indexer.drain(); // two messages queued: the first waits at the mail server
      const closing = t.kilde.alerts.service.closeMail();
      release();
      await closing;
      expect(mail.length - before).toBe(1);
      for (const who of [saver, other]) {
        expect((await who.http.get('/api/alerts')).body.alerts.some((a: { documentId: string | null }) => a.documentId === id)).toBe(true);
      }
    } finally {
      release();
    }
  });
});
