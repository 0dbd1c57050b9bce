import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { runCli } from '../../server/cli/kilde';
import { filesUnder, removeDir, startTestKilde, waitForStatus, type TestKilde } from '../helpers/kilde';
import { makePdf } from '../helpers/pdf';

/**
 * Backup, restore and verify on real archives: a backup taken while uploads and searches run is
 * restored into new directories, and the restored archive holds every document, page, link,
 * request and original, answers searches the same way and verifies clean; verify and the admin's
 * integrity page find a changed and a missing original; restore refuses a target that is not empty.
 */

/** Runs `kilde …` in this process with its output captured. */
async function kilde(args: string[], dirs: { data: string; uploads: string }) {
  let out = '';
  let err = '';
  const code = await runCli(args, {
    out: (s) => (out += s),
    err: (s) => (err += s),
    env: { KILDE_DATA_DIR: dirs.data, KILDE_UPLOADS_DIR: dirs.uploads, KILDE_LOG_LEVEL: 'silent', KILDE_BCRYPT_COST: '4' },
  });
  return { code, out, err };
}

const dirsOf = (root: string) => ({ data: path.join(root, 'data'), uploads: path.join(root, 'uploads') });
const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

/** Rows of a table as the database holds them, for an exact comparison of two archives. */
function rows(db: Database.Database, sql: string): unknown[] {
  return db.prepare(sql).all();
}

const TABLES = [
  'SELECT id, sha256, filename, title, status, page_count, access_level FROM documents ORDER BY id',
  'SELECT document_id, number, text, method FROM pages ORDER BY document_id, number',
  'SELECT * FROM document_parties ORDER BY 1, 2, 3',
  'SELECT * FROM document_events ORDER BY 1, 2',
  'SELECT * FROM document_links ORDER BY 1, 2, 3',
  'SELECT * FROM story_items ORDER BY 1, 2, 3',
  'SELECT id, subject FROM requests ORDER BY id',
  'SELECT request_id, document_id, role FROM request_documents ORDER BY 1, 2',
];

