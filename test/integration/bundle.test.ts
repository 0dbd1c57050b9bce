import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import yauzl from 'yauzl';
import { makePdf } from '../helpers/pdf';
import { removeDir, useKilde, waitForStatus, type TestKilde } from '../helpers/kilde';

/**
 * Source bundles through real HTTP on a real database: a story, a search and a selection exported
 * as zips by two journalists, an editor, a researcher and an admin, unzipped with yauzl and checked
 * against the originals they were made from.
 */
type Agent = TestKilde['http'];

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** The whole response body as bytes (supertest would otherwise try to read a zip as text). */
async function getZip(http: Agent, url: string) {
  const res = await http.get(url).buffer(true).parse((r, cb) => {
    const chunks: Buffer[] = [];
    r.on('data', (c: Buffer) => chunks.push(c));
    r.on('end', () => cb(null, Buffer.concat(chunks)));
  });
  return { res, zip: res.body as Buffer };
}

function unzip(zip: Buffer): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(zip, { lazyEntries: true, validateEntrySizes: true }, (err, z) => {
      if (err || !z) return reject(err ?? new Error('no zip'));
      const files = new Map<string, Buffer>();
      z.on('error', reject);
      z.on('end', () => resolve(files));
      z.on('entry', (entry: yauzl.Entry) => {
        z.openReadStream(entry, (e, stream) => {
          if (e || !stream) return reject(e ?? new Error('no stream'));
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('end', () => {
            files.set(entry.fileName, Buffer.concat(chunks));
            z.readEntry();
          });
        });
      });
      z.readEntry();
    });
  });
}

