import http from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { loadConfig } from '../../server/lib/config';
import { filesUnder, useKilde, waitForStatus, type TestKilde } from '../helpers/kilde';

/**
 * Issue 12, row 13: sign-in throttling that neither tells which user names exist nor lets anyone
 * lock a colleague out; the CSRF token compared in constant time and never carried in a URL; a
 * password change that ends the other sessions (and, by default, the API tokens); the calendar
 * feed's address built from KILDE_PUBLIC_URL, never from the Host header; the audit entry of an
 * access change with the users it had before.
 */
const PASSWORD = 'correct horse battery';

/** Signs in through the form; the agent keeps the session cookie. Returns it with the page's CSRF token. */
async function signIn(t: TestKilde, username: string, password = PASSWORD) {
  const agent = request.agent(t.kilde.app);
  const res = await agent.post('/login').type('form').send({ username, password });
  expect(res.status).toBe(303);
  const csrf = /name="_csrf" value="([^"]+)"/.exec((await agent.get('/account')).text)?.[1];
  expect(csrf).toBeTruthy();
  return { agent, csrf: csrf! };
}

/**
 * Posts the sign-in form over a real socket from a chosen loopback address (127.0.0.1, 127.0.0.2 …),
 * so the throttle sees two different clients as it would in production.
 */
async function loginFrom(server: http.Server, localAddress: string, username: string, password: string): Promise<{ status: number; text: string }> {
  const body = new URLSearchParams({ username, password }).toString();
  const { port } = server.address() as AddressInfo;
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, localAddress, method: 'POST', path: '/login', headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body) } },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const alertText = (html: string) => /role="alert">([^<]+)</.exec(html)?.[1] ?? null;