describe('backup while uploading and searching, restore into new directories, verify', () => {
  let root: string;
  let a: TestKilde;
  let b: TestKilde;
  const seeded: string[] = [];
  const during: string[] = [];
  let backupDir: string;
  let backupRun: Awaited<ReturnType<typeof kilde>>;
  let searches = 0;
  let searchFailures = 0;

  const searchIds = async (t: TestKilde, q: string) => {
    const res = await t.http.get('/api/search').query({ q });
    expect(res.status).toBe(200);
    return res.body as { total: number; hits: Array<{ documentId: string; matchingPages: number; pages: Array<{ number: number; snippet: string }> }> };
  };

  beforeAll(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'kilde-backup-'));
    a = await startTestKilde({}, { dir: path.join(root, 'a') });
    // The archive before the backup: four letters, linked every way the archive links.
    const letters = [
      ['Styrelsen skriver til KL om personfølsomme data i skyen', 'Side to om Holland og Amsterdam'],
      ['Ministeren beder om en redegørelse senest 15. oktober', 'Bilag med tidslinje'],
      ['Kommunerne tilslutter sig KMD Momentum', 'Elleve kommuner mere'],
      ['Notat om databeskyttelse og tilsyn'],
    ];
    for (const [i, pages] of letters.entries()) {
      const res = await a.http.post('/api/documents').attach('file', await makePdf(pages!), `brev-${i}.pdf`);
      expect(res.status).toBe(202);
      seeded.push(res.body.id);
    }
    for (const id of seeded) await waitForStatus(a, id);
    const party = (await a.http.post('/api/parties').send({ kind: 'authority', name: 'Styrelsen for Arbejdsmarked og Rekruttering', shortName: 'STAR' }).expect(201)).body.id;
    await a.http.post(`/api/documents/${seeded[0]}/parties`).send({ partyId: party, role: 'sender' }).expect(201);
    const event = (await a.http.post('/api/events').send({ title: 'STAR skriver til KL', date: '2018-06-28' }).expect(201)).body.id;
    await a.http.post(`/api/documents/${seeded[0]}/events`).send({ eventId: event }).expect(201);
    await a.http.post(`/api/documents/${seeded[1]}/documents`).send({ documentId: seeded[0], relation: 'reply_to' }).expect(201);
    const story = (await a.http.post('/api/stories').send({ title: 'Cloud-sagen' }).expect(201)).body.id;
    await a.http.post(`/api/stories/${story}/items`).send({ type: 'document', id: seeded[2] }).expect(201);
    const foi = (await a.http.post('/api/requests').send({ authorityId: party, subject: 'Aktindsigt i brevene til KL' }).expect(201)).body.id;
    await a.http.post(`/api/requests/${foi}/documents`).send({ documentId: seeded[1] }).expect(201);
    await a.kilde.indexer.drain();

    // The backup, while two uploads and a search loop run against the same archive.
    backupDir = path.join(root, 'backup');
    let searching = true;
    const loop = (async () => {
      while (searching) {
        const res = await a.http.get('/api/search').query({ q: 'kommuner' });
        searches++;
        if (res.status !== 200) searchFailures++;
      }
    })();
    const uploads = [
      (async () => a.http.post('/api/documents').attach('file', await makePdf(Array.from({ length: 30 }, (_, i) => `Samtidig upload side ${i + 1} om vandløb`)), 'samtidig-1.pdf'))(),
      (async () => a.http.post('/api/documents').attach('file', await makePdf(Array.from({ length: 30 }, (_, i) => `Samtidig upload side ${i + 1} om skovbrug`)), 'samtidig-2.pdf'))(),
    ];
    backupRun = await kilde(['backup', backupDir], dirsOf(path.join(root, 'a')));
    for (const res of await Promise.all(uploads)) {
      expect(res.status).toBe(202);
      during.push(res.body.id);
    }
    searching = false;
    await loop;
    for (const id of during) await waitForStatus(a, id);

    const restored = await kilde(['restore', backupDir], dirsOf(path.join(root, 'b')));
    expect(restored).toMatchObject({ code: 0, err: '' });
    expect(restored.out).toMatch(/restore: done — \d+ documents, \d+ originals from the backup of /);
  });
  afterAll(async () => {
    await a?.stop();
    await b?.stop();
    removeDir(root);
  });

  test('backup — while two uploads and a search loop ran — succeeds; the originals are hard links; the manifest counts and hashes the backup', async () => {
    expect(backupRun).toMatchObject({ code: 0, err: '' });
    expect(searches).toBeGreaterThan(0);
    expect(searchFailures).toBe(0);
    const manifest = JSON.parse(fs.readFileSync(path.join(backupDir, 'manifest.json'), 'utf8'));
    expect(manifest).toMatchObject({ format: 'kilde-backup', version: 1, problems: [] });
    expect(manifest.counts.documents).toBeGreaterThanOrEqual(4);
    expect(manifest.counts.documentParties).toBeGreaterThanOrEqual(1);
    expect(manifest.counts).toMatchObject({ documentEvents: 1, documentLinks: 1, storyItems: 1, requests: 1, requestDocuments: 1 });
    expect(sha256(fs.readFileSync(path.join(backupDir, 'kilde.sqlite')))).toBe(manifest.database.sha256);
    expect(fs.existsSync(path.join(backupDir, 'kilde.sqlite-wal'))).toBe(false);
    // Every original the snapshot names, each once, with its hash; nothing else.
    const files = filesUnder(path.join(backupDir, 'uploads'));
    expect(files.map((f) => path.basename(f)).sort()).toEqual(manifest.originals.map((o: { sha256: string }) => o.sha256).sort());
    expect(manifest.originals).toHaveLength(manifest.counts.originals);
    for (const f of files) {
      expect(sha256(fs.readFileSync(f))).toBe(path.basename(f));
      expect(fs.statSync(f).nlink).toBeGreaterThan(1);
    }
    expect(backupRun.out).toMatch(new RegExp(`${manifest.originals.length} originals \\(${manifest.originals.length} linked, 0 copied\\)`));
  });

  test('restore — every document, page, link and request of the backup is there, with its original', async () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(backupDir, 'manifest.json'), 'utf8'));
    const snapshot = new Database(path.join(backupDir, 'kilde.sqlite'), { readonly: true });
    const restoredDb = new Database(path.join(root, 'b', 'data', 'kilde.sqlite'), { readonly: true });
    try {
      for (const sql of TABLES) expect([sql, rows(restoredDb, sql)]).toEqual([sql, rows(snapshot, sql)]);
      const ids = (rows(restoredDb, 'SELECT id FROM documents') as Array<{ id: string }>).map((r) => r.id);
      for (const id of seeded) expect(ids).toContain(id);
      expect(ids).toHaveLength(manifest.counts.documents);
    } finally {
      snapshot.close();
      restoredDb.close();
    }
    b = await startTestKilde({}, { dir: path.join(root, 'b') });
    for (const id of seeded) {
      const [fromA, fromB] = await Promise.all([a.http.get(`/api/documents/${id}/original`).buffer(true), b.http.get(`/api/documents/${id}/original`).buffer(true)]);
      expect(fromB.status).toBe(200);
      expect(sha256(fromB.body as Buffer)).toBe(sha256(fromA.body as Buffer));
      expect((await b.http.get(`/api/documents/${id}/pages`)).body).toEqual((await a.http.get(`/api/documents/${id}/pages`)).body);
      expect((await b.http.get(`/api/documents/${id}/links`)).body).toEqual((await a.http.get(`/api/documents/${id}/links`)).body);
    }
    expect((await b.http.get('/api/requests')).body).toEqual((await a.http.get('/api/requests')).body);
  });

  test('restore — search answers the same as on the archive the backup was taken from', async () => {
    await b.kilde.indexer.drain();
    for (const q of ['personfølsomme data', '"redegørelse senest"', 'kommuner', 'STAR', 'Holland -Amsterdam', 'databesk*']) {
      const [fromA, fromB] = await Promise.all([searchIds(a, q), searchIds(b, q)]);
      expect([q, fromB.total, fromB.hits]).toEqual([q, fromA.total, fromA.hits]);
    }
    expect((await searchIds(b, 'personfølsomme')).hits.map((h) => h.documentId)).toEqual([seeded[0]]);
  });

  test('verify — on the restored archive — reports nothing, exit 0', async () => {
    const res = await kilde(['verify'], dirsOf(path.join(root, 'b')));
    expect(res).toEqual({ code: 0, out: '', err: '' });
  });

  test('restore — into a data directory that is not empty — refused with one line; nothing there changes', async () => {
    const target = dirsOf(path.join(root, 'a'));
    const before = sha256(fs.readFileSync(path.join(target.data, 'kilde.sqlite')));
    const res = await kilde(['restore', backupDir], target);
    expect(res.code).toBe(2);
    expect(res.out).toBe('');
    expect(res.err).toMatch(/^kilde restore: the data directory .* is not empty \(.*kilde\.sqlite.*\): restore only into an empty one\n$/);
    expect(sha256(fs.readFileSync(path.join(target.data, 'kilde.sqlite')))).toBe(before);
    // An empty data directory beside a non-empty uploads directory: refused too.
    const other = dirsOf(path.join(root, 'c'));
    fs.mkdirSync(other.data, { recursive: true });
    fs.mkdirSync(other.uploads, { recursive: true });
    fs.writeFileSync(path.join(other.uploads, 'stray.pdf'), 'x');
    const res2 = await kilde(['restore', backupDir], other);
    expect(res2.code).toBe(2);
    expect(res2.err).toMatch(/the uploads directory .* is not empty \(stray\.pdf\)/);
    expect(fs.readdirSync(other.data)).toEqual([]);
  });
});

