import path from 'node:path';
import { removeDir, waitForStatus, type TestKilde, useKilde } from '../helpers/kilde';
import { readFixture } from '../helpers/fixtures';

/**
 * Encrypted PDFs through HTTP, with the real files whose passwords are known
 * (`test/fixtures/SOURCES.md`): a locked PDF shows needs_password; a wrong password says so; the
 * right one (`æøå`, UTF-8) extracts it; the password is not kept afterwards.
 */
describe('ingest — encrypted PDFs, through HTTP', () => {
  const k = useKilde();

  async function upload(rel: string): Promise<string> {
    const res = await k.t.http.post('/api/documents').attach('file', readFixture(rel), path.basename(rel));
    expect([200, 202]).toContain(res.status); // 200: the same file again (a duplicate)
    return res.body.id as string;
  }

  test('password — æøå file: none, then wrong, then right — needs_password, says wrong, then extracts', async () => {
    const id = await upload('tricky/pdfjs-encrypted-password-aeoeaa.pdf');
    const locked = await waitForStatus(k.t, id, ['needs_password', 'ready', 'failed']);
    expect(locked).toMatchObject({ status: 'needs_password', error: 'This PDF is encrypted: it needs a password to be read.' });
    const page = await k.t.http.get(`/documents/${id}`);
    expect(page.text).toContain('Needs a password');
    expect(page.text).toMatch(/<form method="post" action="\/documents\/[^"]+\/extract" class="password-form[^"]*">/);
    expect(page.text).toContain('type="password"');

    const wrong = await k.t.http.post(`/api/documents/${id}/extract`).send({ password: 'aeoeaa' });
    expect(wrong.status).toBe(202);
    const refused = await waitForStatus(k.t, id, ['needs_password', 'ready', 'failed']);
    expect(refused).toMatchObject({ status: 'needs_password', error: 'The password is not correct for this PDF.' });
    expect((await k.t.http.get(`/documents/${id}`)).text).toContain('The password is not correct for this PDF.');

    const right = await k.t.http.post(`/api/documents/${id}/extract`).send({ password: 'æøå' });
    expect(right.status).toBe(202);
    const open = await waitForStatus(k.t, id, ['ready', 'needs_password', 'failed']);
    expect(open).toMatchObject({ status: 'ready', error: null, pageCount: 1 });
    const pages = await k.t.http.get(`/api/documents/${id}/pages`);
    expect(pages.body.pages[0].text).toContain('Issue 6010');
    const hit = await k.t.http.get('/api/search').query({ q: '"Issue 6010"' });
    expect(hit.body.hits.map((h: { documentId: string }) => h.documentId)).toContain(id);

    // The password is not kept, so no page image can be drawn later: none is offered.
    const image = await k.t.http.get(`/api/documents/${id}/pages/1/image`);
    expect(image.status).toBe(404);
    expect(image.body.error.message).toBe('This document has no page images.');
    expect((await k.t.http.get(`/documents/${id}`)).text).not.toContain('/pages/1.png');

    // The password was used and forgotten: it is in no job row.
    const payloads = k.t.kilde.db.prepare('SELECT payload FROM jobs WHERE document_id = ?').pluck().all(id) as string[];
    expect(payloads.length).toBe(3);
    for (const p of payloads) expect(p).not.toMatch(/æøå|aeoeaa|password/);
  }, 60_000);

  test('password — hunter2 file, sent from the document page form — extracts', async () => {
    const id = await upload('tricky/aleph-password-hunter2.pdf');
    await waitForStatus(k.t, id, ['needs_password']);
    const res = await k.t.http.post(`/documents/${id}/extract`).type('form').send({ password: 'hunter2' });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`/documents/${id}`);
    const doc = await waitForStatus(k.t, id, ['ready', 'needs_password', 'failed']);
    expect(doc.status).toBe('ready');
  });

  test('password — a file whose password nobody knows — stays needs_password and says a guess is wrong', async () => {
    const id = await upload('tricky/docsplit-completely-encrypted.pdf');
    // Watched between every turn of the event loop: the moment it shows needs_password, its job is over,
    // so a password sent at once is taken (it once met "already being extracted" for a moment).
    const db = k.t.kilde.db;
    const status = () => db.prepare('SELECT status FROM documents WHERE id = ?').pluck().get(id);
    const running = () => db.prepare("SELECT COUNT(*) FROM jobs WHERE document_id = ? AND status IN ('queued', 'running')").pluck().get(id);
    const until = Date.now() + 30_000;
    while (status() !== 'needs_password' && Date.now() < until) await new Promise((r) => setImmediate(r));
    expect(status()).toBe('needs_password');
    expect(running()).toBe(0);
    await k.t.http.post(`/api/documents/${id}/extract`).send({ password: 'password' }).expect(202);
    expect(await waitForStatus(k.t, id, ['needs_password', 'failed', 'ready'])).toMatchObject({ status: 'needs_password', error: 'The password is not correct for this PDF.' });
  });

  test('password — an owner-password-only PDF — opens without asking', async () => {
    const id = await upload('tricky/docsplit-owner-encrypted-rc4-noprint-nocopy.pdf');
    const doc = await waitForStatus(k.t, id, ['ready', 'needs_password', 'failed']);
    expect(doc.status).toBe('ready');
  });

  test.each([
    ['a number', { password: 123 }],
    ['an object', { password: { $ne: '' } }],
    ['a very long string', { password: 'x'.repeat(100_000) }],
  ])('password — %s as the password — is refused with 400, not 500', async (_what, body) => {
    const id = await upload('tricky/pdfjs-encrypted-password-abc.pdf');
    await waitForStatus(k.t, id, ['needs_password']);
    const res = await k.t.http.post(`/api/documents/${id}/extract`).send(body);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation_failed');
  });
});