describe('auth hardening — sign-in throttling', () => {
  const k = useKilde();
  let server: http.Server;
  beforeAll(async () => {
    server = http.createServer(k.t.kilde.app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  test('sign-in — an unknown and a known username — the same status and message at every attempt, through the throttle', async () => {
    k.t.as('journalist', 'kendt');
    const run = async (username: string) => {
      const out: Array<[number, string | null]> = [];
      for (let i = 0; i < 7; i++) {
        const res = await loginFrom(server, '127.0.0.3', username, `wrong-password-${i}`);
        out.push([res.status, alertText(res.text)]);
      }
      return out;
    };
    const known = await run('kendt');
    const unknown = await run('ukendt-person');
    expect(known).toEqual(unknown);
    expect(known.map(([s]) => s)).toEqual([401, 401, 401, 401, 401, 429, 429]);
    expect(known[5][1]).toMatch(/Too many failed sign-ins with this username from this address/);
    // Nothing about the account itself changed: no lock is stored on it.
    expect(k.t.kilde.db.prepare("SELECT failed_logins, locked_until FROM users WHERE username = 'kendt'").get()).toEqual({ failed_logins: 0, locked_until: null });
  });

  test('sign-in — someone fails thirty times for a colleague — the colleague still signs in from their own machine', async () => {
    k.t.as('journalist', 'offer');
    const attacker = [];
    for (let i = 0; i < 30; i++) attacker.push((await loginFrom(server, '127.0.0.4', 'offer', `guess-${i}`)).status);
    expect(attacker.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(new Set(attacker.slice(5))).toEqual(new Set([429]));
    // The attacker's address is held back even with the right password…
    expect((await loginFrom(server, '127.0.0.4', 'offer', PASSWORD)).status).toBe(429);
    // …while the victim, from another address, is not affected at all.
    expect((await loginFrom(server, '127.0.0.5', 'offer', PASSWORD)).status).toBe(303);
  });

  test('sign-in — one address spraying many usernames — the address waits, and a success of its own does not reset the count', async () => {
    k.t.as('journalist', 'egen');
    for (let i = 0; i < 19; i++) expect((await loginFrom(server, '127.0.0.6', `navn${i}`, 'wrong-password')).status).toBe(401);
    expect((await loginFrom(server, '127.0.0.6', 'egen', PASSWORD)).status).toBe(303);
    expect((await loginFrom(server, '127.0.0.6', 'navn-x', 'wrong-password')).status).toBe(401);
    const held = await loginFrom(server, '127.0.0.6', 'egen', PASSWORD);
    expect(held.status).toBe(429);
    expect(alertText(held.text)).toMatch(/Too many failed sign-ins from this address/);
    expect((await loginFrom(server, '127.0.0.7', 'egen', PASSWORD)).status).toBe(303);
  });

  test('sign-in — the refusals in Danish — the same wording for every username', async () => {
    k.t.as('journalist', 'dansk');
    const a = await k.t.anon.post('/login').set('Accept-Language', 'da').type('form').send({ username: 'dansk', password: 'forkert-kode' });
    const b = await k.t.anon.post('/login').set('Accept-Language', 'da').type('form').send({ username: 'findes-ikke', password: 'forkert-kode' });
    expect(alertText(a.text)).toBe('Brugernavnet eller adgangskoden er forkert.');
    expect(alertText(b.text)).toBe(alertText(a.text));
  });
});

describe('auth hardening — CSRF', () => {
  const k = useKilde();

  test('CSRF — a wrong token of the right length, a prefix, a list, and an empty one — all 403', async () => {
    k.t.as('journalist', 'csrf1');
    const { agent, csrf } = await signIn(k.t, 'csrf1');
    const flipped = (csrf[0] === 'A' ? 'B' : 'A') + csrf.slice(1);
    for (const sent of [flipped, csrf.slice(0, -1), `${csrf}x`, '']) {
      expect((await agent.post('/account/tokens').type('form').send({ name: 'x', _csrf: sent })).status).toBe(403);
    }
    expect((await agent.post('/account/tokens').type('form').send(`name=x&_csrf=${encodeURIComponent(csrf)}&_csrf=${encodeURIComponent(csrf)}`)).status).toBe(403);
    expect((await agent.post('/api/tokens').set('X-CSRF-Token', flipped).send({ name: 'x' })).status).toBe(403);
    expect((await agent.post('/api/tokens').set('X-CSRF-Token', csrf).send({ name: 'x' })).status).toBe(201);
  });

  test('CSRF — the token in the query string — no longer accepted, for forms or uploads, and no file is kept', async () => {
    k.t.as('journalist', 'csrf2');
    const { agent, csrf } = await signIn(k.t, 'csrf2');
    const q = `_csrf=${encodeURIComponent(csrf)}`;
    expect((await agent.post(`/account/tokens?${q}`).type('form').send({ name: 'x' })).status).toBe(403);
    const before = filesUnder(k.t.config.uploadsDir).length;
    const docs = k.t.kilde.db.prepare('SELECT COUNT(*) FROM documents').pluck().get();
    const up = await agent.post(`/upload?${q}`).attach('files', Buffer.from('Brev sendt med token i adressen.'), 'q.txt');
    expect(up.status).toBe(403);
    expect(filesUnder(k.t.config.uploadsDir).length).toBe(before);
    expect(k.t.kilde.db.prepare('SELECT COUNT(*) FROM documents').pluck().get()).toBe(docs);
  });

  test('CSRF — an upload form whose token comes after the file — refused before the file is stored', async () => {
    k.t.as('journalist', 'csrf3');
    const { agent, csrf } = await signIn(k.t, 'csrf3');
    const before = filesUnder(k.t.config.uploadsDir).length;
    const late = await agent.post('/upload').attach('files', Buffer.from('Token efter filen.'), 'late.txt').field('_csrf', csrf);
    expect(late.status).toBe(403);
    expect(filesUnder(k.t.config.uploadsDir).length).toBe(before);
    const ok = await agent.post('/upload').field('_csrf', csrf).attach('files', Buffer.from('Token før filen.'), 'early.txt');
    expect(ok.status).toBe(303);
    const id = /\/documents\/([^/?#]+)/.exec(ok.headers.location)?.[1];
    expect(id).toBeTruthy();
    expect((await agent.get(`/api/documents/${id}`)).body.filename).toBe('early.txt');
  });

  test('CSRF — a multipart post to a route that does not read uploads — needs the header', async () => {
    k.t.as('journalist', 'csrf4');
    const { agent, csrf } = await signIn(k.t, 'csrf4');
    expect((await agent.post('/account/tokens').field('_csrf', csrf).field('name', 'x')).status).toBe(403);
    expect((await agent.post('/requests/calendar/feed/delete').field('_csrf', csrf)).status).toBe(403);
    expect((await agent.post('/requests/calendar/feed/delete').set('X-CSRF-Token', csrf).field('x', 'y')).status).toBe(303);
  });

  test('CSRF — the pages — carry the token only in form fields, never in an address', async () => {
    k.t.as('journalist', 'csrf5');
    const { agent } = await signIn(k.t, 'csrf5');
    const authority = (await k.t.http.post('/api/parties').send({ kind: 'authority', name: 'Styrelsen' })).body.id;
    const req = (await agent.post('/api/requests').set('X-CSRF-Token', /name="_csrf" value="([^"]+)"/.exec((await agent.get('/account')).text)![1]).send({ authorityId: authority, subject: 'Test' })).body.id;
    for (const page of ['/upload', '/account', `/requests/${req}`, '/requests/calendar']) {
      const res = await agent.get(page);
      expect([page, res.status]).toEqual([page, 200]);
      expect([page, /(action|href)="[^"]*_csrf=/.test(res.text)]).toEqual([page, false]);
    }
    // The upload form sends the token first, so it is read before any file.
    expect((await agent.get('/upload')).text).toMatch(/<form class="upload-form"[^>]*>\s*<input type="hidden" name="_csrf"/);
  });
});

describe('auth hardening — a password change', () => {
  const k = useKilde();

  test('password change — ends the other sessions and, by default, the API tokens — and says so', async () => {
    const u = k.t.as('journalist', 'skift1');
    const here = await signIn(k.t, 'skift1');
    const elsewhere = await signIn(k.t, 'skift1');
    expect((await u.http.get('/api/me')).status).toBe(200);
    // The alerts feed's secret address is a credential as well: it goes with the tokens.
    const feed = (await u.http.post('/api/alerts/feed').expect(201)).body.path as string;
    expect((await k.t.anon.get(feed)).status).toBe(200);
    const res = await here.agent.post('/account/password').type('form').send({ _csrf: here.csrf, current: PASSWORD, next: 'a brand new passphrase', revokeTokens: 'on' });
    expect(res.status).toBe(200);
    expect(res.text).toContain('Other sessions signed out: 1.');
    expect(res.text).toContain('API tokens revoked: 1.');
    expect((await here.agent.get('/api/me')).status).toBe(200);
    expect((await elsewhere.agent.get('/api/me')).status).toBe(401);
    expect((await u.http.get('/api/me')).status).toBe(401);
    expect((await k.t.anon.get(feed)).status).toBe(404);
    expect((await k.t.anon.post('/login').type('form').send({ username: 'skift1', password: PASSWORD })).status).toBe(401);
    expect((await k.t.anon.post('/login').type('form').send({ username: 'skift1', password: 'a brand new passphrase' })).status).toBe(303);
    const audit = k.t.kilde.db.prepare("SELECT summary FROM audit_log WHERE entity_id = ? AND summary LIKE 'password changed%'").pluck().get(u.userId);
    expect(audit).toBe('password changed; 1 other session(s) signed out, 1 API token(s) revoked');
  });

  test('password change — the box unticked — keeps the tokens, still ends the other sessions, in Danish too', async () => {
    const u = k.t.as('journalist', 'skift2');
    const here = await signIn(k.t, 'skift2');
    const elsewhere = await signIn(k.t, 'skift2');
    const res = await here.agent.post('/account/password?lang=da').type('form').send({ _csrf: here.csrf, current: PASSWORD, next: 'en helt ny adgangskode' });
    expect(res.status).toBe(200);
    expect(res.text).toContain('Andre sessioner logget ud: 1.');
    expect(res.text).toContain('API-nøgler, der stadig virker: 1.');
    expect((await elsewhere.agent.get('/api/me')).status).toBe(401);
    expect((await u.http.get('/api/me')).status).toBe(200);
  });

  test('password change — the account page — offers revoking the tokens, ticked', async () => {
    k.t.as('journalist', 'skift3');
    const here = await signIn(k.t, 'skift3');
    const page = (await here.agent.get('/account')).text;
    expect(page).toMatch(/<input type="checkbox" name="revokeTokens" value="on" checked>/);
    expect(page).toContain('signs you out in all your other browsers');
  });

  test('password change — asked for JSON — answers with the counts', async () => {
    k.t.as('journalist', 'skift4');
    const here = await signIn(k.t, 'skift4');
    await signIn(k.t, 'skift4');
    const res = await here.agent.post('/account/password').set('Accept', 'application/json').set('X-CSRF-Token', here.csrf)
      .send({ current: PASSWORD, next: 'json passphrase ok', revokeTokens: true });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ sessionsEnded: 1, tokensRevoked: 1, tokensKept: 0 });
  });

  test('password change — a wrong current password — 400 and nothing ends', async () => {
    const u = k.t.as('journalist', 'skift5');
    const here = await signIn(k.t, 'skift5');
    const elsewhere = await signIn(k.t, 'skift5');
    const res = await here.agent.post('/account/password').type('form').send({ _csrf: here.csrf, current: 'not the password', next: 'another passphrase', revokeTokens: 'on' });
    expect(res.status).toBe(400);
    expect((await elsewhere.agent.get('/api/me')).status).toBe(200);
    expect((await u.http.get('/api/me')).status).toBe(200);
  });
});

describe('auth hardening — the calendar feed address', () => {
  describe('without KILDE_PUBLIC_URL', () => {
    const k = useKilde();

    test('calendar — a forged Host header — appears nowhere; the address is a same-origin path', async () => {
      const created = await k.t.http.post('/api/calendar/feed').set('Host', 'evil.example').set('X-Forwarded-Host', 'evil.example');
      expect(created.status).toBe(201);
      expect(created.body.url).toMatch(/^\/calendar\/[A-Za-z0-9_-]{43}\.ics$/);
      expect(created.body.path).toBe(created.body.url);
      const page = await k.t.http.post('/requests/calendar/feed').set('Host', 'evil.example');
      expect(page.status).toBe(200);
      expect(page.text).not.toContain('evil.example');
      // Making a new address on the page replaced the one made through the API.
      const path = /<a id="feed-url" href="(\/calendar\/[A-Za-z0-9_-]{43}\.ics)"/.exec(page.text)?.[1];
      expect(path).toBeTruthy();
      expect((await k.t.anon.get(created.body.path)).status).toBe(404);
      const authority = (await k.t.http.post('/api/parties').send({ kind: 'authority', name: 'Styrelsen' })).body.id;
      const today = new Date().toISOString().slice(0, 10);
      expect((await k.t.http.post('/api/requests').send({ authorityId: authority, subject: 'Frister', sentDate: today, status: 'sent' })).status).toBe(201);
      const ics = await k.t.anon.get(path!).set('Host', 'evil.example');
      expect(ics.status).toBe(200);
      expect(ics.text).toContain('BEGIN:VEVENT');
      expect(ics.text).not.toContain('evil.example');
      expect(ics.text).not.toMatch(/^URL:/m);
    });
  });

  describe('with KILDE_PUBLIC_URL', () => {
    const k = useKilde({ KILDE_PUBLIC_URL: 'https://kilde.example.dk/' });

    test('calendar — the configured address — in the feed URL and every entry, whatever the Host header says', async () => {
      const created = await k.t.http.post('/api/calendar/feed').set('Host', 'evil.example');
      expect(created.body.url).toMatch(/^https:\/\/kilde\.example\.dk\/calendar\/[A-Za-z0-9_-]{43}\.ics$/);
      const page = await k.t.http.post('/requests/calendar/feed').set('Host', 'evil.example');
      expect(page.text).toMatch(/value="https:\/\/kilde\.example\.dk\/calendar\/[A-Za-z0-9_-]{43}\.ics"/);
      const authority = (await k.t.http.post('/api/parties').send({ kind: 'authority', name: 'Styrelsen' })).body.id;
      const today = new Date().toISOString().slice(0, 10);
      const req = (await k.t.http.post('/api/requests').send({ authorityId: authority, subject: 'Frister', sentDate: today, status: 'sent' })).body.id;
      const ics = await k.t.http.get('/requests/calendar.ics').set('Host', 'evil.example');
      expect(ics.text).toContain(`URL:https://kilde.example.dk/requests/${req}`);
      expect(ics.text).not.toContain('evil.example');
    });
  });

  test('config — KILDE_PUBLIC_URL that is not an http(s) address — refused at start, by name', () => {
    expect(() => loadConfig({ KILDE_PUBLIC_URL: 'javascript:alert(1)' })).toThrow(/KILDE_PUBLIC_URL/);
    expect(() => loadConfig({ KILDE_PUBLIC_URL: 'https://kilde.example.dk/?x=1' })).toThrow(/KILDE_PUBLIC_URL/);
    expect(loadConfig({ KILDE_PUBLIC_URL: 'https://kilde.example.dk/arkiv/' }).publicUrl).toBe('https://kilde.example.dk/arkiv');
    expect(loadConfig({}).publicUrl).toBeNull();
  });
});

describe('auth hardening — the audit entry of an access change', () => {
  const k = useKilde();

  test('access — restricted to one user, then to another — "before" names the first, "after" the second', async () => {
    const anna = k.t.as('journalist', 'anna');
    const bo = k.t.as('journalist', 'bo');
    const admin = k.t.kilde.auth.byUsername('testadmin')!.id;
    const up = await k.t.http.post('/api/documents').attach('file', Buffer.from('Et kildebrev.'), 'kilde.txt');
    await waitForStatus(k.t, up.body.id);
    expect((await k.t.http.put(`/api/documents/${up.body.id}/access`).send({ level: 'restricted', users: [anna.userId] })).status).toBe(200);
    expect((await k.t.http.put(`/api/documents/${up.body.id}/access`).send({ level: 'restricted', users: [bo.userId] })).status).toBe(200);
    const rows = k.t.kilde.db.prepare("SELECT before_json AS before, after_json AS after FROM audit_log WHERE entity_id = ? AND action = 'access' ORDER BY id").all(up.body.id) as Array<{ before: string; after: string }>;
    const users = (json: string) => [...(JSON.parse(json) as { users: string[] }).users].sort();
    expect(rows).toHaveLength(2);
    expect(users(rows[0].before)).toEqual([]);
    expect(users(rows[0].after)).toEqual([admin, anna.userId].sort());
    expect(users(rows[1].before)).toEqual([admin, anna.userId].sort());
    expect(users(rows[1].after)).toEqual([admin, bo.userId].sort());
  });
});
