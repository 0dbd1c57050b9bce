import request from 'supertest';
import { loadConfig } from '../../server/lib/config';
import { readFixture } from '../helpers/fixtures';
import { removeDir, startTestKilde, waitForStatus, type TestKilde } from '../helpers/kilde';
import { makePdf } from '../helpers/pdf';

/**
 * `/metrics` (Prometheus text format, behind KILDE_METRICS_TOKEN) and `/api/health`, on a real
 * Kilde: the text is read back with a Prometheus text-format parser, and the counters must move
 * when a document is uploaded, extracted (text layer and OCR) and searched.
 */
interface Sample {
  labels?: Record<string, string>;
  value?: string;
}
interface Family {
  name: string;
  type: string;
  metrics: Sample[];
}
const parsePrometheus = require('parse-prometheus-text-format') as (text: string) => Family[];

const TOKEN = 'metrics-token-for-the-test-0123456789';

/**
 * The text parsed twice: as it is (families and types; the parser throws on a malformed line), and
 * with the histograms' TYPE lines left out, so their `_count` and `_sum` series read as plain
 * labelled samples (the parser merges the series of a labelled histogram into one).
 */
function parse(text: string): { families: Family[]; series: Family[] } {
  return { families: parsePrometheus(text), series: parsePrometheus(text.replace(/^# TYPE \S+ histogram\n/gm, '')) };
}
type Scrape = ReturnType<typeof parse>;

/** The sum of the samples of one series matching the labels (a counter, a gauge, a histogram's `_count`); 0 when there is none. */
function sample(scrape: Scrape, name: string, labels: Record<string, string> = {}): number {
  // Without its TYPE line, a histogram's series come as one family per label set, each named alike.
  // A labelled histogram has no series before its first observation: 0 then.
  const families = scrape.series.filter((f) => f.name === name);
  const match = families.flatMap((f) => f.metrics).filter((m) => Object.entries(labels).every(([k, v]) => m.labels?.[k] === v));
  return match.reduce((total, m) => total + Number(m.value ?? 0), 0);
}

describe('metrics — /metrics behind a token, counters that move', () => {
  let t: TestKilde;
  const scrape = async () => {
    const res = await request(t.kilde.app).get('/metrics').set('Authorization', `Bearer ${TOKEN}`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    return parse(res.text);
  };

  beforeAll(async () => {
    t = await startTestKilde({ KILDE_METRICS_TOKEN: TOKEN });
  });
  afterAll(async () => {
    await t.stop();
    removeDir(t.dir);
  });

  test('/metrics — without a token, with a wrong one, or with a user API token — 401; with the metrics token — parses', async () => {
    const anon = await t.anon.get('/metrics');
    expect(anon.status).toBe(401);
    expect(anon.headers['www-authenticate']).toMatch(/^Bearer/);
    expect(anon.text).not.toMatch(/kilde_http_requests_total/);
    expect((await t.anon.get('/metrics').set('Authorization', `Bearer ${TOKEN}x`)).status).toBe(401);
    expect((await t.anon.get('/metrics').set('Authorization', TOKEN)).status).toBe(401);
    const admin = t.as('admin');
    expect((await request(t.kilde.app).get('/metrics').set('Authorization', `Bearer ${admin.token}`)).status).toBe(401);

    const scraped = await scrape();
    const names = scraped.families.map((f) => f.name);
    for (const name of [
      'kilde_http_requests_total', 'kilde_http_request_duration_seconds', 'kilde_jobs', 'kilde_pages_extracted_total',
      'kilde_ocr_seconds', 'kilde_search_outbox_backlog', 'kilde_search_outbox_oldest_age_seconds',
      'kilde_search_duration_seconds', 'kilde_database_bytes', 'kilde_job_duration_seconds',
    ]) expect(names).toContain(name);
    expect(sample(scraped, 'kilde_database_bytes')).toBeGreaterThan(4096);
    expect(scraped.families.find((f) => f.name === 'kilde_http_request_duration_seconds')?.type).toBe('HISTOGRAM');
    expect(scraped.families.find((f) => f.name === 'kilde_http_requests_total')?.type).toBe('COUNTER');
  });

  test('an upload (text PDF and a scan), its extraction and a search — move the counters; routes are patterns, never ids', async () => {
    const before = await scrape();
    const pdf = await t.http.post('/api/documents').attach('file', await makePdf(['Første side om målinger', 'Anden side om målinger']), 'maal.pdf');
    expect(pdf.status).toBe(202);
    const scan = await t.http.post('/api/documents').attach('file', readFixture('images/os2ds-cpr.png'), 'scan.png');
    expect(scan.status).toBe(202);
    await waitForStatus(t, pdf.body.id);
    await waitForStatus(t, scan.body.id, ['ready'], 120_000);
    await t.http.get(`/api/documents/${pdf.body.id}`).expect(200);
    await t.http.get('/api/search').query({ q: 'målinger' }).expect(200);
    const after = await scrape();

    const uploads = { method: 'POST', route: '/api/documents', status: '202' };
    expect(sample(after, 'kilde_http_requests_total', uploads) - sample(before, 'kilde_http_requests_total', uploads)).toBe(2);
    expect(sample(after, 'kilde_http_request_duration_seconds_count', uploads) - sample(before, 'kilde_http_request_duration_seconds_count', uploads)).toBe(2);
    expect(sample(after, 'kilde_http_requests_total', { route: '/api/documents/:id', status: '200' })).toBeGreaterThan(0);
    const routes = new Set(after.series.filter((f) => f.name === 'kilde_http_requests_total').flatMap((f) => f.metrics).map((m) => m.labels!.route));
    expect(routes.size).toBeGreaterThan(2);
    for (const route of routes) expect(route).not.toContain(pdf.body.id);

    expect(sample(after, 'kilde_pages_extracted_total', { method: 'text' }) - sample(before, 'kilde_pages_extracted_total', { method: 'text' })).toBe(2);
    expect(sample(after, 'kilde_pages_extracted_total', { method: 'ocr' }) - sample(before, 'kilde_pages_extracted_total', { method: 'ocr' })).toBe(1);
    expect(sample(after, 'kilde_ocr_seconds_count', { outcome: 'ok' })).toBeGreaterThan(sample(before, 'kilde_ocr_seconds_count', { outcome: 'ok' }));
    expect(sample(after, 'kilde_ocr_seconds_sum', { outcome: 'ok' })).toBeGreaterThan(0);
    expect(sample(after, 'kilde_job_duration_seconds_count', { kind: 'extract', outcome: 'done' }) - sample(before, 'kilde_job_duration_seconds_count', { kind: 'extract', outcome: 'done' })).toBe(2);
    expect(sample(after, 'kilde_search_duration_seconds_count', { engine: 'embedded', outcome: 'ok' })).toBeGreaterThan(sample(before, 'kilde_search_duration_seconds_count', { engine: 'embedded', outcome: 'ok' }));
    expect(sample(after, 'kilde_jobs', { status: 'queued' })).toBe(0);
    expect(sample(after, 'kilde_search_outbox_backlog')).toBe(0);
  });

  test('a queued index change — shows as outbox backlog with its age', async () => {
    t.kilde.db.prepare("INSERT INTO search_outbox (document_id, op, next_attempt_at, created_at) VALUES ('gone', 'delete', '2999-01-01T00:00:00.000Z', ?)").run(new Date(Date.now() - 90_000).toISOString());
    try {
      const scraped = await scrape();
      expect(sample(scraped, 'kilde_search_outbox_backlog')).toBe(1);
      expect(sample(scraped, 'kilde_search_outbox_oldest_age_seconds')).toBeGreaterThanOrEqual(89);
    } finally {
      t.kilde.db.prepare("DELETE FROM search_outbox WHERE document_id = 'gone'").run();
    }
  });

  test('/api/health — public — adds the database, the job queue and free disk space', async () => {
    const res = await t.anon.get('/api/health');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ ok: true, search: { engine: 'embedded', ok: true }, database: { ok: true }, jobs: { queued: 0, running: 0, failed: 0 } });
    expect(res.body.disk.data.freeBytes).toBeGreaterThan(0);
    expect(res.body.disk.uploads.totalBytes).toBeGreaterThanOrEqual(res.body.disk.uploads.freeBytes);
    expect(typeof res.body.disk.data.low).toBe('boolean');
  });
});

describe('metrics — not configured', () => {
  test('without KILDE_METRICS_TOKEN — /metrics is not served: anonymous is refused, a signed-in admin finds nothing', async () => {
    const t = await startTestKilde();
    try {
      expect((await t.anon.get('/metrics').set('Accept', 'application/json')).status).toBe(401);
      const res = await t.http.get('/metrics').set('Accept', 'application/json');
      expect(res.status).toBe(404);
      expect(res.text).not.toMatch(/kilde_/);
    } finally {
      await t.stop();
      removeDir(t.dir);
    }
  });

  test('a metrics token too short to be a secret — the configuration names it', () => {
    expect(() => loadConfig({ KILDE_METRICS_TOKEN: 'short' })).toThrow(/KILDE_METRICS_TOKEN must be at least 16/);
    expect(loadConfig({ KILDE_METRICS_TOKEN: TOKEN }).metricsToken).toBe(TOKEN);
    expect(loadConfig({}).metricsToken).toBeNull();
  });
});
