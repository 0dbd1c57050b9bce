import path from 'node:path';
import ejs from 'ejs';
import { removeDir, startTestKilde, testClock, type TestKilde } from '../helpers/kilde';
import { makePdf } from '../helpers/pdf';
import { buildParty, buildStory } from '../builders';

/**
 * What a journalist sees on a fixed day — Wednesday 11 July 2018 (the week ends Sunday the 15th):
 * the overview buckets, the deadline states, an authority's record, the calendar feeds, the
 * letters, the calculator and the pages, with hostile text escaped everywhere.
 */
const NOW = '2018-07-11T10:00:00Z';
const party = (t: TestKilde, name: string) => buildParty(t.kilde.db, { name, createdAt: NOW }).id;
const story = (t: TestKilde, title: string) => buildStory(t.kilde.db, { title, createdAt: NOW }).id;
const HOSTILE = `<script>alert("x")</script> "quoted" & 'single', ; \\ {{signature}}`;

/** Unfolds an iCalendar text into its events (a short reader; the unit tests check the format itself). */
function icsEvents(text: string): Array<Record<string, string>> {
  expect(text.endsWith('\r\n')).toBe(true);
  expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  const lines = text.slice(0, -2).split('\r\n');
  for (const l of lines) expect(Buffer.byteLength(l)).toBeLessThanOrEqual(75);
  const logical = lines.reduce<string[]>((acc, l) => (l.startsWith(' ') ? (acc[acc.length - 1] += l.slice(1), acc) : (acc.push(l), acc)), []);
  expect(logical[0]).toBe('BEGIN:VCALENDAR');
  expect(logical[logical.length - 1]).toBe('END:VCALENDAR');
  const events: Array<Record<string, string>> = [];
  let current: Record<string, string> | null = null;
  for (const l of logical) {
    if (l === 'BEGIN:VEVENT') current = {};
    else if (l === 'END:VEVENT') { events.push(current!); current = null; }
    else if (current) {
      const i = l.indexOf(':');
      current[l.slice(0, i)] = l.slice(i + 1).replace(/\\([\\;,nN])/g, (_m, c: string) => (c === 'n' || c === 'N' ? '\n' : c));
    }
  }
  for (const e of events) for (const p of ['UID', 'DTSTAMP', 'DTSTART;VALUE=DATE', 'DTEND;VALUE=DATE', 'SUMMARY']) expect(e[p]).toBeDefined();
  return events;
}