describe('verify and the integrity page — a changed and a missing original, a document missing from the index', () => {
  let t: TestKilde;
  const docs: Array<{ id: string; sha256: string }> = [];

  beforeAll(async () => {
    t = await startTestKilde();
    for (const [i, text] of ['Brev om vandforsyning i Aalborg', 'Brev om kloakering i Odense', 'Brev om havnebyggeri i Esbjerg'].entries()) {
      const res = await t.http.post('/api/documents').attach('file', await makePdf([text]), `brev-${i}.pdf`);
      docs.push({ id: res.body.id, sha256: res.body.sha256 });
    }
    for (const d of docs) await waitForStatus(t, d.id);
  });
  afterAll(async () => {
    await t.stop();
    removeDir(t.dir);
  });
  const blob = (sha: string) => path.join(t.config.uploadsDir, sha.slice(0, 2), sha.slice(2, 4), sha);

  test('verify — a clean archive — nothing; then a changed original, a missing one and an index that lost a document — one line each, exit 1', async () => {
    expect(await kilde(['verify'], { data: t.config.dataDir, uploads: t.config.uploadsDir })).toEqual({ code: 0, out: '', err: '' });
    fs.writeFileSync(blob(docs[0]!.sha256), 'these are not the bytes that were uploaded');
    fs.rmSync(blob(docs[1]!.sha256));
    await t.kilde.engine.removeDocument(docs[2]!.id);

    const res = await kilde(['verify'], { data: t.config.dataDir, uploads: t.config.uploadsDir });
    expect(res.code).toBe(1);
    const lines = res.out.trimEnd().split('\n');
    expect(lines).toHaveLength(4);
    expect(lines).toEqual(expect.arrayContaining([
      expect.stringMatching(new RegExp(`^original ${docs[0]!.sha256} has changed .*documents: ${docs[0]!.id}$`)),
      expect.stringMatching(new RegExp(`^original ${docs[1]!.sha256} is missing; documents: ${docs[1]!.id}$`)),
      'search index: it holds 2 documents, the database has 3 ready ones (kilde reindex rebuilds it)',
      expect.stringMatching(new RegExp(`^search index: document ${docs[2]!.id} \\("brev-2"\\) is missing from the index`)),
    ]));
  });

  test('integrity page — an admin re-hashes the originals — lists the changed and the missing one, in Danish too; audited; others may not', async () => {
    const journalist = t.as('journalist');
    expect((await journalist.http.get('/admin/integrity')).status).toBe(403);
    expect((await journalist.http.post('/admin/integrity')).status).toBe(403);

    const first = await t.http.get('/admin/integrity');
    expect(first.status).toBe(200);
    expect(first.text).toContain('data-integrity="never"');
    expect(first.text).toMatch(/<form method="post" action="\/admin\/integrity">/);

    const started = await t.http.post('/admin/integrity');
    expect(started.status).toBe(303);
    expect(started.headers.location).toBe('/admin/integrity');
    await t.kilde.ops.integrity.settled();

    const page = await t.http.get('/admin/integrity');
    expect(page.text).toMatch(new RegExp(`data-integrity="changed">[\\s\\S]*${docs[0]!.sha256}[\\s\\S]*href="/documents/${docs[0]!.id}"`));
    expect(page.text).toMatch(new RegExp(`data-integrity="missing">[\\s\\S]*${docs[1]!.sha256}`));
    expect(page.text).not.toContain(`<code>${docs[2]!.sha256}</code>`);
    expect(page.text).toContain('3 originals checked');
    const da = await t.http.get('/admin/integrity?lang=da');
    expect(da.text).toContain('Originalernes integritet');
    expect(da.text).toContain('Mangler (1)');

    const audit = t.kilde.db.prepare("SELECT actor_name AS actor, summary, after_json AS after FROM audit_log WHERE action = 'verify' ORDER BY id").all() as Array<{ actor: string; summary: string; after: string | null }>;
    expect(audit).toEqual([
      { actor: 'testadmin', summary: 'Re-hash of every original started', after: null },
      { actor: 'testadmin', summary: '3 originals re-hashed: 1 changed, 1 missing', after: JSON.stringify({ changed: [docs[0]!.sha256], missing: [docs[1]!.sha256] }) },
    ]);
  });
});

