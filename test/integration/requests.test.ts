import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { TRANSITIONS } from '../../server/requests/core/requests.status';
import { REQUEST_STATUSES, type RequestStatus } from '../../server/requests/core/requests.types';
import { filesUnder, removeDir, startTestKilde, testClock, waitForStatus, type TestKilde } from '../helpers/kilde';
import { makePdf } from '../helpers/pdf';
import { buildParty, buildStory, type PartyKind } from '../builders';

/**
 * FOI requests through the JSON API on a real Kilde: filing, the status machine, the correspondence
 * log with uploads, linked documents, and bad input on every route. "Today" is fixed at Wednesday
 * 11 July 2018, noon in Copenhagen.
 */
const NOW = '2018-07-11T10:00:00Z';

const party = (t: TestKilde, name: string, kind: PartyKind = 'authority') => buildParty(t.kilde.db, { name, kind, createdAt: NOW }).id;
const story = (t: TestKilde, title: string, accessLevel: 'newsroom' | 'restricted' = 'newsroom') => buildStory(t.kilde.db, { title, accessLevel, createdAt: NOW }).id;

const count = (t: TestKilde, sql: string, ...params: unknown[]): number => t.kilde.db.prepare(sql).pluck().get(...params) as number;

/** The shortest path of statuses from draft to `to` (breadth-first over the legal moves). */
function pathTo(to: RequestStatus): RequestStatus[] {
  const prev = new Map<RequestStatus, RequestStatus | null>([['draft', null]]);
  const queue: RequestStatus[] = ['draft'];
  while (queue.length) {
    const s = queue.shift()!;
    for (const n of TRANSITIONS[s]) if (!prev.has(n)) { prev.set(n, s); queue.push(n); }
  }
  const out: RequestStatus[] = [];
  for (let s: RequestStatus | null = to; s && s !== 'draft'; s = prev.get(s) ?? null) out.unshift(s);
  return out;
}