describe('FOI requests — overview, deadlines, record, calendar, letters, pages', () => {
  let t: TestKilde;
  let star: string;
  let nav: string;
  let kommune: string;
  let skyen: string;
  const ids: Record<string, string> = {};

  async function file(name: string, body: Record<string, unknown>, steps: Array<[string, string]> = []): Promise<string> {
    const res = await t.http.post('/api/requests').send({ authorityId: star, subject: `Anmodning ${name}`, ...body });
    expect(res.status).toBe(201);
    for (const [status, date] of steps) {
      const s = await t.http.post(`/api/requests/${res.body.id}/status`).send({ status, date });
      expect([name, status, s.status, s.body.error]).toEqual([name, status, 200, undefined]);
    }
    ids[name] = res.body.id;
    return res.body.id;
  }

  beforeAll(async () => {
    t = await startTestKilde({}, { clock: testClock(NOW) });
    star = party(t, 'Styrelsen for Arbejdsmarked og Rekruttering');
    nav = party(t, 'NAV');
    kommune = party(t, HOSTILE);
    skyen = story(t, 'Skyen');
    await file('A', { sentDate: '2018-06-27', receivedDate: '2018-06-28', storyId: skyen });
    await file('B', { sentDate: '2018-07-03', storyId: skyen });
    await file('H', { sentDate: '2018-07-10' });
    await file('X', { sentDate: '2018-06-20', receivedDate: '2018-06-20' }, [['extended', '2018-06-25']]);
    await file('C', { sentDate: '2018-06-01' }, [['refused', '2018-06-20'], ['appealed', '2018-06-25']]);
    await file('D', { sentDate: '2018-06-01' }, [['refused', '2018-07-10']]);
    await file('F', {});
    await file('G', { sentDate: '2018-06-01' }, [['granted', '2018-06-15']]);
    await file('E', { authorityId: nav, jurisdiction: 'NO', sentDate: '2018-06-11' }, [['refused', '2018-06-22']]);
    await file('E2', { authorityId: nav, jurisdiction: 'NO', sentDate: '2018-05-14' }, [['refused', '2018-06-01']]);
    // The authority record's fixture.
    await file('R1', { authorityId: kommune, sentDate: '2018-06-28', receivedDate: '2018-06-28' }, [['granted', '2018-07-05']]);
    await file('R2', { authorityId: kommune, sentDate: '2018-06-01', receivedDate: '2018-06-01' }, [['refused', '2018-06-20']]);
    await file('R3', { authorityId: kommune, sentDate: '2018-06-28', subject: HOSTILE });
    await file('R4', { authorityId: kommune });
  });
  afterAll(async () => {
    await t.stop();
    removeDir(t.dir);
  });

  const subjectsOf = (groups: Array<{ requests: Array<{ id: string }> }>) =>
    groups.flatMap((g) => g.requests.map((r) => Object.keys(ids).find((k) => ids[k] === r.id)));

  describe('overview', () => {
    test('overview — a fixed Wednesday — puts each request in the right bucket, most urgent first', async () => {
      const res = await t.http.get('/api/requests/overview').query({ authority: star });
      expect(res.status).toBe(200);
      expect(res.body.today).toBe('2018-07-11');
      const b = res.body.buckets;
      expect(subjectsOf(b.overdue)).toEqual(['A', 'X']);
      expect(subjectsOf(b.due_this_week)).toEqual(['B']);
      expect(subjectsOf(b.awaiting_appeal)).toEqual(['C']);
      expect(subjectsOf(b.appealable)).toEqual(['D']);
      expect(subjectsOf(b.open)).toEqual(['H']);
      expect(subjectsOf(b.draft)).toEqual(['F']);
      expect(subjectsOf(b.closed)).toEqual(['G']);
      expect(res.body.counts).toEqual({ overdue: 2, due_this_week: 1, awaiting_appeal: 1, appealable: 1, open: 1, draft: 1, closed: 1 });
      expect(b.overdue[0].requests[0].deadline).toMatchObject({ key: 'response', date: '2018-07-09', state: 'overdue', daysLeft: -2 });
      // Extended in Denmark: the answer is due at the outer limit of a justified delay, 14 working days.
      expect(b.overdue[0].requests[1].deadline).toMatchObject({ key: 'overrun_special', date: '2018-07-10' });
      expect(b.due_this_week[0].requests[0].deadline).toMatchObject({ key: 'response', date: '2018-07-12', daysLeft: 1 });
    });

    test('overview — our own appeal deadline this week — counts as due this week; a lapsed one is closed', async () => {
      const res = await t.http.get('/api/requests/overview').query({ authority: nav });
      expect(subjectsOf(res.body.buckets.due_this_week)).toEqual(['E']);
      expect(res.body.buckets.due_this_week[0].requests[0].deadline).toMatchObject({ key: 'appeal', date: '2018-07-13' });
      expect(subjectsOf(res.body.buckets.closed)).toEqual(['E2']);
    });

    test('overview — grouped by story and filtered by it', async () => {
      const grouped = await t.http.get('/api/requests/overview').query({ authority: star, groupBy: 'story' });
      expect(grouped.body.buckets.overdue.map((g: { label: string }) => g.label)).toEqual(['Skyen', '—']);
      const filtered = await t.http.get('/api/requests/overview').query({ story: skyen });
      expect(filtered.body.counts).toMatchObject({ overdue: 1, due_this_week: 1, open: 0 });
      const byAuthority = await t.http.get('/api/requests/overview').query({ groupBy: 'authority' });
      expect(byAuthority.body.buckets.due_this_week.map((g: { key: string }) => g.key).sort()).toEqual([nav, star].sort());
    });

    test('overview page — shows the buckets with the requests in them, escaped', async () => {
      const res = await t.http.get('/requests');
      expect(res.status).toBe(200);
      const section = (bucket: string) => res.text.split(`data-bucket="${bucket}"`)[1]?.split('</section>')[0] ?? '';
      expect(section('overdue')).toContain(`/requests/${ids.A}`);
      expect(section('overdue')).toContain(`/requests/${ids.R3}`);
      expect(section('due_this_week')).toContain(`/requests/${ids.B}`);
      expect(section('awaiting_appeal')).toContain(`/requests/${ids.C}`);
      expect(res.text).not.toContain('<script>alert("x")</script>');
      expect(res.text).toContain('&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;');
      const grouped = await t.http.get('/requests').query({ groupBy: 'authority', story: skyen, mine: '1' });
      expect(grouped.status).toBe(200);
      expect(grouped.text).toContain('req-group');
    });
  });

  describe('deadlines on the request', () => {
    test('request — received 28 June, nothing since — the rule, its source and the state of each deadline', async () => {
      const res = await t.http.get(`/api/requests/${ids.A}`);
      const d = res.body.deadlines;
      expect(d.start).toBe('2018-06-28');
      expect(d.deadlines.map((x: { key: string; date: string; state: string }) => [x.key, x.date, x.state])).toEqual([
        ['target_simple', '2018-07-02', 'overdue'],
        ['response', '2018-07-09', 'overdue'],
        ['delay_complaint', '2018-07-18', 'due'],
      ]);
      expect(d.deadlines[1]).toMatchObject({ rule: '7 working days from receipt, Thursday 28 June 2018 (offentlighedsloven § 36, stk. 2)', binding: 'statutory', group: 'response', daysLeft: -2 });
      expect(d.deadlines[1].source).toMatch(/^https:\/\//);
    });

    test('request — answered on time / late / after an extension notice — met, late, met by the notice', async () => {
      const r1 = (await t.http.get(`/api/requests/${ids.R1}/deadlines`)).body;
      expect(r1.deadlines.find((x: { key: string }) => x.key === 'response')).toMatchObject({ state: 'met', metOn: '2018-07-05' });
      const r2 = (await t.http.get(`/api/requests/${ids.R2}/deadlines`)).body;
      // Received Friday 1 June 2018; Constitution Day (5 June) is closed, so the 7th working day is 13 June.
      expect(r2.deadlines.find((x: { key: string }) => x.key === 'response')).toMatchObject({ date: '2018-06-13', state: 'late', metOn: '2018-06-20' });
      const x = (await t.http.get(`/api/requests/${ids.X}/deadlines`)).body;
      expect(x.deadlines.find((d: { key: string }) => d.key === 'response')).toMatchObject({ state: 'met', metOn: '2018-06-25' });
      expect(x.answerDue).toEqual({ key: 'overrun_special', date: '2018-07-10', state: 'overdue' });
    });

    test('request — granted — has no appeal deadlines; refused in Norway — the appeal runs from the decision', async () => {
      const g = (await t.http.get(`/api/requests/${ids.G}/deadlines`)).body;
      expect(g.deadlines.some((d: { group: string }) => d.group === 'appeal')).toBe(false);
      const e = (await t.http.get(`/api/requests/${ids.E}/deadlines`)).body;
      expect(e.appealDue).toEqual({ key: 'appeal', date: '2018-07-13', state: 'due' });
    });

    test('request page — lists the deadlines with their rule and state', async () => {
      const res = await t.http.get(`/requests/${ids.A}`);
      expect(res.status).toBe(200);
      expect(res.text).toMatch(/data-deadline="response" data-state="overdue"/);
      expect(res.text).toMatch(/data-deadline="delay_complaint" data-state="due"/);
      expect(res.text).toContain('7 working days from receipt, Thursday 28 June 2018 (offentlighedsloven § 36, stk. 2)');
      // In Danish the sentence is Danish, and not marked as English; the API carries both.
      const da = await t.http.get(`/requests/${ids.A}`).set('Cookie', 'kilde_lang=da');
      expect(da.text).toContain('<td class="req-rule">7 arbejdsdage fra modtagelsen, torsdag den 28. juni 2018 (offentlighedsloven § 36, stk. 2)');
      expect(da.text).not.toContain('7 working days from receipt');
      // The assumptions and the notes under the table too: Danish, not marked English (DK's rules file words them in Danish).
      expect(da.text).toContain('<p class="hint">Klagefristerne vises, når du indtaster datoen for afgørelsen.</p>');
      expect(da.text).toMatch(/<li>Myndigheden skal træffe afgørelse snarest muligt; 7 arbejdsdage er den yderste grænse/);
      expect(da.text).not.toContain('Appeal deadlines appear once');
      expect(da.text).not.toMatch(/<(li|p class="hint")[^>]*lang="en"[^>]*>[^<]*(snarest|Appeal)/);
      const api = (await t.http.get(`/api/requests/${ids.A}/deadlines`)).body;
      expect(api.deadlines.find((d: { key: string }) => d.key === 'response').ruleDa).toMatch(/^7 arbejdsdage fra modtagelsen/);
      expect(api.assumptionsDa).toHaveLength(api.assumptions.length);
      expect(api.notesDa).toContainEqual(expect.stringMatching(/^Myndigheden skal træffe afgørelse snarest muligt/));
    });
  });

  describe('authority record', () => {
    test('record — two answered (one late), one overdue, one draft — the figures a newsroom quotes', async () => {
      const res = await t.http.get(`/api/parties/${kommune}/foi-record`);
      expect(res.status).toBe(200);
      expect(res.body.asOf).toBe('2018-07-11');
      expect(res.body.authority).toMatchObject({ id: kommune, name: HOSTILE });
      expect(res.body.figures).toEqual({
        sent: 3, open: 1, answered: 2, overdueOpen: 1, answeredOnTime: 1, onTimeShare: 1 / 3,
        medianDaysToAnswer: 13, medianWorkingDaysToAnswer: 8.5,
        granted: 1, partlyGranted: 0, refused: 1, noDocuments: 0, refusalShare: 0.5, appealed: 0,
      });
      const byId = Object.fromEntries(res.body.requests.map((r: { id: string }) => [r.id, r]));
      expect(byId[ids.R1]).toMatchObject({ answeredOn: '2018-07-05', daysToAnswer: 7, workingDaysToAnswer: 5, onTime: true, outcome: 'granted' });
      expect(byId[ids.R2]).toMatchObject({ answerDue: '2018-06-13', daysToAnswer: 19, workingDaysToAnswer: 12, onTime: false, outcome: 'refused' });
      expect(byId[ids.R3]).toMatchObject({ answeredOn: null, onTime: false });
      expect(byId[ids.R4]).toBeUndefined();
    });

    test('record — an authority with nothing sent — zero figures, no division by zero', async () => {
      const res = await t.http.get(`/api/parties/${party(t, 'Tom myndighed')}/foi-record`);
      expect(res.body.figures).toMatchObject({ sent: 0, onTimeShare: null, medianDaysToAnswer: null, refusalShare: null });
    });

    test('record partial — renders the figures and escapes the authority and subjects', async () => {
      const record = (await t.http.get(`/api/parties/${kommune}/foi-record`)).body;
      const html = await ejs.renderFile(path.join(__dirname, '../../views/requests/authority-record.ejs'), {
        foiRecordData: record, t: (k: string) => k, formatDate: (d: string) => d,
      });
      expect(html).toContain('data-figure="median">13 requests.days');
      expect(html).toContain('33 %');
      expect(html).not.toContain('<script>alert');
      expect(html).toContain('&lt;script&gt;');
      // The view computes nothing: given only a party id and a helper that would compute the record, it shows none.
      const viaHelper = await ejs.renderFile(path.join(__dirname, '../../views/requests/authority-record.ejs'), {
        partyId: kommune, foiRecord: () => record, t: (k: string) => k, formatDate: (d: string) => d,
      });
      expect(viaHelper).not.toContain('data-party-id');
    });
  });

  describe('calendar', () => {
    test('calendar.ics — the signed-in user’s open requests — valid iCalendar with the right all-day dates', async () => {
      const res = await t.http.get('/requests/calendar.ics');
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/calendar; charset=utf-8/);
      const events = icsEvents(res.text);
      const byUid = Object.fromEntries(events.map((e) => [e.UID, e]));
      expect(byUid[`${ids.A}.response@kilde`]).toMatchObject({ 'DTSTART;VALUE=DATE': '20180709', 'DTEND;VALUE=DATE': '20180710', DTSTAMP: '20180711T100000Z' });
      expect(byUid[`${ids.A}.delay_complaint@kilde`]['DTSTART;VALUE=DATE']).toBe('20180718');
      expect(byUid[`${ids.B}.response@kilde`]['DTSTART;VALUE=DATE']).toBe('20180712');
      expect(byUid[`${ids.X}.overrun_special@kilde`]['DTSTART;VALUE=DATE']).toBe('20180710');
      expect(byUid[`${ids.E}.appeal@kilde`]['DTSTART;VALUE=DATE']).toBe('20180713');
      // Guidance targets, met deadlines, lapsed appeals, closed and draft requests stay out.
      expect(byUid[`${ids.A}.target_simple@kilde`]).toBeUndefined();
      expect(byUid[`${ids.X}.response@kilde`]).toBeUndefined();
      for (const k of ['C', 'F', 'G', 'E2', 'R1', 'R4']) expect(events.filter((e) => e.UID.startsWith(ids[k]))).toEqual([]);
      // Refused in Denmark: no deadline for the first appeal, but the Ombudsman's year (if final) is one.
      expect(events.filter((e) => e.UID.startsWith(ids.D)).map((e) => [e.UID, e['DTSTART;VALUE=DATE']])).toEqual([[`${ids.D}.ombudsman_complaint@kilde`, '20190710']]);
      // The hostile subject reads back exactly after escaping and folding.
      expect(byUid[`${ids.R3}.response@kilde`].SUMMARY).toContain(HOSTILE);
      // Each entry says how its date was counted, in the feed's language.
      const entry = async (lang: string) => Object.fromEntries(icsEvents((await t.http.get(`/requests/calendar.ics?lang=${lang}`)).text).map((e) => [e.UID, e]))[`${ids.A}.response@kilde`]!.DESCRIPTION;
      expect(await entry('da')).toContain('\n7 arbejdsdage fra modtagelsen, torsdag den 28. juni 2018 (offentlighedsloven § 36, stk. 2)\n');
      expect(await entry('en')).toContain('\n7 working days from receipt, Thursday 28 June 2018 (offentlighedsloven § 36, stk. 2)\n');
    });

    test('calendar.ics — another user — sees none of these deadlines', async () => {
      const journalist = t.as('journalist');
      expect(icsEvents((await journalist.http.get('/requests/calendar.ics')).text)).toEqual([]);
    });

    test('secret feed — created once, works without sign-in, replaced or revoked — then 404', async () => {
      expect((await t.http.get('/api/calendar/feed')).body.exists).toBe(false);
      const created = await t.http.post('/api/calendar/feed');
      expect(created.status).toBe(201);
      const url = new URL(created.body.url, 'http://kilde.test'); // a path unless KILDE_PUBLIC_URL is set
      expect(url.pathname).toMatch(/^\/calendar\/[A-Za-z0-9_-]{43}\.ics$/);
      const token = url.pathname.slice('/calendar/'.length, -'.ics'.length);
      expect(t.kilde.db.prepare('SELECT COUNT(*) FROM calendar_feeds WHERE token_hash = ?').pluck().get(token)).toBe(0);
      const feed = await t.anon.get(url.pathname);
      expect(feed.status).toBe(200);
      expect(icsEvents(feed.text).length).toBe(icsEvents((await t.http.get('/requests/calendar.ics')).text).length);
      expect((await t.http.get('/api/calendar/feed')).body).toMatchObject({ exists: true, lastUsedAt: expect.any(String) });
      const replaced = await t.http.post('/api/calendar/feed');
      expect((await t.anon.get(url.pathname)).status).toBe(404);
      const second = replaced.body.path;
      expect((await t.anon.get(second)).status).toBe(200);
      expect((await t.http.delete('/api/calendar/feed')).status).toBe(204);
      expect((await t.anon.get(second)).status).toBe(404);
    });

    test('calendar page — making a secret address shows it once', async () => {
      expect((await t.http.get('/requests/calendar')).status).toBe(200);
      const res = await t.http.post('/requests/calendar/feed');
      expect(res.status).toBe(200);
      expect(res.text).toMatch(/\/calendar\/[A-Za-z0-9_-]{43}\.ics/);
      expect((await t.http.get('/requests/calendar')).text).not.toMatch(/\/calendar\/[A-Za-z0-9_-]{43}\.ics/);
    });
  });

  describe('letters', () => {
    test('reminder — Danish by default for Denmark — the 7 working-day rule and the dates', async () => {
      const res = await t.http.get(`/api/requests/${ids.A}/letters/reminder`);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ kind: 'reminder', lang: 'da', template: 'shipped' });
      expect(res.body.body).toContain('offentlighedsloven § 36, stk. 2, skal en anmodning om aktindsigt færdigbehandles hurtigst muligt og senest 7 arbejdsdage');
      expect(res.body.body).toContain('I modtog anmodningen den 28. juni 2018, så fristen udløb den 9. juli 2018.');
      const en = await t.http.get(`/api/requests/${ids.A}/letters/reminder?lang=en`);
      expect(en.body.body).toContain('so the deadline was 9 July 2018');
    });

    test('templates — the newsroom’s wording is used until reset', async () => {
      const put = await t.http.put('/api/foi/letter-templates/request/da').send({ body: 'Aktindsigt: {{subject}}\n\nKære {{authority}}, jf. {{responseCitation}}.\n' });
      expect(put.status).toBe(200);
      const letter = await t.http.get(`/api/requests/${ids.A}/letters/request`);
      expect(letter.body).toMatchObject({ template: 'newsroom', subject: 'Aktindsigt: Anmodning A', body: 'Kære Styrelsen for Arbejdsmarked og Rekruttering, jf. offentlighedsloven § 36, stk. 2.\n' });
      const list = await t.http.get('/api/foi/letter-templates');
      expect(list.body.templates.find((x: { kind: string; lang: string }) => x.kind === 'request' && x.lang === 'da').source).toBe('newsroom');
      expect((await t.http.delete('/api/foi/letter-templates/request/da')).status).toBe(204);
      expect((await t.http.get(`/api/requests/${ids.A}/letters/request`)).body.template).toBe('shipped');
    });

    test('letter page — the filled text in a textarea, escaped', async () => {
      const res = await t.http.get(`/requests/${ids.R3}/letters/request?letter=en`);
      expect(res.status).toBe(200);
      expect(res.text).toContain('<textarea id="letter-body"');
      expect(res.text).toContain('Under the Danish Access to Public Administration Files Act (offentlighedsloven)');
      expect(res.text).not.toContain('<script>alert');
      expect(res.text).toContain('&lt;script&gt;alert');
    });
  });

  describe('calculator', () => {
    test('calculator — DK, sent 28 June 2018 — each deadline with name, date, rule and source', async () => {
      const res = await t.http.get('/api/foi/deadlines?jurisdiction=DK&sent=2018-06-28');
      expect(res.status).toBe(200);
      expect(res.body.jurisdiction.code).toBe('DK');
      expect(res.body.deadlines.find((d: { key: string }) => d.key === 'response')).toEqual({
        key: 'response', name: expect.any(String), nameDa: expect.any(String), date: '2018-07-09',
        rule: expect.stringContaining('offentlighedsloven § 36, stk. 2'), ruleDa: expect.stringMatching(/^7 arbejdsdage fra modtagelsen, torsdag den 28\. juni 2018 .*anmodningen blev sendt$/),
        source: expect.stringMatching(/^https:/), basis: 'sent', binding: 'statutory',
        from: { date: '2018-06-28', what: 'receipt', whatDa: 'modtagelsen' }, group: 'response', stage: null, awaits: 'answer', confidence: 'confirmed',
      });
      const withDecision = await t.http.get('/api/foi/deadlines').query({ jurisdiction: 'uk', sent: '2026-10-12', decided: '2026-11-09', extended: '1' });
      expect(withDecision.body.deadlines.map((d: { key: string }) => d.key)).toEqual(expect.arrayContaining(['response', 'extended_response', 'internal_review_request']));
      const jurisdictions = await t.http.get('/api/foi/jurisdictions');
      expect(jurisdictions.body.jurisdictions[0]).toMatchObject({ code: 'DK', isDefault: true });
    });

    test('calculator page — computes, and shows a bad date as a message on the page', async () => {
      const ok = await t.http.get('/foi/deadlines?jurisdiction=DK&sent=2018-06-28&received=2018-06-28');
      expect(ok.status).toBe(200);
      expect(ok.text).toContain('data-deadline="response"');
      const da = await t.as('journalist', 'dansk').http.get('/foi/deadlines?jurisdiction=DK&sent=2018-06-28&received=2018-06-28&lang=da'); // an agent of its own: the choice sticks as a cookie
      expect(da.text).toContain('<td class="req-rule">7 arbejdsdage fra modtagelsen, torsdag den 28. juni 2018');
      expect(da.text).toContain('<p class="hint">Klagefristerne vises, når du indtaster datoen for afgørelsen.</p>');
      expect(da.text).toMatch(/<li>Hvis myndigheden har brug for mere tid: Der er ingen egentlig fristforlængelse\./);
      // A law whose rules file is English only: its notes stay English, each marked so, on the Danish page.
      const uk = await t.as('journalist', 'dansk').http.get('/foi/deadlines?jurisdiction=UK&sent=2026-03-02&received=2026-03-02&lang=da');
      expect(uk.text).toMatch(/<li lang="en">If the authority needs more time: /);
      expect(uk.text).toContain('<p class="hint">Klagefristerne vises, når du indtaster datoen for afgørelsen.</p>');
      // The heading names the jurisdiction as the picker does; the EU's institutions by their Danish names.
      expect(uk.text).toMatch(/<h2>Storbritannien — Freedom of Information Act 2000 /);
      const eu = await t.as('journalist', 'dansk').http.get('/foi/deadlines?jurisdiction=EU&region=COM&sent=2026-03-02&lang=da');
      expect(eu.text).toContain('<option value="COM" selected>Europa-Kommissionen (COM)</option>');
      expect(eu.text).not.toContain('European Commission');
      // An unknown jurisdiction: the choices named by their laws, in a Danish sentence.
      const unknown = await t.as('journalist', 'dansk').http.get('/foi/deadlines?jurisdiction=XX&sent=2026-03-02&lang=da');
      expect(unknown.status).toBe(400);
      expect(unknown.text).toMatch(/Vi har ingen fristregler for &#34;XX&#34;\. Vælg en af: DK \(Offentlighedsloven\), /);
      const bad = await t.http.get('/foi/deadlines').query({ sent: '<script>alert(1)</script>' });
      expect(bad.status).toBe(400);
      expect(bad.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
      expect(bad.text).not.toContain('<script>alert(1)</script>');
      expect((await t.http.get('/foi/deadlines')).status).toBe(200);
    });
  });

  describe('pages and forms', () => {
    test('pages — every page of the area — renders', async () => {
      for (const url of ['/requests', '/requests/new', `/requests/${ids.A}`, `/requests/${ids.A}/edit`, `/requests/${ids.C}/letters/appeal`, `/requests/${ids.A}/letters/reminder`, '/requests/calendar', '/foi/deadlines', '/foi/letters']) {
        const res = await t.http.get(url);
        expect([url, res.status]).toEqual([url, 200]);
        expect(res.text).toContain('</html>');
      }
    });

    test('form — file a request — redirects to it; a bad date shows the form again with the message and the values, escaped', async () => {
      const ok = await t.http.post('/requests').type('form').send({ authorityId: star, subject: 'Via formularen', sentDate: '2018-07-09', channel: 'digital_post', storyId: '' });
      expect(ok.status).toBe(303);
      expect(ok.headers.location).toMatch(/^\/requests\/req_/);
      const bad = await t.http.post('/requests').type('form').send({ authorityId: star, subject: HOSTILE, sentDate: '2018-02-30' });
      expect(bad.status).toBe(400);
      expect(bad.text).toContain('role="alert"');
      expect(bad.text).toContain('sentDate');
      expect(bad.text).toContain('value="&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;');
      expect(bad.text).not.toContain('<script>alert');
      const unknown = await t.http.post('/requests').type('form').send({ authorityId: 'party_nobody', subject: 'x' });
      expect(unknown.status).toBe(404);
    });

    test('forms — status, log with a file, edit, template — redirect back', async () => {
      const id = ids.H;
      const status = await t.http.post(`/requests/${id}/status`).type('form').send({ status: 'acknowledged', date: '2018-07-11', note: HOSTILE });
      expect(status.status).toBe(303);
      const log = await t.http.post(`/requests/${id}/log`).field('kind', 'received').field('summary', HOSTILE).attach('files', await makePdf(['Kvittering.']), 'kvittering.pdf');
      expect(log.status).toBe(303);
      const edit = await t.http.post(`/requests/${id}`).type('form').send({ subject: 'Nyt emne', receivedDate: '2018-07-10' });
      expect(edit.status).toBe(303);
      const badEdit = await t.http.post(`/requests/${id}`).type('form').send({ receivedDate: '2018-07-01' });
      expect(badEdit.status).toBe(400);
      const page = await t.http.get(`/requests/${id}`);
      expect(page.text).not.toContain('<script>alert');
      expect(page.text).toContain('kvittering');
      const template = await t.http.post('/foi/letters/appeal/en').type('form').send({ body: 'Appeal {{subject}}\n\nText' });
      expect(template.status).toBe(303);
      expect((await t.http.post('/foi/letters/appeal/en/reset').type('form').send({})).status).toBe(303);
    });

    test('forms — a signed-in browser without the CSRF token — refused', async () => {
      const res = await t.anon.post('/requests').type('form').send({ authorityId: star, subject: 'x' });
      expect([302, 303, 401, 403]).toContain(res.status);
      expect(res.status).not.toBe(200);
    });
  });
});
