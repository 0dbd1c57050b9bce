import fs from 'node:fs';
import type { Server } from 'node:http';
import net, { type AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { ImportSummary } from '../../server/import/import.types';
import { removeDir, startTestKilde, type TestKilde } from '../helpers/kilde';
import { makePdf } from '../helpers/pdf';
import { buildZip } from '../helpers/zip';
import { kilde } from '../helpers/import-tree';

/**
 * `kilde import --server URL`: a real Kilde listening on a port, the import talking to it over
 * HTTP with a journalist's token — access chosen on the command line and in a sidecar inside a
 * zip, stories from folder names, and a second run that finds everything in its ledger.
 */
describe('kilde import — through a running server', () => {
  let t: TestKilde;
  let server: Server;
  let url: string;
  let work: string;
  let anna: ReturnType<TestKilde['as']>;
  let bo: ReturnType<TestKilde['as']>;
  let carl: ReturnType<TestKilde['as']>;

  beforeAll(async () => {
    t = await startTestKilde();
    server = t.kilde.app.listen(0, '127.0.0.1');
    await new Promise<void>((resolve) => server.once('listening', () => resolve()));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    anna = t.as('journalist', 'anna');
    bo = t.as('journalist', 'bo');
    carl = t.as('journalist', 'carl');
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'kilde-import-api-'));
  });
  afterAll(async () => {
    await new Promise((r) => server.close(r));
    await t.stop();
    removeDir(t.dir);
    removeDir(work);
  });

  test('a folder and a zip, restricted to bo, stories from folders — imported over HTTP; others cannot read them; run again — nothing new', async () => {
    const folder = path.join(work, 'sager');
    fs.mkdirSync(path.join(folder, 'Sag-A'), { recursive: true });
    const pdf = await makePdf(['Ministeren skrev til KL den 28. september 2018.']);
    fs.writeFileSync(path.join(folder, 'Sag-A', 'brev-1.pdf'), pdf);
    fs.writeFileSync(path.join(folder, 'Sag-A', 'notat.txt'), 'Notat om KMD Momentum og Azure i Amsterdam.\n');
    fs.writeFileSync(path.join(folder, 'broken.pdf'), pdf.subarray(0, Math.floor(pdf.length / 3)));
    const zip = path.join(work, 'pakke.zip');
    fs.writeFileSync(zip, buildZip([
      { name: 'Sag-B/a.txt', data: Buffer.from('Styrelsen for Arbejdsmarked og Rekruttering skrev til KL.\n'), method: 'deflate' },
      { name: 'Sag-B/b.html', data: Buffer.from('<html><body><p>Elleve kommuner tilsluttede sig.</p></body></html>') },
      { name: 'Sag-B/program.exe', data: Buffer.concat([Buffer.from('MZ'), Buffer.alloc(100, 7)]) },
      { name: '__MACOSX/Sag-B/._a.txt', data: Buffer.from('resource fork') },
      { name: 'Sag-B/kilde-import.json', data: Buffer.from(JSON.stringify([{ path: 'a.txt', title: 'Fra zippen', sender: 'authority:STAR', access: 'embargoed', embargo_until: '2099-01-01' }])) },
    ]));
    const ledger = path.join(work, 'state', 'ledger.sqlite');
    const args = ['import', folder, zip, '--server', url, '--access', 'restricted', '--users', 'bo', '--story-from-folders', '--ledger', ledger, '--json'];

    const first = await kilde([...args, '--token', anna.token], {});
    const s = JSON.parse(first.out) as ImportSummary;
    const by = (source: string) => s.files.find((f) => f.source === source)!;
    expect({ code: first.code, mode: s.mode, target: s.target, user: s.user, total: s.total, imported: s.imported, duplicates: s.duplicates, refused: s.refused, failed: s.failed }).toEqual({
      code: 1, mode: 'server', target: url, user: 'anna', total: 6, imported: 4, duplicates: 0, refused: 1, failed: 1,
    });
    expect(by(`${zip}!/Sag-B/program.exe`)).toMatchObject({ outcome: 'refused', reason: expect.stringMatching(/Windows program/) });
    expect(by(path.join(folder, 'broken.pdf'))).toMatchObject({ outcome: 'failed', reason: expect.stringMatching(/damaged|could not be read/i) });

    const ids = {
      pdf: by(path.join(folder, 'Sag-A', 'brev-1.pdf')).documentId!,
      txt: by(path.join(folder, 'Sag-A', 'notat.txt')).documentId!,
      a: by(`${zip}!/Sag-B/a.txt`).documentId!,
      b: by(`${zip}!/Sag-B/b.html`).documentId!,
    };
    const status = async (who: typeof anna, id: string) => (await who.http.get(`/api/documents/${id}`)).status;
    for (const [name, id] of Object.entries(ids)) {
      // Restricted to bo by the options; a.txt embargoed by its sidecar row, which names nobody.
      expect([name, await status(anna, id), await status(bo, id), await status(carl, id)]).toEqual([name, 200, name === 'a' ? 404 : 200, 404]);
    }
    const a = (await anna.http.get(`/api/documents/${ids.a}`)).body as { title: string; status: string };
    expect(a).toMatchObject({ title: 'Fra zippen', status: 'ready' });
    const links = (await anna.http.get(`/api/documents/${ids.a}/links`)).body as { parties: Array<{ party: { name: string; kind: string }; role: string }> };
    expect(links.parties).toEqual([expect.objectContaining({ party: expect.objectContaining({ name: 'STAR', kind: 'authority' }), role: 'sender' })]);
    // The zip was read as a folder: it is no document of its own.
    expect(t.kilde.db.prepare("SELECT count(*) FROM documents WHERE filename = 'pakke.zip'").pluck().get()).toBe(0);
    // Stories named by the folders, with the import's access: carl does not see them.
    const titles = async (who: typeof anna) => ((await who.http.get('/api/stories')).body as { stories: Array<{ title: string }> }).stories.map((x) => x.title).sort();
    expect(await titles(bo)).toEqual(['Sag-A', 'Sag-B']);
    expect(await titles(carl)).toEqual([]);

    // The second run finds every file in the ledger (the token now from KILDE_TOKEN).
    const second = await kilde(args, { KILDE_TOKEN: anna.token });
    const again = JSON.parse(second.out) as ImportSummary;
    expect({ code: second.code, imported: again.imported, duplicates: again.duplicates, refused: again.refused, failed: again.failed, skipped: again.skipped }).toEqual({
      code: 0, imported: 0, duplicates: 0, refused: 0, failed: 0, skipped: 6,
    });
    expect(t.kilde.db.prepare('SELECT count(*) FROM documents WHERE parent_id IS NULL').pluck().get()).toBe(5);
  }, 120_000);

  test('a token the server refuses, a server that is not there — exit 1 with one line, nothing imported', async () => {
    const file = path.join(work, 'enkelt.txt');
    fs.writeFileSync(file, 'Et enkelt notat.\n');
    const ledger = path.join(work, 'state', 'other.sqlite');
    const refused = await kilde(['import', file, '--server', url, '--token', 'kilde_wrong', '--ledger', ledger], {});
    expect(refused).toEqual({ code: 1, out: '', err: expect.stringMatching(/^kilde import: the server refused the token \(401\)/) });
    // A port that was free a moment ago: nothing listens on it.
    const probe = net.createServer().listen(0, '127.0.0.1');
    await new Promise<void>((resolve) => probe.once('listening', () => resolve()));
    const port = (probe.address() as AddressInfo).port;
    await new Promise((r) => probe.close(r));
    const gone = await kilde(['import', file, '--server', `http://127.0.0.1:${port}`, '--token', anna.token, '--ledger', ledger], {});
    expect(gone).toEqual({ code: 1, out: '', err: `kilde import: cannot reach the server at http://127.0.0.1:${port} (ECONNREFUSED)\n` });
    expect(t.kilde.db.prepare("SELECT count(*) FROM documents WHERE filename = 'enkelt.txt'").pluck().get()).toBe(0);
  });
});