describe('FOI requests — JSON API', () => {
  let t: TestKilde;
  let star: string;
  let kl: string;
  let cloud: string;

  beforeAll(async () => {
    t = await startTestKilde({}, { clock: testClock(NOW) });
    star = party(t, 'Styrelsen for Arbejdsmarked og Rekruttering');
    kl = party(t, 'KL', 'organisation');
    cloud = story(t, 'Kommunerne i skyen');
  });
  afterAll(async () => {
    await t.stop();
    removeDir(t.dir);
  });

  const create = (body: Record<string, unknown>) => t.http.post('/api/requests').send({ authorityId: star, subject: 'Brevet til KL', ...body });

  describe('filing', () => {
    test('create — sent with a receipt date — stores it as sent, dated, with the story and an audit entry', async () => {
      const res = await create({ sentDate: '2018-06-27', receivedDate: '2018-06-28', storyId: cloud, channel: 'email', ourReference: 'K-1', authorityReference: '18/1234', body: 'Alle breve.' });
      expect(res.status).toBe(201);
      expect(res.headers.location).toBe(`/api/requests/${res.body.id}`);
      expect(res.body).toMatchObject({
        status: 'sent', statusDate: '2018-06-27', jurisdiction: 'DK', law: 'offentlighedsloven', channel: 'email',
        authority: { id: star, kind: 'authority' }, story: { id: cloud, title: 'Kommunerne i skyen' },
      });
      expect(res.body.id).toMatch(/^req_/);
      expect(count(t, "SELECT COUNT(*) FROM story_items WHERE story_id = ? AND item_type = 'request' AND item_id = ?", cloud, res.body.id)).toBe(1);
      expect(count(t, "SELECT COUNT(*) FROM audit_log WHERE entity_type = 'request' AND entity_id = ? AND action = 'create'", res.body.id)).toBe(1);
      const view = await t.http.get(`/api/requests/${res.body.id}`);
      expect(view.body.history).toEqual([expect.objectContaining({ from: null, to: 'sent', date: '2018-06-27', changedByName: expect.any(String) })]);
    });

    test('create — no sending date — is a draft without deadlines', async () => {
      const res = await create({});
      expect(res.status).toBe(201);
      expect(res.body.status).toBe('draft');
      const d = await t.http.get(`/api/requests/${res.body.id}/deadlines`);
      expect(d.status).toBe(200);
      expect(d.body.deadlines).toEqual([]);
      expect(d.body.problem).toMatch(/not been sent/);
    });

    test('create — another jurisdiction — takes its law by default', async () => {
      const res = await create({ jurisdiction: 'uk', sentDate: '2018-07-02' });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ jurisdiction: 'UK', law: 'Freedom of Information Act 2000' });
    });

    test('update — fields and jurisdiction — the default law follows; the story item moves', async () => {
      const other = story(t, 'Anden historie');
      const { body: created } = await create({ sentDate: '2018-07-02', storyId: cloud });
      const res = await t.http.patch(`/api/requests/${created.id}`).send({ subject: 'Nyt emne', jurisdiction: 'SE', storyId: other, notes: 'ring tirsdag' });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ subject: 'Nyt emne', jurisdiction: 'SE', law: 'Tryckfrihetsförordningen', storyId: other, notes: 'ring tirsdag' });
      expect(count(t, "SELECT COUNT(*) FROM story_items WHERE item_type = 'request' AND item_id = ? AND story_id = ?", created.id, cloud)).toBe(0);
      expect(count(t, "SELECT COUNT(*) FROM story_items WHERE item_type = 'request' AND item_id = ? AND story_id = ?", created.id, other)).toBe(1);
      const cleared = await t.http.patch(`/api/requests/${created.id}`).send({ storyId: null, channel: '' });
      expect(cleared.body).toMatchObject({ storyId: null, story: null, channel: null });
    });

    test('delete — a request — is gone, with its history; its documents stay', async () => {
      const { body: created } = await create({ sentDate: '2018-07-02' });
      expect((await t.http.delete(`/api/requests/${created.id}`)).status).toBe(204);
      expect((await t.http.get(`/api/requests/${created.id}`)).status).toBe(404);
      expect(count(t, 'SELECT COUNT(*) FROM request_status_history WHERE request_id = ?', created.id)).toBe(0);
      expect((await t.http.delete(`/api/requests/${created.id}`)).status).toBe(404);
    });

    test('list — filters by status, story, authority and mine', async () => {
      const a = await create({ sentDate: '2018-07-02', storyId: cloud, authorityId: kl });
      const all = await t.http.get('/api/requests');
      expect(all.status).toBe(200);
      expect(all.body.total).toBeGreaterThanOrEqual(4);
      const byAuthority = await t.http.get('/api/requests').query({ authority: kl });
      expect(byAuthority.body.requests.map((r: { id: string }) => r.id)).toEqual([a.body.id]);
      const drafts = await t.http.get('/api/requests').query({ status: 'draft' });
      expect(drafts.body.requests.every((r: { status: string }) => r.status === 'draft')).toBe(true);
      const several = await t.http.get('/api/requests?status=draft,sent');
      expect(several.status).toBe(200);
      const storyOnly = await t.http.get('/api/requests').query({ story: cloud });
      expect(storyOnly.body.requests.every((r: { storyId: string }) => r.storyId === cloud)).toBe(true);
      const journalist = t.as('journalist');
      expect((await journalist.http.get('/api/requests').query({ mine: '1' })).body.total).toBe(0);
    });
  });

  describe('status', () => {
    const legal = REQUEST_STATUSES.flatMap((from) => TRANSITIONS[from].map((to) => [from, to] as [RequestStatus, RequestStatus]));

    test.each(legal)('status — %s → %s — is accepted and dated', async (from, to) => {
      const { body: created } = await create({});
      for (const step of pathTo(from)) {
        const res = await t.http.post(`/api/requests/${created.id}/status`).send({ status: step, date: '2018-07-02' });
        expect([step, res.status]).toEqual([step, 200]);
      }
      const res = await t.http.post(`/api/requests/${created.id}/status`).send({ status: to, date: '2018-07-03', note: 'brev modtaget' });
      expect(res.status).toBe(200);
      expect(res.body.request.status).toBe(to);
      expect(res.body.change).toMatchObject({ from, to, date: '2018-07-03', note: 'brev modtaget', changedBy: expect.any(String) });
      if (to === 'sent') expect(res.body.request.sentDate).toBe('2018-07-03');
    });

    test('status — appeal decided before appealed — 400 naming both states, nothing stored', async () => {
      const { body: created } = await create({ sentDate: '2018-07-02' });
      const res = await t.http.post(`/api/requests/${created.id}/status`).send({ status: 'appeal_decided' });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('validation_failed');
      expect(res.body.error.message).toContain('"sent" (sent)');
      expect(res.body.error.message).toContain('"appeal decided" (appeal_decided)');
      expect(count(t, 'SELECT COUNT(*) FROM request_status_history WHERE request_id = ?', created.id)).toBe(1);
    });

    test('status — every illegal move from "sent" — is a 400', async () => {
      const { body: created } = await create({ sentDate: '2018-07-02' });
      for (const to of REQUEST_STATUSES.filter((s) => !TRANSITIONS.sent.includes(s))) {
        const res = await t.http.post(`/api/requests/${created.id}/status`).send({ status: to });
        expect([to, res.status]).toEqual([to, 400]);
      }
    });

    test('status — bad dates — future, before sending, before the previous change, impossible: 400', async () => {
      const { body: created } = await create({ sentDate: '2018-07-02' });
      const post = (body: Record<string, unknown>) => t.http.post(`/api/requests/${created.id}/status`).send(body);
      expect((await post({ status: 'acknowledged', date: '2018-07-12' })).body.error.message).toMatch(/future/);
      expect((await post({ status: 'acknowledged', date: '2018-07-01' })).body.error.message).toMatch(/before the request was sent/);
      expect((await post({ status: 'acknowledged', date: '2018-02-30' })).status).toBe(400);
      expect((await post({ status: 'acknowledged', date: '03/07/2018' })).status).toBe(400);
      expect((await post({ status: 'acknowledged', date: 20180703 })).status).toBe(400);
      expect((await post({ status: 'acknowledged', date: '2018-07-05' })).status).toBe(200);
      expect((await post({ status: 'refused', date: '2018-07-04' })).body.error.message).toMatch(/before the previous change/);
    });

    test('status — acknowledged with the receipt date — records it and moves the deadlines', async () => {
      const { body: created } = await create({ sentDate: '2018-06-27' });
      const res = await t.http.post(`/api/requests/${created.id}/status`).send({ status: 'acknowledged', date: '2018-06-29', receivedDate: '2018-06-28' });
      expect(res.status).toBe(200);
      expect(res.body.request.receivedDate).toBe('2018-06-28');
      const d = await t.http.get(`/api/requests/${created.id}/deadlines`);
      expect(d.body.answerDue).toEqual({ key: 'response', date: '2018-07-09', state: 'overdue' });
    });

    test('dates — receipt or sending moved after the first answer — 400, the history stays consistent', async () => {
      const { body: created } = await create({ sentDate: '2018-06-27' });
      expect((await t.http.post(`/api/requests/${created.id}/status`).send({ status: 'acknowledged', date: '2018-06-29', receivedDate: '2018-07-02' })).status).toBe(400);
      expect((await t.http.post(`/api/requests/${created.id}/status`).send({ status: 'refused', date: '2018-06-29' })).status).toBe(200);
      const moved = await t.http.patch(`/api/requests/${created.id}`).send({ sentDate: '2018-07-02' });
      expect(moved.status).toBe(400);
      expect(moved.body.error.message).toMatch(/after the first answer recorded \(2018-06-29\)/);
      expect((await t.http.patch(`/api/requests/${created.id}`).send({ receivedDate: '2018-06-28' })).status).toBe(200);
    });

    test('status — wrong types and unknown statuses — 400', async () => {
      const { body: created } = await create({ sentDate: '2018-07-02' });
      for (const body of [{}, { status: 'approved' }, { status: ['sent', 'refused'] }, { status: 7 }, { status: 'refused', note: 'x'.repeat(2001) }]) {
        expect((await t.http.post(`/api/requests/${created.id}/status`).send(body)).status).toBe(400);
      }
    });
  });

  describe('correspondence log and documents', () => {
    let requestId: string;
    beforeAll(async () => {
      requestId = (await create({ sentDate: '2018-06-27', receivedDate: '2018-06-28', storyId: cloud })).body.id;
    });

    test('log — a received letter with a PDF — links it as response, with the story, the authority as sender, and an outbox row', async () => {
      const pdf = await makePdf(['Afgørelse om aktindsigt. Styrelsen giver delvis aktindsigt.']);
      const res = await t.http.post(`/api/requests/${requestId}/log`).field('kind', 'received').field('date', '2018-07-06').field('summary', 'Afgørelse').attach('files', pdf, 'afgoerelse.pdf');
      expect(res.status).toBe(201);
      expect(res.body.entry).toMatchObject({ kind: 'received', date: '2018-07-06', summary: 'Afgørelse' });
      expect(res.body.documents).toEqual([expect.objectContaining({ role: 'response', duplicate: false })]);
      expect(res.body.refused).toEqual([]);
      const docId = res.body.documents[0].id;
      expect(count(t, "SELECT COUNT(*) FROM request_documents WHERE request_id = ? AND document_id = ? AND role = 'response' AND log_entry_id = ?", requestId, docId, res.body.entry.id)).toBe(1);
      expect(count(t, "SELECT COUNT(*) FROM story_items WHERE story_id = ? AND item_type = 'document' AND item_id = ?", cloud, docId)).toBe(1);
      expect(count(t, "SELECT COUNT(*) FROM document_parties WHERE document_id = ? AND party_id = ? AND role = 'sender'", docId, star)).toBe(1);
      expect(count(t, 'SELECT COUNT(*) FROM audit_log WHERE entity_type = ? AND entity_id = ?', 'request_log', String(res.body.entry.id))).toBe(1);
      const docs = await t.http.get(`/api/requests/${requestId}/documents`);
      expect(docs.body.documents).toEqual([expect.objectContaining({ id: docId, role: 'response', links: expect.any(Object) })]);
      const log = await t.http.get(`/api/requests/${requestId}/log`);
      expect(log.body.log.map((e: { id: number }) => e.id)).toContain(res.body.entry.id);
    });

    test('log — an outbox row for each linked document — is written with the link', async () => {
      await t.kilde.indexer.stop();
      try {
        const pdf = await makePdf([`Bilag ${Date.now()}`]);
        const res = await t.http.post(`/api/requests/${requestId}/log`).field('kind', 'received').attach('files', pdf, 'bilag.pdf');
        expect(res.status).toBe(201);
        expect(count(t, 'SELECT COUNT(*) FROM search_outbox WHERE document_id = ?', res.body.documents[0].id)).toBeGreaterThanOrEqual(1);
      } finally {
        t.kilde.indexer.start();
      }
    });

    test('log — overrides — no story and another sender; a sent letter makes the authority its recipient', async () => {
      const other = party(t, 'Beskæftigelsesministeriet');
      const a = await t.http.post(`/api/requests/${requestId}/log`).field('kind', 'received').field('storyId', 'none').field('senderId', other).attach('files', await makePdf(['Fra ministeriet.']), 'min.pdf');
      expect(a.status).toBe(201);
      const docA = a.body.documents[0].id;
      expect(count(t, "SELECT COUNT(*) FROM story_items WHERE item_type = 'document' AND item_id = ?", docA)).toBe(0);
      expect(t.kilde.db.prepare("SELECT party_id FROM document_parties WHERE document_id = ? AND role = 'sender'").pluck().all(docA)).toEqual([other]);
      const b = await t.http.post(`/api/requests/${requestId}/log`).field('kind', 'sent').attach('files', await makePdf(['Vores anmodning.']), 'anmodning.pdf');
      const docB = b.body.documents[0].id;
      expect(b.body.documents[0].role).toBe('request');
      expect(t.kilde.db.prepare("SELECT role FROM document_parties WHERE document_id = ? AND party_id = ?").pluck().all(docB, star)).toEqual(['recipient']);
    });

    test('log — an unreadable file among good ones — is refused by name; the entry and the good files stay', async () => {
      const exe = Buffer.concat([Buffer.from('MZ'), randomBytes(200)]);
      const res = await t.http.post(`/api/requests/${requestId}/log`).field('kind', 'received').attach('files', exe, 'virus.exe').attach('files', await makePdf(['Godt brev.']), 'godt.pdf');
      expect(res.status).toBe(201);
      expect(res.body.refused).toEqual([{ filename: 'virus.exe', message: expect.stringMatching(/program/) }]);
      expect(res.body.documents).toHaveLength(1);
    });

    test('log — a JSON note and a phone call — need no files; an empty note is refused', async () => {
      expect((await t.http.post(`/api/requests/${requestId}/log`).send({ kind: 'phone', summary: 'Ringede til STAR', body: 'De svarer fredag.' })).status).toBe(201);
      const empty = await t.http.post(`/api/requests/${requestId}/log`).send({ kind: 'note' });
      expect(empty.status).toBe(400);
      expect(empty.body.error.message).toMatch(/summary/);
    });

    test('log — bad input — 400/404, and no uploaded file is left behind', async () => {
      const pdf = await makePdf(['Efterladt?']);
      const tmp = path.join(t.config.uploadsDir, '.tmp');
      const cases: Array<[string, Record<string, string>, number]> = [
        [`/api/requests/req_doesnotexist0000/log`, { kind: 'received' }, 404],
        [`/api/requests/${requestId}/log`, { kind: 'letter' }, 400],
        [`/api/requests/${requestId}/log`, { kind: 'received', date: '2018-13-01' }, 400],
        [`/api/requests/${requestId}/log`, { kind: 'received', date: '2099-01-01' }, 400],
        [`/api/requests/${requestId}/log`, { kind: 'received', storyId: 'story_nope' }, 404],
        [`/api/requests/${requestId}/log`, { kind: 'received', senderId: "'; DROP TABLE parties; --" }, 404],
        [`/api/requests/${requestId}/log`, { kind: 'received', role: 'evidence' }, 400],
      ];
      for (const [url, fields, status] of cases) {
        let req = t.http.post(url);
        for (const [k, v] of Object.entries(fields)) req = req.field(k, v);
        const res = await req.attach('files', pdf, 'x.pdf');
        expect([url, fields, res.status]).toEqual([url, fields, status]);
        expect(res.body.error).toEqual({ code: expect.any(String), message: expect.any(String) });
      }
      expect(filesUnder(tmp)).toEqual([]);
    });

    test('log — deleting an entry — keeps its documents linked; unknown entries are 404', async () => {
      const res = await t.http.post(`/api/requests/${requestId}/log`).field('kind', 'received').attach('files', await makePdf(['Slet mig ikke.']), 'keep.pdf');
      const docId = res.body.documents[0].id;
      expect((await t.http.delete(`/api/requests/${requestId}/log/${res.body.entry.id}`)).status).toBe(204);
      expect(count(t, 'SELECT COUNT(*) FROM request_documents WHERE request_id = ? AND document_id = ?', requestId, docId)).toBe(1);
      expect((await t.http.delete(`/api/requests/${requestId}/log/${res.body.entry.id}`)).status).toBe(404);
      expect((await t.http.delete(`/api/requests/${requestId}/log/abc`)).status).toBe(404);
      expect((await t.http.delete(`/api/requests/${requestId}/log/-1`)).status).toBe(404);
    });

    test('documents — link an archived document, twice, then unlink — 201, 200, 204, 404', async () => {
      const up = await t.http.post('/api/documents').attach('file', await makePdf(['Fra arkivet.']), 'arkiv.pdf');
      const docId = up.body.id;
      const first = await t.http.post(`/api/requests/${requestId}/documents`).send({ documentId: docId });
      expect(first.status).toBe(201);
      expect(first.body).toMatchObject({ role: 'response', added: true });
      expect(count(t, "SELECT COUNT(*) FROM document_parties WHERE document_id = ? AND party_id = ? AND role = 'sender'", docId, star)).toBe(1);
      expect((await t.http.post(`/api/requests/${requestId}/documents`).send({ documentId: docId })).status).toBe(200);
      expect((await t.http.delete(`/api/requests/${requestId}/documents/${docId}`)).status).toBe(204);
      expect((await t.http.delete(`/api/requests/${requestId}/documents/${docId}`)).status).toBe(404);
      expect((await t.http.post(`/api/requests/${requestId}/documents`).send({ documentId: 'doc_doesnotexist00' })).status).toBe(404);
      expect((await t.http.post(`/api/requests/${requestId}/documents`).send({ documentId: docId, role: 'evidence' })).status).toBe(400);
      expect((await t.http.post(`/api/requests/${requestId}/documents`).send({ documentId: { $ne: 1 } })).status).toBe(400);
    });

    test('search — a request\'s documents — are filtered and counted by it, named by its subject; unlinking takes one out', async () => {
      const other = (await create({ subject: 'Mails om skyløsningen', ourReference: 'AI-2018-7', sentDate: '2018-07-02' })).body.id;
      const word = `skyfil${randomBytes(4).toString('hex')}`;
      const res = await t.http.post(`/api/requests/${other}/log`).field('kind', 'received').attach('files', await makePdf([`Svar med ${word} vedlagt.`]), 'svar.pdf');
      const docId = res.body.documents[0].id;
      // The same document answers the first request too: one document, two requests.
      expect((await t.http.post(`/api/requests/${requestId}/documents`).send({ documentId: docId })).status).toBe(201);
      // Behind the earlier tests' uploads in the one queue (each short page is OCRed too): a long wait on a busy machine.
      await waitForStatus(t, docId, ['ready'], 55_000);
      const search = (params: Record<string, string>) => t.http.get('/api/search').query({ q: word, ...params });

      for (const id of [other, requestId]) {
        const hit = await search({ request: id });
        expect([id, hit.status, hit.body.hits.map((h: { documentId: string }) => h.documentId)]).toEqual([id, 200, [docId]]);
      }
      expect((await search({ request: 'req_doesnotexist0000' })).body.total).toBe(0);
      const facets = (await search({ facets: 'requestId' })).body.facets.requestId;
      expect(facets).toEqual(expect.arrayContaining([
        { value: other, count: 1, label: 'Mails om skyløsningen (AI-2018-7)' },
        { value: requestId, count: 1, label: 'Brevet til KL' },
      ]));
      const page = await t.http.get('/search').query({ q: word });
      expect(page.text).toContain('Mails om skyløsningen (AI-2018-7)');
      expect(page.text).toMatch(/\b1 matching page(?!s)/); // one page: singular

      expect((await t.http.delete(`/api/requests/${other}/documents/${docId}`)).status).toBe(204);
      await t.kilde.indexer.drain();
      expect((await search({ request: other })).body.total).toBe(0);
      expect((await search({ request: requestId })).body.total).toBe(1);
    });
  });

  describe('bad input', () => {
    test.each([
      ['unknown authority', { authorityId: 'party_nobody' }, 404, /authority/],
      ['unknown story', { storyId: 'story_nobody', sentDate: '2018-07-02' }, 404, /story/],
      ['an impossible day', { sentDate: '2018-02-30' }, 400, /sentDate/],
      ['a Danish-style date', { sentDate: '28/06/2018' }, 400, /YYYY-MM-DD/],
      ['a number as date', { sentDate: 20180628 }, 400, /sentDate/],
      ['a date in the future', { sentDate: '2018-07-12' }, 400, /future/],
      ['received before sent', { sentDate: '2018-06-28', receivedDate: '2018-06-27' }, 400, /before/],
      ['received without sent', { receivedDate: '2018-06-27' }, 400, /sentDate/],
      ['sent without a date', { status: 'sent' }, 400, /sentDate/],
      ['a later status at creation', { status: 'refused', sentDate: '2018-06-28' }, 400, /draft or sent/],
      ['no subject', { subject: '   ' }, 400, /subject/],
      ['a subject too long', { subject: 'x'.repeat(501) }, 400, /subject/],
      ['an object for the authority', { authorityId: { $gt: '' } }, 400, /authorityId/],
      ['an unknown jurisdiction', { jurisdiction: 'XX' }, 400, /no deadline rules/],
      ['an unknown channel', { channel: 'pigeon' }, 400, /channel/],
      ['text where a list is', { subject: ['a', 'b'] }, 400, /subject/],
    ])('create — %s — %j — %d', async (_name, body, status, message) => {
      const res = await create(body);
      expect(res.status).toBe(status);
      expect(res.body.error.message).toMatch(message);
    });

    test('create — no body, a string body, malformed JSON — 400', async () => {
      expect((await t.http.post('/api/requests')).status).toBe(400);
      expect((await t.http.post('/api/requests').set('Content-Type', 'application/json').send('"just a string"')).status).toBe(400);
      expect((await t.http.post('/api/requests').set('Content-Type', 'application/json').send('{"subject": ')).status).toBe(400);
    });

    test.each(['req_doesnotexist0000', 'nonsense', "req_'; DROP TABLE requests; --", '%00', 'req_' + 'a'.repeat(200)])('unknown id %s — 404 on every route', async (raw) => {
      const id = encodeURIComponent(raw);
      const checks: Array<[string, () => PromiseLike<{ status: number; body: { error?: { code: string } } }>]> = [
        ['GET api', () => t.http.get(`/api/requests/${id}`)],
        ['PATCH api', () => t.http.patch(`/api/requests/${id}`).send({ subject: 'x' })],
        ['DELETE api', () => t.http.delete(`/api/requests/${id}`)],
        ['status', () => t.http.post(`/api/requests/${id}/status`).send({ status: 'sent' })],
        ['history', () => t.http.get(`/api/requests/${id}/history`)],
        ['deadlines', () => t.http.get(`/api/requests/${id}/deadlines`)],
        ['log', () => t.http.get(`/api/requests/${id}/log`)],
        ['log post', () => t.http.post(`/api/requests/${id}/log`).send({ kind: 'note', summary: 'x' })],
        ['documents', () => t.http.get(`/api/requests/${id}/documents`)],
        ['link', () => t.http.post(`/api/requests/${id}/documents`).send({ documentId: 'doc_doesnotexist00' })],
        ['letter', () => t.http.get(`/api/requests/${id}/letters/request`)],
        ['page', () => t.http.get(`/requests/${id}`)],
        ['edit page', () => t.http.get(`/requests/${id}/edit`)],
        ['letter page', () => t.http.get(`/requests/${id}/letters/reminder`)],
        ['edit form', () => t.http.post(`/requests/${id}`).type('form').send({ subject: 'x' })],
        ['status form', () => t.http.post(`/requests/${id}/status`).type('form').send({ status: 'sent' })],
      ];
      for (const [name, run] of checks) {
        const res = await run();
        expect([name, res.status]).toEqual([name, 404]);
        if (!name.includes('page') && !name.includes('form')) expect(res.body.error?.code).toBe('not_found');
      }
    });

    test('update — bad input — 400/404 and the request is unchanged', async () => {
      const { body: created } = await create({ sentDate: '2018-06-28' });
      const patch = (body: Record<string, unknown>) => t.http.patch(`/api/requests/${created.id}`).send(body);
      expect((await patch({ authorityId: 'party_nobody' })).status).toBe(404);
      expect((await patch({ receivedDate: '2018-06-01' })).status).toBe(400);
      expect((await patch({ sentDate: null })).status).toBe(400);
      expect((await patch({ subject: '' })).status).toBe(200); // "" means "not given" in forms
      expect((await patch({ jurisdiction: 'Narnia' })).status).toBe(400);
      expect((await t.http.get(`/api/requests/${created.id}`)).body).toMatchObject({ authorityId: star, sentDate: '2018-06-28', receivedDate: null, jurisdiction: 'DK' });
    });

    test('list and overview — bad query — 400', async () => {
      expect((await t.http.get('/api/requests?status=bogus')).status).toBe(400);
      expect((await t.http.get('/api/requests?page=0')).status).toBe(400);
      expect((await t.http.get('/api/requests?perPage=abc')).status).toBe(400);
      expect((await t.http.get('/api/requests/overview?groupBy=colour')).status).toBe(400);
      expect((await t.http.get('/api/requests?mine=maybe')).status).toBe(400);
      expect((await t.http.get("/api/requests?authority=' OR 1=1 --")).body.total).toBe(0);
    });

    test('letters — unknown kind 404, unknown language 400, nothing to remind or appeal 400', async () => {
      const { body: draft } = await create({});
      expect((await t.http.get(`/api/requests/${draft.id}/letters/lovebrev`)).status).toBe(404);
      expect((await t.http.get(`/api/requests/${draft.id}/letters/request?lang=fr`)).status).toBe(400);
      expect((await t.http.get(`/api/requests/${draft.id}/letters/reminder`)).body.error.message).toMatch(/not been sent/);
      expect((await t.http.get(`/api/requests/${draft.id}/letters/appeal`)).body.error.message).toMatch(/no decision/);
      expect((await t.http.get(`/api/requests/${draft.id}/letters/request`)).status).toBe(200);
    });

    test('authority record — unknown party 404', async () => {
      expect((await t.http.get('/api/parties/party_nobody/foi-record')).status).toBe(404);
      expect((await t.http.get(`/api/parties/${encodeURIComponent("'; DROP TABLE parties; --")}/foi-record`)).status).toBe(404);
    });

    test('calculator — bad input — 400 with a message', async () => {
      const q = (query: Record<string, string>) => t.http.get('/api/foi/deadlines').query(query);
      expect((await q({})).body.error.message).toMatch(/date the request was sent/);
      expect((await q({ sent: '2018-02-30' })).status).toBe(400);
      expect((await q({ sent: '2018-06-28', jurisdiction: 'XX' })).status).toBe(400);
      expect((await q({ sent: '2018-06-28', received: '2018-06-01' })).status).toBe(400);
      expect((await q({ sent: '2018-06-28', extended: 'perhaps' })).status).toBe(400);
      expect((await q({ sent: '<script>' })).body.error.message).toContain('<script>'); // JSON, not HTML: no escaping needed
    });

    test('letter templates — editors only; bad kind 404, bad language 404, empty body 400', async () => {
      expect((await t.http.put('/api/foi/letter-templates/lovebrev/da').send({ body: 'x' })).status).toBe(404);
      expect((await t.http.put('/api/foi/letter-templates/request/fr').send({ body: 'x' })).status).toBe(404);
      expect((await t.http.put('/api/foi/letter-templates/request/da').send({ body: '  ' })).status).toBe(400);
      const journalist = t.as('journalist');
      expect((await journalist.http.put('/api/foi/letter-templates/request/da').send({ body: 'Emne\n\nTekst' })).status).toBe(403);
    });

    test('calendar feed — wrong or revoked token — 404 without sign-in', async () => {
      expect((await t.anon.get('/calendar/abc.ics')).status).toBe(404);
      expect((await t.anon.get(`/calendar/${'A'.repeat(43)}.ics`)).status).toBe(404);
      expect((await t.anon.get('/requests/calendar.ics')).status).not.toBe(200);
    });
  });

  describe('who may do what', () => {
    test('researcher — reads requests, cannot file, change or log — 403', async () => {
      const { body: created } = await create({ sentDate: '2018-07-02' });
      const researcher = t.as('researcher');
      expect((await researcher.http.get(`/api/requests/${created.id}`)).status).toBe(200);
      expect((await researcher.http.post('/api/requests').send({ authorityId: star, subject: 'x' })).status).toBe(403);
      expect((await researcher.http.patch(`/api/requests/${created.id}`).send({ subject: 'x' })).status).toBe(403);
      expect((await researcher.http.post(`/api/requests/${created.id}/status`).send({ status: 'refused' })).status).toBe(403);
      expect((await researcher.http.post(`/api/requests/${created.id}/log`).send({ kind: 'note', summary: 'x' })).status).toBe(403);
      expect((await researcher.http.delete(`/api/requests/${created.id}`)).status).toBe(403);
    });

    test('restricted story — its request is hidden from others: 404, not listed, not counted', async () => {
      const secret = story(t, 'Kildebeskyttet', 'restricted');
      const { body: created } = await create({ sentDate: '2018-07-02', storyId: secret, subject: 'Hemmelig anmodning' });
      expect(created.id).toBeDefined();
      const journalist = t.as('journalist');
      expect((await journalist.http.get(`/api/requests/${created.id}`)).status).toBe(404);
      const list = await journalist.http.get('/api/requests');
      expect(list.body.requests.map((r: { id: string }) => r.id)).not.toContain(created.id);
      const record = await journalist.http.get(`/api/parties/${star}/foi-record`);
      expect(record.body.requests.map((r: { id: string }) => r.id)).not.toContain(created.id);
      expect((await journalist.http.get('/requests')).text).not.toContain('Hemmelig anmodning');
      // A journalist cannot file into a story they cannot read either.
      expect((await journalist.http.post('/api/requests').send({ authorityId: star, subject: 'x', storyId: secret })).status).toBe(404);
      expect((await t.http.get(`/api/requests/${created.id}`)).status).toBe(200);
    });
  });
});
