import { makePdf } from '../helpers/pdf';
import { removeDir, startTestKilde, waitForStatus, type TestKilde } from '../helpers/kilde';
import { eml, textImage } from '../helpers/generated';

/**
 * An e-mail with two attachments, uploaded through HTTP, becomes three documents: the message and
 * one per attachment, linked as "attachment of", each extracted by its own type and searchable.
 */
describe('ingest — e-mail with two attachments, through HTTP', () => {
  let t: TestKilde;
  let mailId: string;
  let children: Array<{ id: string; title: string; relation: string; status: string }>;

  beforeAll(async () => {
    t = await startTestKilde();
    const letter = await makePdf(['Bilag 1: Aftalen om KMD Momentum skal genforhandles inden årsskiftet.'], { title: 'Aftale om Momentum' });
    const photo = textImage(['Driftscenter i Amsterdam', 'Microsoft Azure region'], { widthPx: 1000 });
    const mail = eml({
      from: 'Kommunaldirektør Jens Hansen <jens@kommune.example>',
      to: 'Journalist <redaktion@avis.example>',
      subject: 'Svar på aktindsigt — personfølsomme data',
      date: 'Fri, 28 Sep 2018 09:15:00 +0200',
      body: 'Hej\n\nHermed svar på jeres anmodning om aktindsigt. Se venligst vedhæftede bilag om Momentum-systemet.\n\nMed venlig hilsen\nKommunaldirektøren',
      attachments: [
        { filename: 'bilag-1.pdf', contentType: 'application/pdf', bytes: letter },
        { filename: 'bilag-2.png', contentType: 'image/png', bytes: photo.png },
      ],
    });
    const res = await t.http.post('/api/documents').attach('file', mail, 'svar.eml');
    expect(res.status).toBe(202);
    mailId = res.body.id;
    await waitForStatus(t, mailId, ['ready'], 30_000);
    // The attachments are queued as the e-mail finishes; wait for both.
    const until = Date.now() + 60_000;
    for (;;) {
      const doc = await t.http.get(`/api/documents/${mailId}`);
      children = doc.body.children;
      if (children.length === 2 && children.every((c) => c.status === 'ready' || c.status === 'failed')) break;
      if (Date.now() > until) throw new Error(`attachments not extracted: ${JSON.stringify(children)}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    await t.kilde.indexer.drain();
  }, 120_000);

  afterAll(async () => {
    await t.stop();
    removeDir(t.dir);
  });

  test('e-mail — two attachments — becomes three documents, the attachments linked to the message', async () => {
    const list = await t.http.get('/api/documents');
    expect(list.body.total).toBe(3);
    expect(children.map((c) => c.relation)).toEqual(['attachment_of', 'attachment_of']);
    expect(children.map((c) => c.status)).toEqual(['ready', 'ready']);
    for (const c of children) {
      const doc = await t.http.get(`/api/documents/${c.id}`);
      expect(doc.body).toMatchObject({ parentId: mailId, relation: 'attachment_of', status: 'ready' });
    }
    const types = await Promise.all(children.map(async (c) => (await t.http.get(`/api/documents/${c.id}`)).body.mediaType));
    expect(types.sort()).toEqual(['application/pdf', 'image/png']);
  });

  test('e-mail — the message — keeps its headers as metadata, its subject as title and its date', async () => {
    const doc = await t.http.get(`/api/documents/${mailId}`);
    expect(doc.body).toMatchObject({ mediaType: 'message/rfc822', title: 'Svar på aktindsigt — personfølsomme data', documentDate: '2018-09-28' });
    expect(doc.body.metadata.from).toContain('jens@kommune.example');
    expect(doc.body.metadata.to).toContain('redaktion@avis.example');
    expect(doc.body.metadata.subject).toBe('Svar på aktindsigt — personfølsomme data');
  });

  test.each([
    ['the message body', 'kommunaldirektøren vedhæftede', 'message/rfc822'],
    ['a header (the sender)', 'jens@kommune.example', 'message/rfc822'],
    ['the PDF attachment', 'genforhandles årsskiftet', 'application/pdf'],
    ['the image attachment (OCR)', 'Amsterdam Azure', 'image/png'],
  ])('search — words of %s — find that document', async (_what, q, type) => {
    const res = await t.http.get('/api/search').query({ q });
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(1);
    const doc = await t.http.get(`/api/documents/${res.body.hits[0].documentId}`);
    expect(doc.body.mediaType).toBe(type);
  });

  test('document pages — message and attachment — link to each other', async () => {
    const mail = await t.http.get(`/documents/${mailId}`);
    for (const c of children) expect(mail.text).toContain(`/documents/${c.id}`);
    const child = await t.http.get(`/documents/${children[0]!.id}`);
    expect(child.text).toContain(`/documents/${mailId}`);
  });
});
