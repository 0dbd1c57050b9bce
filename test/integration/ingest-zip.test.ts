import fs from 'node:fs';
import path from 'node:path';
import { makePdf } from '../helpers/pdf';
import { buildZip, deflatedZeros } from '../helpers/zip';
import { filesUnder, removeDir, waitForStatus, type TestKilde, useKilde } from '../helpers/kilde';

/**
 * Zip archives through HTTP: a normal zip becomes one document per entry; a zip bomb is refused
 * with a message and leaves nothing behind — no child documents, no stored child files, no temp
 * files — even when a harmless file sits next to the bomb.
 */
describe('ingest — zip archives, through HTTP', () => {
  const k = useKilde();

  const stored = () => filesUnder(k.t.config.uploadsDir).filter((f) => !f.includes(`${path.sep}.tmp${path.sep}`) && !f.endsWith('.gitkeep'));
  const temp = () => filesUnder(path.join(k.t.config.uploadsDir, '.tmp'));
  const childrenOf = (id: string) => k.t.kilde.db.prepare('SELECT id FROM documents WHERE parent_id = ?').all(id);

  test.each([
    ['declares a 2000:1 ratio', async () => buildZip([
      { name: 'brev.txt', data: Buffer.from('Et harmløst brev om aktindsigt.', 'utf8') },
      { name: 'zeros.bin', deflated: await deflatedZeros(200 * 1024 * 1024) },
    ])],
    ['lies about its size', async () => buildZip([
      { name: 'brev.txt', data: Buffer.from('Et harmløst brev om aktindsigt.', 'utf8') },
      { name: 'liar.bin', deflated: await deflatedZeros(200 * 1024 * 1024), declaredSize: 1000 },
    ])],
  ])('zip bomb — one that %s — is refused with a message and leaves nothing behind', async (_how, build) => {
    const before = stored().length;
    const res = await k.t.http.post('/api/documents').attach('file', await build(), 'bilag.zip');
    expect(res.status).toBe(202);
    const doc = await waitForStatus(k.t, res.body.id, ['failed', 'ready'], 30_000);
    expect(doc.status).toBe('failed');
    expect(String(doc.error)).toMatch(/^Refused as a possible zip bomb/);
    await k.t.kilde.runner.idle();
    expect(childrenOf(res.body.id)).toEqual([]);
    expect((await k.t.http.get(`/api/documents/${res.body.id}`)).body.children).toEqual([]);
    expect(stored().length).toBe(before + 1); // the zip itself, kept as uploaded; nothing from inside it
    expect(temp()).toEqual([]);
    const search = await k.t.http.get('/api/search').query({ q: 'harmløst' });
    expect(search.body.total).toBe(0);
    const page = await k.t.http.get(`/documents/${res.body.id}`);
    expect(page.text).toContain('Refused as a possible zip bomb');
  });

  test('zip — two ordinary files — becomes the zip and two linked, searchable documents', async () => {
    const pdf = await makePdf(['Referat af mødet om skybaserede fagsystemer.']);
    const zip = buildZip([
      { name: 'bilag/referat.pdf', data: pdf, method: 'deflate' },
      { name: 'bilag/notat.txt', data: Buffer.from('Notat om databehandleraftalen med leverandøren.', 'utf8'), method: 'deflate' },
      { name: '__MACOSX/._notat.txt', data: Buffer.from('junk') },
    ]);
    const res = await k.t.http.post('/api/documents').attach('file', zip, 'svar.zip');
    await waitForStatus(k.t, res.body.id);
    await k.t.kilde.runner.idle();
    await k.t.kilde.indexer.drain();
    const doc = await k.t.http.get(`/api/documents/${res.body.id}`);
    expect(doc.body.children.map((c: { title: string; relation: string; status: string }) => [c.relation, c.status]).sort()).toEqual([
      ['entry_of', 'ready'],
      ['entry_of', 'ready'],
    ]);
    for (const q of ['skybaserede fagsystemer', 'databehandleraftalen']) {
      const hit = await k.t.http.get('/api/search').query({ q });
      expect(hit.body.total).toBe(1);
      const found = await k.t.http.get(`/api/documents/${hit.body.hits[0].documentId}`);
      expect(found.body.parentId).toBe(res.body.id);
    }
    expect(fs.existsSync(k.t.config.uploadsDir)).toBe(true);
  }, 60_000);

  test('zip — stored uncompressed with a PDF first — is the zip, not the PDF at its start', async () => {
    const zip = buildZip([
      { name: 'svar/afgoerelse.pdf', data: await makePdf(['Afgørelse om aktindsigt i havnens regnskaber.']), method: 'store' },
      { name: 'svar/noter.txt', data: Buffer.from('Noter om havnens bestyrelsesmøder.', 'utf8'), method: 'store' },
    ]);
    expect(zip.subarray(0, 1024).toString('latin1')).toContain('%PDF-');
    const res = await k.t.http.post('/api/documents').attach('file', zip, 'svar.zip');
    await waitForStatus(k.t, res.body.id);
    await k.t.kilde.runner.idle();
    await k.t.kilde.indexer.drain();
    const doc = await k.t.http.get(`/api/documents/${res.body.id}`);
    expect(doc.body.mediaType).toBe('application/zip');
    expect(doc.body.children).toHaveLength(2);
    expect((await k.t.http.get('/api/search').query({ q: 'bestyrelsesmøder' })).body.total).toBe(1);
  }, 60_000);
});
