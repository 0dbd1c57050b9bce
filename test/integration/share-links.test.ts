import { makePdf } from '../helpers/pdf';
import { testClock, useKilde, waitForStatus, type TestKilde } from '../helpers/kilde';

/**
 * Public share links through real HTTP on a real database, as the four roles and an anonymous
 * reader: who may make one, what the public page shows (only that document, noindex, framable only
 * as /embed), CPR flags and embargoes, revoking, expiry and the audit log.
 */
type Agent = TestKilde['http'];

describe('share links — a public, read-only link to one document or page', () => {
  const clock = testClock('2026-03-01T09:00:00Z');
  const k = useKilde({ KILDE_PUBLIC_URL: 'https://kilde.example.org' }, { clock });
  let jonas: ReturnType<TestKilde['as']>;
  let jens: ReturnType<TestKilde['as']>;
  let eva: ReturnType<TestKilde['as']>;
  let rikke: ReturnType<TestKilde['as']>;
  const ids = {} as Record<'letter' | 'secret' | 'named' | 'embargoed' | 'cpr' | 'other', string>;

  async function upload(http: Agent, pages: string[], fields: Record<string, string>): Promise<string> {
    let req = http.post('/api/documents').attach('file', await makePdf(pages), `d-${Math.random().toString(36).slice(2)}.pdf`);
    for (const [f, v] of Object.entries(fields)) req = req.field(f, v);
    const res = await req;
    expect(res.status).toBe(202);
    await waitForStatus(k.t, res.body.id);
    return res.body.id as string;
  }

  const tokenOf = (url: string) => url.split('/s/')[1]!;
  const audits = (action: string, entityId: string) =>
    k.t.kilde.db.prepare('SELECT actor_id AS actor, summary, after_json AS after FROM audit_log WHERE action = ? AND entity_id = ? ORDER BY id').all(action, entityId) as Array<{ actor: string | null; summary: string; after: string | null }>;

  beforeAll(async () => {
    const { t } = k;
    jonas = t.as('journalist', 'jonas');
    jens = t.as('journalist', 'jens');
    eva = t.as('editor', 'eva');
    rikke = t.as('researcher', 'rikke');
    ids.letter = await upload(jonas.http, ['Forside om skyløsninger i kommunerne.', 'Side to: data må ikke flyttes til Holland.'], { title: 'Brev om skyløsninger' });
    ids.secret = await upload(jonas.http, ['Kildens egne ord om ministeriet.'], { title: 'Hemmeligt kildenotat', access: 'restricted', users: 'jonas' });
    ids.named = await upload(jonas.http, ['Notat som Jens og Eva også må læse.'], { title: 'Delt notat', access: 'restricted', users: 'jonas, jens, eva' });
    ids.embargoed = await upload(jonas.http, ['Rapporten offentliggøres den 1. juni.'], { title: 'Rapport under embargo', access: 'embargoed', embargoUntil: '2026-06-01T06:00' });
    ids.cpr = await upload(jonas.http, ['Borgeren med cpr-nr. 070761-4285 klagede.', 'Hans ægtefælle, cpr-nr. 070761-4285, skrev også.'], { title: 'Klage med CPR' });
    ids.other = await upload(jens.http, ['Et helt andet brev i arkivet.'], { title: 'Et andet brev i arkivet' });
  });

  test('create, list, open, revoke — as the journalist who added it; opened anonymously; every step audited', async () => {
    const { t } = k;
    const made = await jonas.http.post('/api/share-links').send({ documentId: ids.letter });
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({ documentId: ids.letter, page: null, title: 'Brev om skyløsninger', expiresAt: null, revokedAt: null });
    expect(made.body.url).toMatch(/^https:\/\/kilde\.example\.org\/s\/[A-Za-z0-9_-]{20,}$/);
    expect(made.body.embedUrl).toBe(`${made.body.url}/embed`);
    expect(made.body.embed).toBe(`<iframe src="${made.body.url}/embed" title="Brev om skyløsninger" width="100%" height="600" style="border:1px solid #ccc" loading="lazy" referrerpolicy="no-referrer"></iframe>`);

    // Listed for its maker and for editors; not for another journalist.
    expect((await jonas.http.get('/api/share-links')).body.links.map((l: { id: string }) => l.id)).toContain(made.body.id);
    expect((await eva.http.get('/api/share-links')).body.links.map((l: { id: string }) => l.id)).toContain(made.body.id);
    expect((await jens.http.get('/api/share-links')).body.links.map((l: { id: string }) => l.id)).not.toContain(made.body.id);
    const page = await jonas.http.get('/shares').set('Accept', 'text/html');
    expect(page.text).toContain(`id="${made.body.id}"`);
    expect(page.text).toContain(`value="${made.body.url}"`);

    const open = await t.anon.get(`/s/${tokenOf(made.body.url)}`);
    expect(open.status).toBe(200);
    expect(open.text).toContain('Brev om skyløsninger');
    expect(open.text).toContain('Side to: data må ikke flyttes til Holland.');

    // Another journalist cannot revoke it (nor learn it exists); its maker can, once.
    expect((await jens.http.delete(`/api/share-links/${made.body.id}`)).status).toBe(404);
    expect((await t.anon.get(`/s/${tokenOf(made.body.url)}`)).status).toBe(200);
    expect((await jonas.http.delete(`/api/share-links/${made.body.id}`)).status).toBe(204);
    expect((await jonas.http.delete(`/api/share-links/${made.body.id}`)).status).toBe(204);
    const gone = await t.anon.get(`/s/${tokenOf(made.body.url)}`);
    expect(gone.status).toBe(404);
    expect(gone.text).not.toContain('Brev om skyløsninger');
    expect((await t.anon.get(`/s/${tokenOf(made.body.url)}/embed`)).status).toBe(404);
    expect((await jonas.http.get('/api/share-links')).body.links.find((l: { id: string }) => l.id === made.body.id).revokedAt).toBe(clock.now().toISOString());

    expect(audits('share', ids.letter)).toEqual([expect.objectContaining({ actor: jonas.userId, summary: 'public link' })]);
    expect(audits('share_view', ids.letter)).toEqual([expect.objectContaining({ actor: null }), expect.objectContaining({ actor: null })]);
    expect(audits('unshare', ids.letter)).toEqual([expect.objectContaining({ actor: jonas.userId, summary: 'public link revoked' })]);
  });

  test('the public page — only that document: noindex, no cookie, no navigation, no other title, no script; a page link shows one page', async () => {
    const { t } = k;
    const made = await jonas.http.post('/api/share-links').send({ documentId: ids.letter, page: 2 });
    expect(made.status).toBe(201);
    // Signed in or not, the reader sees the same bare page.
    for (const res of [await t.anon.get(`/s/${tokenOf(made.body.url)}`), await jens.http.get(`/s/${tokenOf(made.body.url)}`)]) {
      expect(res.status).toBe(200);
      expect(res.headers['x-robots-tag']).toBe('noindex, nofollow');
      expect(res.text).toContain('<meta name="robots" content="noindex, nofollow">');
      expect(res.headers['set-cookie']).toBeUndefined();
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.text).toContain('Side to: data må ikke flyttes til Holland.');
      expect(res.text).not.toContain('Forside om skyløsninger');
      for (const other of ['Et andet brev i arkivet', 'Hemmeligt kildenotat', 'Klage med CPR', 'Delt notat']) expect(res.text).not.toContain(other);
      expect(res.text).not.toMatch(/<nav|<form|<script/);
      // The only addresses on the page are its own stylesheets: nothing leads into the archive.
      const hrefs = [...res.text.matchAll(/(?:href|src|action)="([^"]*)"/g)].map((m) => m[1]);
      expect(hrefs.every((h) => h!.startsWith('/static/'))).toBe(true);
    }
    // Nothing of the signed-in reader's session shows either.
    expect((await jens.http.get(`/s/${tokenOf(made.body.url)}`)).text).not.toContain('jens');
  });

  test('embedding — only /embed may be framed (by any site); the page itself may not be framed at all', async () => {
    const { t } = k;
    const made = await eva.http.post('/api/share-links').send({ documentId: ids.letter });
    const token = tokenOf(made.body.url);
    const page = await t.anon.get(`/s/${token}`);
    expect(page.headers['content-security-policy']).toMatch(/frame-ancestors 'none'/);
    expect(page.headers['x-frame-options']).toBe('SAMEORIGIN');
    const embed = await t.anon.get(`/s/${token}/embed`);
    expect(embed.status).toBe(200);
    expect(embed.headers['content-security-policy']).toMatch(/frame-ancestors \*/);
    expect(embed.headers['content-security-policy']).toMatch(/default-src 'none'/);
    expect(embed.headers['x-frame-options']).toBeUndefined();
    expect(embed.headers['x-robots-tag']).toBe('noindex, nofollow');
    expect(embed.text).toContain('class="shared embed"');
    // The archive's own pages stay unframable.
    const archive = await eva.http.get(`/documents/${ids.letter}`);
    expect(archive.headers['content-security-policy']).toMatch(/frame-ancestors 'none'/);
    expect(archive.headers['x-frame-options']).toBe('SAMEORIGIN');
    // An unknown or malformed token answers the same 404 page, framed or not.
    for (const bad of ['AAAAAAAAAAAAAAAAAAAAAAAA', 'short', 'not%20a%20token', '%3Cscript%3E']) {
      expect((await t.anon.get(`/s/${bad}`)).status).toBe(404);
      expect((await t.anon.get(`/s/${bad}/embed`)).status).toBe(404);
    }
  });

  test('expiry — works until it expires, then the same 404; an expiry in the past is refused', async () => {
    const { t } = k;
    const inAnHour = new Date(clock.now().getTime() + 3600_000).toISOString();
    const made = await jonas.http.post('/api/share-links').send({ documentId: ids.letter, expiresAt: inAnHour });
    expect(made.status).toBe(201);
    expect(made.body.expiresAt).toBe(inAnHour);
    const token = tokenOf(made.body.url);
    expect((await t.anon.get(`/s/${token}`)).status).toBe(200);
    const start = clock.now().toISOString();
    clock.advance(3600_000);
    try {
      expect((await t.anon.get(`/s/${token}`)).status).toBe(404);
      expect((await jonas.http.get('/shares')).text).toMatch(new RegExp(`id="${made.body.id}" class="share-link dead"`));
    } finally {
      clock.set(start);
    }
    expect((await jonas.http.post('/api/share-links').send({ documentId: ids.letter, expiresAt: '2020-01-01T00:00:00Z' })).status).toBe(400);
    expect((await jonas.http.post('/api/share-links').send({ documentId: ids.letter, expiresAt: 'next tuesday' })).status).toBe(400);
  });

  test('CPR flags — refused until each one is confirmed; the form lists them; confirming some is not enough', async () => {
    const { t } = k;
    const flags = ((await jonas.http.get(`/api/documents/${ids.cpr}/suggestions?state=open`)).body.suggestions as Array<{ id: number; kind: string }>)
      .filter((s) => s.kind === 'personal_data').map((s) => s.id);
    expect(flags).toHaveLength(2);
    const refused = await jonas.http.post('/api/share-links').send({ documentId: ids.cpr });
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toMatch(/2 unreviewed CPR numbers \(page 1, 2\)/);
    expect((await jonas.http.post('/api/share-links').send({ documentId: ids.cpr, confirm: [flags[0]] })).status).toBe(409);
    expect((await jonas.http.post('/api/share-links').send({ documentId: ids.cpr, confirm: [flags[0], 999_999] })).status).toBe(409);

    // The page without JavaScript: a checkbox per flag, and the form answers 409 until all are ticked.
    const form = await jonas.http.get(`/documents/${ids.cpr}/share`).set('Accept', 'text/html');
    for (const f of flags) expect(form.text).toContain(`name="confirm" value="${f}"`);
    expect(form.text).toContain('070761-****');
    expect(form.text).not.toContain('4285');
    const half = await jonas.http.post(`/documents/${ids.cpr}/share`).type('form').send(`confirm=${flags[0]}`);
    expect(half.status).toBe(409);
    expect(half.text).toContain('unreviewed CPR number');
    expect(t.kilde.db.prepare('SELECT COUNT(*) FROM share_links WHERE document_id = ?').pluck().get(ids.cpr)).toBe(0);
    const all = await jonas.http.post(`/documents/${ids.cpr}/share`).type('form').send(`confirm=${flags[0]}&confirm=${flags[1]}`);
    expect(all.status).toBe(303);
    expect(all.headers.location).toMatch(/^\/shares#sh_/);
    const link = t.kilde.db.prepare('SELECT token, confirmed_flags FROM share_links WHERE document_id = ?').get(ids.cpr) as { token: string; confirmed_flags: string };
    expect(JSON.parse(link.confirmed_flags).sort()).toEqual([...flags].sort());
    expect((await t.anon.get(`/s/${link.token}`)).status).toBe(200);
    expect(JSON.parse(audits('share', ids.cpr)[0]!.after!).confirmedFlags.sort()).toEqual([...flags].sort());
  });

  test('embargo — refused while it runs, even for its owner and the admin; a link closes when an embargo is set again', async () => {
    const { t } = k;
    for (const who of [jonas.http, t.http]) {
      const res = await who.post('/api/share-links').send({ documentId: ids.embargoed });
      expect(res.status).toBe(409);
      expect(res.body.error.message).toMatch(/embargo/);
    }
    const made = await jonas.http.post('/api/share-links').send({ documentId: ids.letter });
    expect((await jonas.http.put(`/api/documents/${ids.letter}/access`).send({ level: 'embargoed', embargoUntil: '2026-06-01T06:00:00Z' })).status).toBe(200);
    try {
      expect((await t.anon.get(`/s/${tokenOf(made.body.url)}`)).status).toBe(404);
      const start = clock.now().toISOString();
      clock.set('2026-06-01T06:00:00Z');
      try {
        expect((await t.anon.get(`/s/${tokenOf(made.body.url)}`)).status).toBe(200);
        expect((await jonas.http.post('/api/share-links').send({ documentId: ids.embargoed })).status).toBe(201);
      } finally {
        clock.set(start);
      }
    } finally {
      expect((await jonas.http.put(`/api/documents/${ids.letter}/access`).send({ level: 'newsroom' })).status).toBe(200);
    }
  });

  test('restricted — shared only by whoever may manage it: its owner, an editor named on it, the admin; not a named journalist', async () => {
    const { t } = k;
    expect((await jonas.http.post('/api/share-links').send({ documentId: ids.secret })).status).toBe(201);
    // Jens may read the shared note but did not add it; Eva (editor) and the admin may manage it.
    const byJens = await jens.http.post('/api/share-links').send({ documentId: ids.named });
    expect(byJens.status).toBe(403);
    expect(byJens.body.error.message).toMatch(/Only the person who added this document, an editor or an admin/);
    expect((await eva.http.post('/api/share-links').send({ documentId: ids.named })).status).toBe(201);
    expect((await t.http.post('/api/share-links').send({ documentId: ids.secret })).status).toBe(201);
    // One they cannot read is "not found" — the same as one that does not exist.
    const hidden = await jens.http.post('/api/share-links').send({ documentId: ids.secret });
    expect(hidden.status).toBe(404);
    expect(JSON.stringify(hidden.body)).not.toContain('Hemmeligt');
    expect((await eva.http.post('/api/share-links').send({ documentId: ids.secret })).status).toBe(404);
    expect((await jens.http.post('/api/share-links').send({ documentId: 'doc_nosuchthing' })).status).toBe(404);
    // A newsroom document may be shared by any journalist, editor or admin.
    expect((await jens.http.post('/api/share-links').send({ documentId: ids.letter })).status).toBe(201);
    expect(audits('share', ids.named)).toEqual([expect.objectContaining({ actor: eva.userId })]);
  });

  test('researcher and anonymous — may open a public link, never make or revoke one', async () => {
    const { t } = k;
    const made = await jonas.http.post('/api/share-links').send({ documentId: ids.other });
    expect(made.status).toBe(201);
    expect((await rikke.http.post('/api/share-links').send({ documentId: ids.other })).status).toBe(403);
    expect((await rikke.http.delete(`/api/share-links/${made.body.id}`)).status).toBe(403);
    expect((await rikke.http.get('/api/share-links')).body.links).toEqual([]);
    expect((await rikke.http.get(`/s/${tokenOf(made.body.url)}`)).status).toBe(200);
    // The cite panel offers researchers no share link.
    expect((await rikke.http.get(`/documents/${ids.other}`).set('Accept', 'text/html')).text).not.toContain(`/documents/${ids.other}/share`);
    expect((await jonas.http.get(`/documents/${ids.other}`).set('Accept', 'text/html')).text).toContain(`/documents/${ids.other}/share`);
    expect((await t.anon.post('/api/share-links').send({ documentId: ids.other })).status).toBe(401);
    expect((await t.anon.delete(`/api/share-links/${made.body.id}`)).status).toBe(401);
    expect((await t.anon.get('/api/share-links')).status).toBe(401);
    expect((await t.anon.get(`/s/${tokenOf(made.body.url)}`)).status).toBe(200);
    expect(t.kilde.db.prepare('SELECT revoked_at FROM share_links WHERE id = ?').pluck().get(made.body.id)).toBeNull();
  });

  test('a deleted document — its links answer the same 404 and are gone from the list', async () => {
    const { t } = k;
    const id = await upload(jonas.http, ['Et brev der snart slettes.'], { title: 'Snart slettet' });
    const made = await jonas.http.post('/api/share-links').send({ documentId: id });
    expect((await t.anon.get(`/s/${tokenOf(made.body.url)}`)).status).toBe(200);
    expect((await t.http.delete(`/api/documents/${id}`)).status).toBe(204);
    const res = await t.anon.get(`/s/${tokenOf(made.body.url)}`);
    expect(res.status).toBe(404);
    expect(res.text).not.toContain('Snart slettet');
    expect((await jonas.http.get('/api/share-links')).body.links.map((l: { id: string }) => l.id)).not.toContain(made.body.id);
  });
});
