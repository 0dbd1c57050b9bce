import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { removeDir, startTestKilde, useKilde, waitForStatus, type TestKilde } from '../helpers/kilde';

/** Signs in through the HTML form; returns an agent holding the session cookie and the CSRF token. */
async function signIn(t: TestKilde, username: string, password = 'correct horse battery') {
  const agent = request.agent(t.kilde.app);
  const res = await agent.post('/login').type('form').send({ username, password });
  expect(res.status).toBe(303);
  const page = await agent.get('/account');
  const csrf = /name="_csrf" value="([^"]+)"/.exec(page.text)?.[1];
  expect(csrf).toBeTruthy();
  return { agent, csrf: csrf!, cookie: res.headers['set-cookie']?.[0] ?? '' };
}

describe('auth — accounts, sessions, tokens, CSRF', () => {
  const k = useKilde();

  test('no sign-in — a page redirects to the sign-in page and the API answers 401', async () => {
    const page = await k.t.anon.get('/documents');
    expect(page.status).toBe(303);
    expect(page.headers.location).toBe('/login?next=%2Fdocuments');
    const api = await k.t.anon.get('/api/documents');
    expect(api.status).toBe(401);
    expect(api.body.error.code).toBe('unauthorized');
    expect((await k.t.anon.get('/api/health')).status).toBe(200);
  });

  test('sign-in — a session cookie that is HttpOnly and SameSite', async () => {
    k.t.as('journalist', 'jens');
    const res = await k.t.anon.post('/login').type('form').send({ username: 'jens', password: 'correct horse battery', next: '/documents' });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/documents');
    expect(res.headers['set-cookie'][0]).toMatch(/kilde_session=.+; .*HttpOnly/);
    expect(res.headers['set-cookie'][0]).toMatch(/SameSite=Lax/);
  });

  test('sign-in — unknown user and wrong password — the same answer (no enumeration)', async () => {
    k.t.as('journalist', 'karen');
    const unknown = await k.t.anon.post('/login').type('form').send({ username: 'nobody-here', password: 'whatever123' });
    const wrong = await k.t.anon.post('/login').type('form').send({ username: 'karen', password: 'whatever123' });
    expect(unknown.status).toBe(401);
    expect(wrong.status).toBe(401);
    const msg = (html: string) => /role="alert">([^<]+)</.exec(html)?.[1];
    expect(msg(unknown.text)).toBe(msg(wrong.text));
  });

  test('sign-in — five wrong passwords from one address — that address waits for that username, with a clear message', async () => {
    k.t.as('journalist', 'lise');
    for (let i = 0; i < 5; i++) expect((await k.t.anon.post('/login').type('form').send({ username: 'lise', password: 'wrong-password' })).status).toBe(401);
    const evenRight = await k.t.anon.post('/login').type('form').send({ username: 'lise', password: 'correct horse battery' });
    expect(evenRight.status).toBe(429);
    expect(evenRight.text).toMatch(/Too many failed sign-ins with this username from this address/);
    expect(evenRight.headers['set-cookie']).toBeUndefined();
  });

  test('sign-in — "next" pointing at another site — lands on the front page', async () => {
    k.t.as('journalist', 'mads');
    const res = await k.t.anon.post('/login').type('form').send({ username: 'mads', password: 'correct horse battery', next: '//evil.example/x' });
    expect(res.headers.location).toBe('/');
  });

  test('CSRF — a form post without the token — 403, with it — accepted', async () => {
    k.t.as('journalist', 'nina');
    const { agent, csrf } = await signIn(k.t, 'nina');
    const without = await agent.post('/account/tokens').type('form').send({ name: 'x' });
    expect(without.status).toBe(403);
    const upload = await agent.post('/upload').attach('files', Buffer.from('CSRF-tekst'), 'c.txt');
    expect(upload.status).toBe(403);
    const withToken = await agent.post('/account/tokens').type('form').send({ name: 'script', _csrf: csrf });
    expect(withToken.status).toBe(200);
    expect(withToken.text).toMatch(/kilde_[A-Za-z0-9_-]{20,}/);
    const uploadOk = await agent.post('/upload').field('_csrf', csrf).attach('files', Buffer.from('CSRF-tekst'), 'c.txt');
    expect(uploadOk.status).toBe(303);
  });

  test('CSRF — a post from another origin — 403 even with a session', async () => {
    k.t.as('journalist', 'otto');
    const { agent, csrf } = await signIn(k.t, 'otto');
    const res = await agent.post('/account/tokens').set('Origin', 'https://evil.example').type('form').send({ name: 'x', _csrf: csrf });
    expect(res.status).toBe(403);
  });

  test('tokens — a revoked token — stops working at once', async () => {
    const u = k.t.as('journalist', 'peter');
    expect((await u.http.get('/api/me')).body.username).toBe('peter');
    const list = (await u.http.post('/api/tokens').send({ name: 'second' })).body;
    const other = request(k.t.kilde.app);
    expect((await other.get('/api/me').set('Authorization', `Bearer ${list.token}`)).status).toBe(200);
    expect((await u.http.delete(`/api/tokens/${list.id}`)).status).toBe(204);
    const after = await other.get('/api/me').set('Authorization', `Bearer ${list.token}`);
    expect(after.status).toBe(401);
    expect(after.body.error.message).toMatch(/revoked/);
  });

  test('roles — a researcher — may search and read but not upload or change', async () => {
    const r = k.t.as('researcher');
    expect((await r.http.get('/api/search').query({ q: 'x' })).status).toBe(200);
    const up = await r.http.post('/api/documents').attach('file', Buffer.from('forsøg'), 'r.txt');
    expect(up.status).toBe(403);
    expect(up.body.error.message).toMatch(/Researchers/);
    expect((await r.http.get('/admin/users')).status).toBe(403);
    expect((await r.http.post('/api/tokens').send({ name: 'mine' })).status).toBe(201);
  });

  test('admin — creates users; bad input — clear 400/409', async () => {
    expect((await k.t.http.post('/api/admin/users').send({ username: 'new.user', role: 'editor', password: 'long enough pw' })).status).toBe(201);
    expect((await k.t.http.post('/api/admin/users').send({ username: 'new.user', role: 'editor', password: 'long enough pw' })).status).toBe(409);
    expect((await k.t.http.post('/api/admin/users').send({ username: "x' OR 1=1 --", role: 'editor', password: 'long enough pw' })).status).toBe(400);
    expect((await k.t.http.post('/api/admin/users').send({ username: 'ok', role: 'god', password: 'long enough pw' })).status).toBe(400);
    expect((await k.t.http.post('/api/admin/users').send({ username: 'short', role: 'editor', password: 'short' })).status).toBe(400);
    expect((await k.t.http.post('/api/admin/users').send({ username: 42 })).status).toBe(400);
  });

  test('audit — the log — records uploads and downloads and refuses changes', async () => {
    const up = await k.t.http.post('/api/documents').attach('file', Buffer.from('Revisionsspor'), 'audit.txt');
    await waitForStatus(k.t, up.body.id);
    await k.t.http.get(`/api/documents/${up.body.id}/original`);
    const log = await k.t.http.get('/api/admin/audit').query({ entityId: up.body.id });
    expect(log.body.entries.map((e: { action: string }) => e.action).sort()).toEqual(['create', 'download']);
    expect(() => k.t.kilde.db.prepare("UPDATE audit_log SET action = 'x'").run()).toThrow(/append-only/);
    expect(() => k.t.kilde.db.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
  });
});

describe('auth — sessions survive a restart', () => {
  test('restart — a signed-in browser — is still signed in', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kilde-session-'));
    const first = await startTestKilde({}, { dir });
    first.as('journalist', 'rasmus');
    const login = await first.anon.post('/login').type('form').send({ username: 'rasmus', password: 'correct horse battery' });
    const cookie = String(login.headers['set-cookie'][0]).split(';')[0];
    await first.stop();
    const second = await startTestKilde({}, { dir });
    try {
      const res = await second.anon.get('/api/me').set('Cookie', cookie);
      expect(res.status).toBe(200);
      expect(res.body.username).toBe('rasmus');
    } finally {
      await second.stop();
      removeDir(dir);
    }
  });
});

describe('auth — guessing across many accounts from one address', () => {
  const k = useKilde();

  test('sign-in — twenty failures from one address, any usernames — the address waits, with a message', async () => {
    k.t.as('journalist', 'tove');
    for (let i = 0; i < 20; i++) {
      const res = await k.t.anon.post('/login').type('form').send({ username: `guess${i}`, password: 'wrong-password' });
      expect(res.status).toBe(401);
    }
    const blocked = await k.t.anon.post('/login').type('form').send({ username: 'tove', password: 'correct horse battery' });
    expect(blocked.status).toBe(429);
    expect(blocked.text).toMatch(/Too many failed sign-ins from this address/);
  });
});
