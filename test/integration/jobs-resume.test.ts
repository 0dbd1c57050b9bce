import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { makePdf } from '../helpers/pdf';
import { removeDir, startTestKilde, waitForStatus } from '../helpers/kilde';

describe('jobs — resumed after a crash', () => {
  test('restart — a job left "running" by a crash — is picked up and the document becomes ready', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kilde-resume-'));
    // First life: accept the upload but never run the workers (the process "dies" before).
    const first = await startTestKilde({}, { dir, start: false });
    const res = await first.http.post('/api/documents').attach('file', await makePdf(['Genoptaget efter nedbrud.']), 'a.pdf');
    expect(res.status).toBe(202);
    first.kilde.db.prepare(`UPDATE jobs SET status = 'running', attempts = 1, started_at = ?`).run(new Date().toISOString());
    first.kilde.db.prepare(`UPDATE documents SET status = 'extracting'`).run();
    await first.stop();

    const second = await startTestKilde({}, { dir });
    try {
      const doc = await waitForStatus(second, res.body.id);
      expect(doc.status).toBe('ready');
      // The job is marked done only after the document is saved (a crash in between reruns it), so wait for it.
      await second.kilde.runner.idle();
      const job = second.kilde.db.prepare('SELECT status, attempts FROM jobs').get() as { status: string; attempts: number };
      expect(job).toEqual({ status: 'done', attempts: 1 });
      const found = await second.http.get('/api/search').query({ q: 'nedbrud' });
      expect(found.body.total).toBe(1);
    } finally {
      await second.stop();
      removeDir(dir);
    }
  });
});
