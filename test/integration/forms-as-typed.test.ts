import { filesUnder, removeDir, startTestKilde, testClock, type TestKilde } from '../helpers/kilde';

/**
 * Defects found walking the UI without JavaScript: deleting a request asks first; researchers are not
 * offered forms they may not send; a refused upload or story form comes back as typed, the refusal
 * beside the field in the reader's language; the desk counts an overdue request as open; a batch
 * takes the date of the form and says when it left the title out; the stories page's title is Danish.
 */
const NOW = '2018-07-11T10:00:00Z';

describe('forms and pages as people use them', () => {
  let t: TestKilde;
  let anna: ReturnType<TestKilde['as']>;
  let rita: ReturnType<TestKilde['as']>;
  let authority: string;

  beforeAll(async () => {
    t = await startTestKilde({}, { clock: testClock(NOW) });
    anna = t.as('journalist', 'anna');
    rita = t.as('researcher', 'rita');
    authority = (await t.http.post('/api/parties').send({ kind: 'authority', name: 'Formular Kommune' })).body.id;
  });
  afterAll(async () => {
    await t.stop();
    removeDir(t.dir);
  });

  const newRequest = async (subject: string, body: Record<string, unknown> = {}) => {
    const res = await anna.http.post('/api/requests').send({ authorityId: authority, subject, ...body });
    expect(res.status).toBe(201);
    return res.body.id as string;
  };
  const count = (sql: string, ...args: unknown[]) => t.kilde.db.prepare(sql).pluck().get(...args) as number;

  describe('deleting a request', () => {
    test('the request page — its delete button — leads to a question, and deletes nothing by itself', async () => {
      const id = await newRequest('Spørg før sletning');
      const page = await anna.http.get(`/requests/${id}?lang=da`);
      expect(page.status).toBe(200);
      expect(page.text).not.toMatch(new RegExp(`<form[^>]*action="/requests/${id}/delete"`));
      expect(page.text).toContain(`href="/requests/${id}/delete"`);
      const question = await anna.http.get(`/requests/${id}/delete?lang=da`);
      expect(question.status).toBe(200);
      expect(question.text).toContain('Slet anmodningen “Spørg før sletning”?');
      expect(question.text).toMatch(/name="confirm" value="yes"/);
      expect(question.text).toContain(`href="/requests/${id}"`);
      expect(count('SELECT COUNT(*) FROM requests WHERE id = ?', id)).toBe(1);
    });

    test('a post without the confirmation — back to the question, the request kept; with it — deleted', async () => {
      const id = await newRequest('Slettes kun bekræftet');
      const bare = await anna.http.post(`/requests/${id}/delete`).type('form').send({});
      expect(bare.status).toBe(303);
      expect(bare.headers.location).toBe(`/requests/${id}/delete`);
      expect(count('SELECT COUNT(*) FROM requests WHERE id = ?', id)).toBe(1);
      const confirmed = await anna.http.post(`/requests/${id}/delete`).type('form').send({ confirm: 'yes' });
      expect(confirmed.status).toBe(303);
      expect(confirmed.headers.location).toBe('/requests');
      expect(count('SELECT COUNT(*) FROM requests WHERE id = ?', id)).toBe(0);
    });
  });

  describe('researchers', () => {
    test('navigation and the desk — no Upload and no New request for a researcher; a journalist has both', async () => {
      const home = await rita.http.get('/?lang=da');
      expect(home.status).toBe(200);
      expect(home.text).not.toContain('href="/upload"');
      expect(home.text).not.toContain('href="/requests/new"');
      const overview = await rita.http.get('/requests?lang=da');
      expect(overview.text).not.toContain('href="/requests/new"');
      const archive = await rita.http.get('/documents?lang=da');
      expect(archive.status).toBe(200);
      expect(archive.text).not.toContain('href="/upload"');
      const party = await rita.http.get(`/parties/${authority}?lang=da`);
      expect(party.status).toBe(200);
      expect(party.text).not.toContain('href="/requests/new');
      expect((await anna.http.get(`/parties/${authority}`)).text).toContain('href="/requests/new?authority=');
      const journalist = await anna.http.get('/?lang=da');
      expect(journalist.text).toContain('href="/upload"');
      expect(journalist.text).toContain('href="/requests/new"');
    });

    test('GET /upload and GET /requests/new — the 403 page at once, in Danish', async () => {
      for (const path of ['/upload', '/requests/new']) {
        const res = await rita.http.get(`${path}?lang=da`);
        expect(res.status).toBe(403);
        expect(res.text).toContain('Researchere kan læse og søge, men ikke ændre arkivet.');
      }
      expect((await anna.http.get('/upload')).status).toBe(200);
      expect((await anna.http.get('/requests/new')).status).toBe(200);
    });
  });

  describe('the upload form', () => {
    test('a date with no month 13 — the form again, as typed, the refusal beside the date naming it in Danish; nothing kept', async () => {
      const docsBefore = count('SELECT COUNT(*) FROM documents');
      const filesBefore = filesUnder(t.dir).length;
      const story = (await anna.http.post('/api/stories').send({ title: 'Upload-historien' })).body.id as string;
      const res = await anna.http.post('/upload?lang=da').field('title', 'Brev fra kommunen').field('notes', 'Modtaget pr. post')
        .field('date', '2019-13-45').field('storyId', story).field('access', 'restricted').field('users', 'anna')
        .attach('files', Buffer.from('Et brev med en forkert dato.'), 'brev.txt');
      expect(res.status).toBe(400);
      expect(res.text).toMatch(/<form class="upload-form"/);
      expect(res.text).toMatch(/id="title"[^>]*value="Brev fra kommunen"/);
      expect(res.text).toMatch(/id="date"[^>]*value="2019-13-45"/);
      expect(res.text).toContain('>Modtaget pr. post</textarea>');
      expect(res.text).toMatch(new RegExp(`<option value="${story}" selected>`));
      expect(res.text).toMatch(/name="access" value="restricted" checked/);
      expect(res.text).toMatch(/id="access-users"[^>]*value="anna"/);
      expect(res.text).toMatch(/<p class="error-message" id="date-error" role="alert">Brevets dato: der er ingen måned 13\.<\/p>/);
      expect(res.text).toMatch(/id="date"[^>]*aria-describedby="date-hint date-error"/);
      expect(res.text).not.toContain('date:');
      expect(res.text).toContain('vælg filerne igen');
      expect(count('SELECT COUNT(*) FROM documents')).toBe(docsBefore);
      expect(filesUnder(t.dir).length).toBe(filesBefore);
    });

    test('an unknown named user — the form again with the refusal beside the users field, in English for an English reader', async () => {
      const res = await anna.http.post('/upload?lang=en').field('access', 'restricted').field('users', 'ukendt-person')
        .attach('files', Buffer.from('Første.'), 'b1.txt').attach('files', Buffer.from('Anden.'), 'b2.txt');
      expect(res.status).toBe(400);
      expect(res.text).toMatch(/<p class="error-message" id="users-error" role="alert">Named users: No such user: &#34;ukendt-person&#34;/);
      expect(res.text).toMatch(/id="access-users"[^>]*value="ukendt-person"/);
    });

    test('several files — the date and notes go to every file; the title is left out and the page says so', async () => {
      const res = await anna.http.post('/upload?lang=da').field('title', 'Samlet titel').field('date', '2018-09-28').field('notes', 'Fælles note')
        .attach('files', Buffer.from('Batch med dato, første fil.'), 'dato-1.txt').attach('files', Buffer.from('Batch med dato, anden fil.'), 'dato-2.txt');
      expect(res.status).toBe(200);
      const ids = [...new Set([...res.text.matchAll(/\/documents\/(doc_[A-Za-z0-9_-]+)/g)].map((m) => m[1]))];
      expect(ids).toHaveLength(2);
      for (const id of ids) {
        const row = t.kilde.db.prepare('SELECT title, document_date AS date, notes FROM documents WHERE id = ?').get(id) as { title: string; date: string; notes: string };
        expect(row.date).toBe('2018-09-28');
        expect(row.notes).toBe('Fælles note');
        expect(row.title).not.toBe('Samlet titel');
      }
      expect(res.text).toMatch(/data-title-ignored>Titlen “Samlet titel” blev ikke brugt/);
    });

    test('the form — says which fields go to every file', async () => {
      const res = await anna.http.get('/upload?lang=da');
      expect(res.text).toContain('Dato, noter, adgang og arkivering gælder alle de filer, du uploader; titlen kun når du uploader én fil.');
    });
  });

  describe('stories', () => {
    test('an embargoed story without its end (no JavaScript, Danish) — the form again, as typed, the field named as labelled', async () => {
      const before = count('SELECT COUNT(*) FROM stories');
      const res = await anna.http.post('/stories?lang=da').type('form')
        .send({ title: 'Hemmelig historie', description: 'Beskrivelsen skal ikke gå tabt', accessLevel: 'embargoed', embargoUntil: '', users: 'anna' });
      expect(res.status).toBe(400);
      expect(res.text).toMatch(/id="story-title"[^>]*value="Hemmelig historie"/);
      expect(res.text).toContain('>Beskrivelsen skal ikke gå tabt</textarea>');
      expect(res.text).toMatch(/<option value="embargoed" selected>/);
      expect(res.text).toMatch(/id="story-users"[^>]*value="anna"/);
      expect(res.text).toContain('Embargo til (ved embargo): skriv datoen, hvor embargoen ophører');
      expect(res.text).not.toContain('embargoUntil (');
      expect(count('SELECT COUNT(*) FROM stories')).toBe(before);
    });

    test('editing a story to embargoed without its end (no JavaScript, Danish) — the story page again, its edit form open and as typed; nothing changed', async () => {
      const id = (await anna.http.post('/api/stories').send({ title: 'Åben historie', description: 'Før' }).expect(201)).body.id as string;
      const res = await anna.http.post(`/stories/${id}?lang=da`).type('form')
        .send({ title: 'Ny titel', description: 'Ny beskrivelse skal ikke gå tabt', accessLevel: 'embargoed', embargoUntil: '', users: '' });
      expect(res.status).toBe(400);
      expect(res.text).toMatch(/<details class="edit" open>/);
      expect(res.text).toMatch(/id="story-title"[^>]*value="Ny titel"/);
      expect(res.text).toContain('>Ny beskrivelse skal ikke gå tabt</textarea>');
      expect(res.text).toMatch(/<option value="embargoed" selected>/);
      expect(res.text).toMatch(/id="story-embargo"[^>]*aria-invalid="true"/);
      expect(res.text).toContain('Embargo til (ved embargo): skriv datoen, hvor embargoen ophører');
      // The page is the story's, as stored: its heading keeps the old title.
      expect(res.text).toContain('Åben historie');
      expect(count('SELECT COUNT(*) FROM stories WHERE id = ? AND title = ? AND access_level = ?', id, 'Åben historie', 'newsroom')).toBe(1);
      // A refusal of who is asking is not a form to fill again: a researcher may not edit (403).
      const researcher = await t.as('researcher', 'rita').http.post(`/stories/${id}`).type('form').send({ title: 'Overtaget' });
      expect(researcher.status).toBe(403);
      expect(researcher.text).not.toContain('class="edit" open');
    });

    test('the stories page — its <title> in Danish on a Danish page', async () => {
      const res = await anna.http.get('/stories?lang=da');
      expect(res.text).toContain('<title>Historier · Kilde</title>');
    });
  });

  test('the desk — an overdue request of mine is among my open requests', async () => {
    const id = await newRequest('Den forsinkede på skrivebordet', { sentDate: '2018-06-01', status: 'sent' });
    const home = await anna.http.get('/?lang=da');
    const section = (heading: string) => home.text.split(`aria-labelledby="${heading}"`)[1].split('</section>')[0];
    expect(section('desk-due')).toContain(`/requests/${id}`);
    expect(section('desk-mine')).toContain(`/requests/${id}`);
  });
  test('stories list — one document and one event are counted in the singular, in Danish and English', async () => {
    const story = (await anna.http.post('/api/stories').send({ title: 'Ental-sagen' }).expect(201)).body.id;
    const doc = (await anna.http.post('/api/documents').attach('file', Buffer.from('Et notat.'), 'notat.txt')).body.id;
    await anna.http.post(`/api/stories/${story}/items`).send({ type: 'document', id: doc }).expect(201);
    await anna.http.post('/api/events').send({ title: 'Møde', date: '2018-07-01', storyId: story }).expect(201);
    const row = (text: string) => text.slice(text.indexOf('Ental-sagen'), text.indexOf('Ental-sagen') + 400);
    expect(row((await anna.http.get('/stories?lang=da')).text)).toMatch(/1 dokument · 1 begivenhed</);
    expect(row((await anna.http.get('/stories?lang=en')).text)).toMatch(/1 document · 1 event</);
  });
});