/** RFC 4180 rows (quoted cells may hold commas, quotes and line breaks). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') (row.push(cell), (cell = ''));
    else if (c === '\r' && text[i + 1] === '\n') (row.push(cell), rows.push(row), (row = []), (cell = ''), i++);
    else cell += c;
  }
  if (cell || row.length) (row.push(cell), rows.push(row));
  return rows;
}

interface Manifest {
  createdBy: string;
  source: Record<string, unknown>;
  documents: Array<{ id: string; title: string; sha256: string; path: string | null; permalink: string; parties: Record<string, string[]>; pages: number | null; provenance: string | null; citation: string }>;
}

describe('source bundle — a story, a search, a selection as a zip', () => {
  const k = useKilde({ KILDE_PUBLIC_URL: 'https://kilde.example.org' });
  let jonas: ReturnType<TestKilde['as']>;
  let jens: ReturnType<TestKilde['as']>;
  let eva: ReturnType<TestKilde['as']>;
  let rikke: ReturnType<TestKilde['as']>;
  const bytes = new Map<string, Buffer>();
  const ids = {} as Record<'letter' | 'secret' | 'embargoed' | 'answer' | 'outside', string>;
  let storyId: string;
  let starId: string;

  async function upload(http: Agent, file: Buffer, name: string, fields: Record<string, string>): Promise<string> {
    let req = http.post('/api/documents').attach('file', file, name);
    for (const [f, v] of Object.entries(fields)) req = req.field(f, v);
    const res = await req;
    expect(res.status).toBe(202);
    await waitForStatus(k.t, res.body.id);
    bytes.set(res.body.id, file);
    return res.body.id as string;
  }

  beforeAll(async () => {
    const { t } = k;
    jonas = t.as('journalist', 'jonas');
    jens = t.as('journalist', 'jens');
    eva = t.as('editor', 'eva');
    rikke = t.as('researcher', 'rikke');
    ids.letter = await upload(jonas.http, await makePdf(['Til KL. Om kommunerne og skyen.', 'Personfølsomme data må ikke flyttes til Holland.']), 'brev.pdf', { title: 'Brev om skyløsninger', date: '2018-06-28' });
    ids.secret = await upload(jonas.http, await makePdf(['Kilden i ministeriet fortalte om kommunerne.']), 'kilde.pdf', { title: 'Hemmeligt kildenotat', access: 'restricted', users: 'jonas' });
    ids.embargoed = await upload(jonas.http, await makePdf(['Rapporten om kommunerne offentliggøres senere.']), 'rapport.pdf', { title: 'Rapport under embargo', access: 'embargoed', embargoUntil: '2099-01-01T06:00' });
    ids.answer = await upload(jens.http, Buffer.from('Svar fra ministeriet om kommunerne, æøå.\n', 'utf8'), 'Svar fra ministeriet, endelig "2".txt', { title: 'Svar fra ministeriet' });
    ids.outside = await upload(jens.http, await makePdf(['Et andet brev om kommunerne, uden for historien.']), 'andet.pdf', { title: 'Brev uden for historien' });

    const star = await t.http.post('/api/parties').send({ kind: 'authority', name: 'Styrelsen for Arbejdsmarked og Rekruttering', shortName: 'STAR' });
    const kl = await t.http.post('/api/parties').send({ kind: 'organisation', name: 'Kommunernes Landsforening', shortName: 'KL' });
    starId = star.body.id;
    expect((await t.http.post(`/api/documents/${ids.letter}/parties`).send({ partyId: starId, role: 'sender' })).status).toBe(201);
    expect((await t.http.post(`/api/documents/${ids.letter}/parties`).send({ partyId: kl.body.id, role: 'recipient' })).status).toBe(201);
    const request = await t.http.post('/api/requests').send({ authorityId: starId, subject: 'Skyløsninger', sentDate: '2018-09-01', authorityReference: '2018-1234' });
    expect((await t.http.post(`/api/requests/${request.body.id}/documents`).send({ documentId: ids.letter, role: 'response' })).status).toBeLessThan(300);

    const story = await jonas.http.post('/api/stories').send({ title: 'Skyen og kommunerne' });
    expect(story.status).toBe(201);
    storyId = story.body.id;
    for (const id of [ids.letter, ids.secret, ids.embargoed, ids.answer]) {
      expect((await jonas.http.post(`/api/stories/${storyId}/items`).send({ type: 'document', id })).status).toBe(201);
    }
    await t.kilde.indexer.drain();
  });

  test('story — unzips; SHA256SUMS matches the originals and `sha256sum -c` accepts it; manifests list what the story holds', async () => {
    const { res, zip } = await getZip(eva.http, `/bundle?story=${storyId}`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/zip');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="kilde-bundle-\d{4}-\d{2}-\d{2}\.zip"$/);
    const files = await unzip(zip);

    // What an editor may read of the story: the letter and the answer (not the restricted note, not the embargoed report).
    const manifest = JSON.parse(files.get('manifest.json')!.toString('utf8')) as Manifest;
    expect(manifest.documents.map((d) => d.id).sort()).toEqual([ids.letter, ids.answer].sort());
    expect(manifest.source).toMatchObject({ kind: 'story', storyId, label: 'Skyen og kommunerne' });
    expect(manifest.createdBy).toBe('eva');
    const letter = manifest.documents.find((d) => d.id === ids.letter)!;
    expect(letter).toMatchObject({
      title: 'Brev om skyløsninger', pages: 2, sha256: sha256(bytes.get(ids.letter)!),
      permalink: `https://kilde.example.org/d/${ids.letter}`,
      parties: { sender: ['Styrelsen for Arbejdsmarked og Rekruttering'], recipient: ['Kommunernes Landsforening'] },
      citation: 'Letter from STAR to KL, 28 June 2018',
    });
    expect(letter.provenance).toMatch(/^released by Styrelsen for Arbejdsmarked og Rekruttering .*ref\. 2018-1234/);

    // Every original is in the zip, byte for byte, where the manifest says.
    for (const d of manifest.documents) {
      expect(d.path).toMatch(/^originals\/\d{3}-/);
      expect(files.get(d.path!)!.equals(bytes.get(d.id)!)).toBe(true);
    }
    expect(files.has(letter.path!)).toBe(true);
    expect([...files.keys()].filter((n) => n.startsWith('originals/'))).toHaveLength(2);
    // Numbered, in the story's order; characters zip tools and shells dislike are replaced.
    expect([...files.keys()]).toContain('originals/002-Svar fra ministeriet, endelig _2_.txt');

    // SHA256SUMS: GNU format ("<64 hex>  <path>"), one line per file but itself, each hash true.
    const sums = files.get('SHA256SUMS')!.toString('utf8');
    expect(sums.endsWith('\n')).toBe(true);
    const lines = sums.trimEnd().split('\n');
    for (const line of lines) expect(line).toMatch(/^[0-9a-f]{64} {2}[^\s].*$/);
    const listed = new Map(lines.map((l) => [l.slice(66), l.slice(0, 64)]));
    expect([...listed.keys()].sort()).toEqual([...files.keys()].filter((n) => n !== 'SHA256SUMS').sort());
    for (const [name, hash] of listed) expect(sha256(files.get(name)!)).toBe(hash);
    expect(listed.get(letter.path!)).toBe(sha256(bytes.get(ids.letter)!));

    // And the standard tool agrees, as a lawyer would run it on the unzipped folder.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kilde-bundle-'));
    try {
      for (const [name, buf] of files) {
        fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
        fs.writeFileSync(path.join(dir, name), buf);
      }
      if (fs.existsSync('/usr/bin/sha256sum')) {
        const out = execFileSync('sha256sum', ['-c', 'SHA256SUMS'], { cwd: dir, encoding: 'utf8' });
        expect(out.trim().split('\n')).toHaveLength(listed.size);
        expect(out).not.toMatch(/FAILED/);
        fs.appendFileSync(path.join(dir, letter.path!), 'x');
        expect(() => execFileSync('sha256sum', ['-c', '--quiet', 'SHA256SUMS'], { cwd: dir, stdio: 'pipe' })).toThrow();
      }
    } finally {
      removeDir(dir);
    }

    // manifest.csv: a header and one row per document, with the same hashes and parties.
    const csv = parseCsv(files.get('manifest.csv')!.toString('utf8').replace(/^\ufeff/, ''));
    const [head, ...rows] = csv;
    expect(head!.slice(0, 9)).toEqual(['id', 'title', 'date', 'filename', 'media_type', 'pages', 'sha256', 'path', 'permalink']);
    expect(rows.map((r) => r[0]).sort()).toEqual([ids.letter, ids.answer].sort());
    const row = rows.find((r) => r[0] === ids.letter)!;
    expect(row[head!.indexOf('sha256')]).toBe(sha256(bytes.get(ids.letter)!));
    expect(row[head!.indexOf('sender')]).toBe('Styrelsen for Arbejdsmarked og Rekruttering');
    expect(row[head!.indexOf('provenance')]).toContain('2018-1234');
    const answer = rows.find((r) => r[0] === ids.answer)!;
    expect(answer[head!.indexOf('filename')]).toBe((await eva.http.get(`/api/documents/${ids.answer}`)).body.filename);
    expect(answer[head!.indexOf('path')]).toBe('originals/002-Svar fra ministeriet, endelig _2_.txt');

    // index.html reads offline: every document's title and permanent link.
    const html = files.get('index.html')!.toString('utf8');
    expect(html).toContain('Brev om skyløsninger');
    expect(html).toContain(`href="https://kilde.example.org/d/${ids.letter}"`);
    expect(html).toContain('sha256sum -c SHA256SUMS');
  });

  test('story — holds nothing the exporter cannot read, for each role; the owner and the admin get what they may read', async () => {
    const { t } = k;
    const expected: Array<[string, Agent, string[]]> = [
      ['jens (another journalist)', jens.http, [ids.letter, ids.answer]],
      ['eva (editor)', eva.http, [ids.letter, ids.answer]],
      ['rikke (researcher)', rikke.http, [ids.letter, ids.answer]],
      ['jonas (named on his own documents)', jonas.http, [ids.letter, ids.secret, ids.embargoed, ids.answer]],
      ['admin', t.http, [ids.letter, ids.secret, ids.embargoed, ids.answer]],
    ];
    const hidden = { [ids.secret]: 'Hemmeligt kildenotat', [ids.embargoed]: 'Rapport under embargo' };
    for (const [who, http, want] of expected) {
      const { res, zip } = await getZip(http, `/bundle?story=${storyId}`);
      expect([who, res.status]).toEqual([who, 200]);
      const files = await unzip(zip);
      const manifest = JSON.parse(files.get('manifest.json')!.toString('utf8')) as Manifest;
      expect([who, manifest.documents.map((d) => d.id).sort()]).toEqual([who, [...want].sort()]);
      expect([...files.keys()].filter((n) => n.startsWith('originals/'))).toHaveLength(want.length);
      // Nothing of a document left out appears anywhere: no title, no hash, no bytes.
      const everything = Buffer.concat([...files.values()]).toString('latin1');
      for (const [id, title] of Object.entries(hidden)) {
        if (want.includes(id)) continue;
        for (const trace of [id, title, sha256(bytes.get(id)!)]) expect([who, everything.includes(trace)]).toEqual([who, false]);
        expect([...files.values()].some((b) => b.equals(bytes.get(id)!))).toBe(false);
      }
    }
  });

  test('story — streamed as it is written (chunked, no length known in advance) and audited with what it held', async () => {
    const { t } = k;
    const before = t.kilde.db.prepare("SELECT COUNT(*) FROM audit_log WHERE action = 'export'").pluck().get() as number;
    const { res } = await getZip(jens.http, `/bundle?story=${storyId}`);
    expect(res.status).toBe(200);
    expect(res.headers['transfer-encoding']).toBe('chunked');
    expect(res.headers['content-length']).toBeUndefined();
    expect(res.headers['cache-control']).toBe('private, no-store');
    const rows = t.kilde.db.prepare("SELECT actor_id, entity_type, entity_id, summary, after_json FROM audit_log WHERE action = 'export' ORDER BY id").all() as Array<Record<string, string>>;
    expect(rows).toHaveLength(before + 1);
    const last = rows.at(-1)!;
    expect(last).toMatchObject({ actor_id: jens.userId, entity_type: 'story', entity_id: storyId });
    expect(last.summary).toBe('source bundle (story) of 2 documents');
    expect((JSON.parse(last.after_json!) as { documents: string[] }).documents.sort()).toEqual([ids.letter, ids.answer].sort());
  });

  test('selection — only what the exporter may read goes in; a selection of nothing readable is the same 404 as nothing', async () => {
    const { t } = k;
    const { res, zip } = await getZip(jens.http, `/bundle?ids=${ids.outside},${ids.secret},${ids.letter}`);
    expect(res.status).toBe(200);
    const manifest = JSON.parse((await unzip(zip)).get('manifest.json')!.toString('utf8')) as Manifest;
    expect(manifest.documents.map((d) => d.id)).toEqual([ids.outside, ids.letter]);
    expect(manifest.source).toMatchObject({ kind: 'selection' });

    const denied = await jens.http.get(`/bundle?ids=${ids.secret}`).set('Accept', 'text/html');
    const unknown = await jens.http.get('/bundle?ids=doc_nosuchthing').set('Accept', 'text/html');
    for (const r of [denied, unknown]) {
      expect(r.status).toBe(404);
      expect(r.text).not.toContain('Hemmeligt');
    }
    const audits = t.kilde.db.prepare("SELECT COUNT(*) FROM audit_log WHERE action = 'export' AND actor_id = ? AND after_json LIKE ?").pluck().get(jens.userId, `%${ids.secret}%`);
    expect(audits).toBe(0);
  });

  test('search — holds the hits the exporter may read, and honours the search page\'s filters', async () => {
    const all = await getZip(jens.http, '/bundle?q=kommunerne');
    expect(all.res.status).toBe(200);
    const allIds = (JSON.parse((await unzip(all.zip)).get('manifest.json')!.toString('utf8')) as Manifest).documents.map((d) => d.id).sort();
    expect(allIds).toEqual([ids.letter, ids.answer, ids.outside].sort());

    // The same filters as /search: a sender, a media type.
    const bySender = await getZip(jens.http, `/bundle?q=kommunerne&sender=${starId}`);
    const m1 = JSON.parse((await unzip(bySender.zip)).get('manifest.json')!.toString('utf8')) as Manifest;
    expect(m1.documents.map((d) => d.id)).toEqual([ids.letter]);
    expect(m1.source).toMatchObject({ kind: 'search', q: 'kommunerne', sender: [starId] });
    const byType = await getZip(jens.http, '/bundle?q=kommunerne&type=text/plain');
    expect((JSON.parse((await unzip(byType.zip)).get('manifest.json')!.toString('utf8')) as Manifest).documents.map((d) => d.id)).toEqual([ids.answer]);
    // The search page lists the same documents for the same URL.
    const page = await jens.http.get(`/api/search?q=kommunerne&sender=${starId}`);
    expect(page.body.hits.map((h: { documentId: string }) => h.documentId)).toEqual([ids.letter]);

    // The owner's search finds his restricted note too; the other journalist's never does.
    const own = await getZip(jonas.http, '/bundle?q=kilden+ministeriet');
    expect((JSON.parse((await unzip(own.zip)).get('manifest.json')!.toString('utf8')) as Manifest).documents.map((d) => d.id)).toEqual([ids.secret]);
    expect((await jens.http.get('/bundle?q=kilden+ministeriet')).status).toBe(404);
  });

  test('bad input and no sign-in — refused with a message, never a half-written zip', async () => {
    const { t } = k;
    expect((await jens.http.get('/bundle')).status).toBe(400);
    expect((await jens.http.get('/api/bundles?q=%20')).status).toBe(400);
    expect((await jens.http.get(`/api/bundles?ids=${Array.from({ length: 501 }, (_, i) => `doc_${i}`).join(',')}`)).status).toBe(400);
    expect((await jens.http.get('/bundle?q=kommunerne&sort=sideways')).status).toBe(400);
    expect((await jens.http.get('/api/bundles?story=story_nosuchthing')).status).toBe(404);
    const privateStory = await jonas.http.post('/api/stories').send({ title: 'Kun for Jonas', accessLevel: 'restricted' });
    expect((await jonas.http.post(`/api/stories/${privateStory.body.id}/items`).send({ type: 'document', id: ids.letter })).status).toBe(201);
    const denied = await jens.http.get(`/api/bundles?story=${privateStory.body.id}`);
    expect(denied.status).toBe(404);
    expect(JSON.stringify(denied.body)).not.toContain('Kun for Jonas');
    const anon = await t.anon.get(`/bundle?story=${storyId}`);
    expect(anon.status).toBe(303);
    expect(anon.headers.location).toMatch(/^\/login\?next=/);
    expect((await t.anon.get(`/api/bundles?story=${storyId}`)).status).toBe(401);
  });
});
