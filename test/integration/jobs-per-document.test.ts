import { createJobsRepository } from '../../server/jobs/jobs.repository';
import { makePdf } from '../helpers/pdf';
import { removeDir, startTestKilde, type TestKilde } from '../helpers/kilde';

/**
 * One job at a time per document. A document shows "ready" as soon as its pages are stored, while its
 * job still takes a container's children; extracting it again then is taken (202) and waits for that
 * job, instead of being refused as "already being extracted" or running beside it.
 */
describe('jobs — one at a time per document', () => {
  let t: TestKilde;
  beforeAll(async () => {
    t = await startTestKilde({}, { start: false }); // no workers: the test moves the jobs by hand
  });
  afterAll(async () => {
    await t.stop();
    removeDir(t.dir);
  });

  test('claim — a second job for a document with one running — waits until that one ends', async () => {
    const upload = async (text: string) => (await t.http.post('/api/documents').attach('file', await makePdf([text]), `${text}.pdf`)).body.id as string;
    const a = await upload('Første brev');
    const b = await upload('Andet brev');
    const jobs = createJobsRepository(t.kilde.db);
    const now = new Date().toISOString();
    const first = jobs.claimNext(now);
    expect(first?.documentId).toBe(a);
    // The document shows its outcome while the job finishes; extracting again is taken, not refused.
    t.kilde.db.prepare(`UPDATE documents SET status = 'ready' WHERE id = ?`).run(a);
    const again = await t.http.post(`/api/documents/${a}/extract`).send({});
    expect(again.status).toBe(202);
    // A second request while that one is queued is refused: one extraction is enough.
    expect((await t.http.post(`/api/documents/${a}/extract`).send({})).status).toBe(409);

    const later = new Date(Date.now() + 1000).toISOString(); // the new job is due from the moment it was queued
    expect(jobs.claimNext(later)?.documentId).toBe(b); // the other document's job goes first
    expect(jobs.claimNext(later)).toBeNull(); // a's second job waits for its first
    jobs.complete(first!.id, later);
    const second = jobs.claimNext(later);
    expect(second).toMatchObject({ documentId: a, status: 'running' });
    expect(second!.id).toBeGreaterThan(first!.id);
  });
});