describe('backup and restore — damaged or missing files are named', () => {
  test('backup --copy, then an original in the backup damaged — restore names it and exits 1; the others are restored', async () => {
    const t = await startTestKilde();
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kilde-backup-'));
    try {
      const ids: Array<{ id: string; sha256: string }> = [];
      for (const text of ['Første brev', 'Andet brev']) {
        const res = await t.http.post('/api/documents').attach('file', await makePdf([text]), 'brev.pdf');
        ids.push({ id: res.body.id, sha256: res.body.sha256 });
      }
      for (const d of ids) await waitForStatus(t, d.id);
      const backup = path.join(root, 'backup');
      const made = await kilde(['backup', '--copy', backup], { data: t.config.dataDir, uploads: t.config.uploadsDir });
      expect(made.code).toBe(0);
      expect(made.out).toMatch(/2 originals \(0 linked, 2 copied\)/);
      const damaged = path.join(backup, 'uploads', ids[0]!.sha256.slice(0, 2), ids[0]!.sha256.slice(2, 4), ids[0]!.sha256);
      expect(fs.statSync(damaged).nlink).toBe(1);
      fs.writeFileSync(damaged, 'damaged');

      const target = dirsOf(path.join(root, 'restored'));
      const res = await kilde(['restore', backup], target);
      expect(res.code).toBe(1);
      expect(res.err).toMatch(new RegExp(`^restore: original ${ids[0]!.sha256} in the backup is damaged`, 'm'));
      expect(filesUnder(target.uploads).map((f) => path.basename(f))).toEqual([ids[1]!.sha256]);

      // A backup directory that is not empty, or a backup without a manifest: refused.
      expect((await kilde(['backup', backup], { data: t.config.dataDir, uploads: t.config.uploadsDir })).err).toMatch(/is not empty: back up into a new or empty directory/);
      const res2 = await kilde(['restore', path.join(root, 'restored')], dirsOf(path.join(root, 'other')));
      expect(res2.code).toBe(1);
      expect(res2.err).toMatch(/is not a Kilde backup \(no manifest\.json\)/);
    } finally {
      await t.stop();
      removeDir(t.dir);
      removeDir(root);
    }
  });
});
