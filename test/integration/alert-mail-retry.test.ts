import type { ParsedMail } from 'mailparser';
import { MAIL_ATTEMPTS } from '../../server/alerts/alerts.service';
import { removeDir, startTestKilde, testClock, waitForStatus, type TestKilde } from '../helpers/kilde';
import { startMailServer, type MailServer } from '../helpers/smtp';

/**
 * Alert e-mail that the mail server refused, or that was still queued when Kilde stopped, goes out
 * later (server/alerts/alerts.service.ts, retryMail: at each alert check and at start) — once, to
 * a reader who may still read what it names, within a day and a few tries. A real SMTP server
 * (smtp-server) refuses with 451 ("try again later") while told to.
 */
describe('alert e-mail — tried again when the mail server refused it', () => {
  let t: TestKilde;
  let smtp: MailServer;
  let env: Record<string, string>;
  let mail: ParsedMail[] = [];
  /** Messages the mail server refuses before it accepts again. */
  let refuse = 0;
  let refused = 0;
  const clock = testClock('2025-05-05T09:00:00.000Z');
  let anna: ReturnType<TestKilde['as']>;
  let n = 0;

  const body = (m: ParsedMail) => `${m.subject}\n${m.text}\n${m.html}`;
  const mailFor = (id: string) => mail.filter((m) => body(m).includes(`/documents/${id}`));

  /** A matching document, indexed; its alert made and its first e-mail tried. */
  async function matching(): Promise<string> {
    const res = await t.http.post('/api/documents').attach('file', Buffer.from(`Havnetunnel notat ${++n}: tidsplanen skrider.`), `tunnel-${n}.txt`);
    expect(res.status).toBe(202);
    await waitForStatus(t, res.body.id);
    await t.kilde.alerts.service.settled();
    return res.body.id as string;
  }

  async function retry(): Promise<number> {
    const queued = t.kilde.alerts.service.retryMail();
    await t.kilde.alerts.service.settled();
    return queued;
  }

  beforeAll(async () => {
    smtp = await startMailServer(() => {
      if (refuse <= 0) return null;
      refuse--;
      refused++;
      return Object.assign(new Error('Mailbox busy, try again later'), { responseCode: 451 });
    });
    mail = smtp.mail;
    env = { KILDE_SMTP_URL: smtp.url, KILDE_MAIL_FROM: 'Kilde <kilde@avis.test>', KILDE_PUBLIC_URL: 'https://kilde.avis.test' };
    t = await startTestKilde(env, { clock });
    anna = t.as('journalist', 'anna');
    expect((await anna.http.put('/api/alerts/settings').send({ email: 'anna@avis.test' })).status).toBe(200);
    expect((await anna.http.post('/api/saved-searches').send({ name: 'Havnetunnel', search: 'q=havnetunnel', alertEmail: true })).status).toBe(201);
    clock.advance(60_000);
  }, 60_000);

  afterAll(async () => {
    await t.stop();
    removeDir(t.dir);
    await smtp.close();
  });

  test('refused twice, then accepted — mailed once, on the third try; the alert was in the bell all along', async () => {
    refuse = 2;
    const id = await matching();
    expect(refused).toBeGreaterThanOrEqual(1);
    expect(mailFor(id)).toHaveLength(0);
    expect((await anna.http.get('/api/alerts')).body.alerts.some((a: { documentId: string | null }) => a.documentId === id)).toBe(true);
    expect(await retry()).toBe(1);
    expect(mailFor(id)).toHaveLength(0); // the second refusal
    expect(await retry()).toBe(1);
    expect(mailFor(id)).toHaveLength(1);
    expect(mailFor(id)[0]!.to).toMatchObject({ text: 'anna@avis.test' });
    // Sent: nothing is due any more, nothing is sent twice.
    expect(await retry()).toBe(0);
    expect(mailFor(id)).toHaveLength(1);
  });

  test(`refused every time — given up after ${MAIL_ATTEMPTS} tries; the alert stays in the bell`, async () => {
    refuse = Number.MAX_SAFE_INTEGER;
    const id = await matching();
    for (let i = 1; i < MAIL_ATTEMPTS; i++) expect(await retry()).toBe(1);
    expect(await retry()).toBe(0);
    refuse = 0;
    expect(await retry()).toBe(0);
    expect(mailFor(id)).toHaveLength(0);
    expect((await anna.http.get('/api/alerts')).body.alerts.some((a: { documentId: string | null }) => a.documentId === id)).toBe(true);
  });

  test('refused, then the document restricted — the retry leaves it out and sends nothing', async () => {
    refuse = 1;
    const id = await matching();
    expect((await t.http.put(`/api/documents/${id}/access`).send({ level: 'restricted', users: [] })).status).toBe(200);
    await t.kilde.indexer.drain();
    expect(await retry()).toBe(1);
    expect(mailFor(id)).toHaveLength(0);
    expect(await retry()).toBe(0);
  });

  test('refused, and a day goes by — old news is not mailed', async () => {
    refuse = 1;
    const id = await matching();
    clock.advance(25 * 3_600_000);
    expect(await retry()).toBe(0);
    expect(mailFor(id)).toHaveLength(0);
  });

  test('still queued when Kilde stopped — sent once when it starts again', async () => {
    // Stopping first: the message is not sent now, its alert stays due in the database.
    await t.kilde.alerts.service.closeMail();
    const id = await matching();
    expect(mailFor(id)).toHaveLength(0);
    await t.stop();
    t = await startTestKilde(env, { dir: t.dir, clock });
    const until = Date.now() + 15_000;
    while (mailFor(id).length === 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
    await t.kilde.alerts.service.settled();
    expect(mailFor(id)).toHaveLength(1);
    expect(await retry()).toBe(0);
  }, 60_000);
});
