import http from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { useKilde, waitForStatus, type TestKilde } from '../helpers/kilde';

/**
 * Batch search: a list of names (pasted, or a text/CSV file), each line searched as the viewer,
 * with its count and top hits, as a page, JSON and CSV. A hostile line is only words.
 */
const PRESENT = ['Mette Frederiksen', 'KMD', 'Kommunernes Landsforening', 'Peter Hummelgaard', 'Aalborg Kommune', 'Microsoft Azure', 'Styrelsen for Arbejdsmarked'];
const ABSENT = ['Novo Nordisk', 'Lars Løkke', 'Carlsberg', 'Maersk Drilling', 'Vestas Wind', 'Ørsted', 'Danske Bank', 'Arla Foods', 'Pandora', 'Jyske Bank', 'Lego Fonden', 'Tryg Forsikring'];
const HOSTILE = '=HYPERLINK("http://evil") "; DROP TABLE documents; -- <script>alert(1)</script> AND OR NOT( NEAR( col:x *';
const NAMES = [...PRESENT.slice(0, 4), ...ABSENT.slice(0, 6), HOSTILE, ...PRESENT.slice(4), ...ABSENT.slice(6)];

describe('batch search', () => {
  const k = useKilde();
  let researcher: ReturnType<TestKilde['as']>;
  const ids: Record<string, string> = {};

  async function upload(name: string, text: string, fields: Record<string, string> = {}): Promise<string> {
    let req = k.t.http.post('/api/documents');
    for (const [f, v] of Object.entries(fields)) req = req.field(f, v);
    const res = await req.attach('file', Buffer.from(text), name);
    expect(res.status).toBe(202);
    await waitForStatus(k.t, res.body.id);
    return res.body.id as string;
  }

  beforeAll(async () => {
    researcher = k.t.as('researcher', 'forsker');
    ids.minister = await upload('minister.txt', 'Statsminister Mette Frederiksen skrev til Kommunernes Landsforening om KMD.');
    ids.azure = await upload('azure.txt', 'KMD Momentum kører på Microsoft Azure. Aalborg Kommune er med.');
    ids.justice = await upload('justits.txt', 'Justitsminister Peter Hummelgaard svarede Styrelsen for Arbejdsmarked og Rekruttering.');
    // Only the admin may read it: it must not count for the researcher.
    ids.secret = await upload('hemmelig.txt', 'Fortroligt: Novo Nordisk og Mette Frederiksen.', { access: 'restricted' });
  }, 120_000);

  test('20 names — counts and top hits per line, as the viewer may see them; the hostile line is searched as words', async () => {
    expect(NAMES).toHaveLength(20);
    const res = await researcher.http.get('/api/search/batch').query({ names: NAMES.join('\n') });
    expect(res.status).toBe(200);
    const rows = res.body.rows as Array<{ line: number; text: string; total: number; hits: Array<{ documentId: string; pages: number[] }> }>;
    expect(rows).toHaveLength(20);
    const byText = new Map(rows.map((r) => [r.text, r]));
    expect(byText.get('Mette Frederiksen')).toMatchObject({ line: 1, total: 1 });
    expect(byText.get('Mette Frederiksen')?.hits.map((h) => h.documentId)).toEqual([ids.minister]);
    expect(byText.get('KMD')?.total).toBe(2);
    expect(byText.get('Aalborg Kommune')?.hits[0]).toMatchObject({ documentId: ids.azure, pages: [1] });
    expect(byText.get('Styrelsen for Arbejdsmarked')?.total).toBe(1);
    for (const name of ABSENT) expect(byText.get(name)?.total).toBe(0);
    expect(byText.get('Novo Nordisk')?.total).toBe(0); // only in the restricted document
    expect(byText.get(HOSTILE)).toMatchObject({ line: 11, total: 0 });
    expect(res.body.rows[0].links.search).toBe('/search?q=Mette%20Frederiksen%20'); // the last word whole, as the batch searched it
    // The admin sees the restricted document counted.
    const admin = await k.t.http.post('/api/search/batch').send({ names: 'Novo Nordisk\nMette Frederiksen' });
    expect(admin.body.rows.map((r: { total: number }) => r.total)).toEqual([1, 2]);
    expect((k.t.kilde.db.prepare('SELECT COUNT(*) FROM documents').pluck().get() as number)).toBe(4);
  });

  test('the page — a GET form any role may use, escaped; the CSV export defuses formulas', async () => {
    const names = NAMES.join('\n');
    const page = await researcher.http.get('/search/batch').query({ names });
    expect(page.status).toBe(200);
    expect(page.text).not.toContain('<script>alert(1)</script>');
    expect(page.text).toContain('&lt;script&gt;');
    expect(page.text.match(/<tr data-line=/g)).toHaveLength(20);
    expect(page.text).toContain(`data-line="1" data-total="1"`);

    const csv = await researcher.http.get('/search/batch').query({ names, format: 'csv' });
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.headers['content-disposition']).toMatch(/batch-search\.csv/);
    const lines = csv.text.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines).toHaveLength(21);
    expect(lines[0]).toBe('Line,Name or term,Documents,Top document ids,Top titles,Their pages');
    expect(lines[1]).toBe(`1,Mette Frederiksen,1,${ids.minister},minister,1`);
    const hostile = lines.find((l) => l.startsWith('11,')) as string;
    expect(hostile.startsWith(`11,"'=HYPERLINK(`)).toBe(true);

    // In Danish, as Danish Excel opens it: Danish headers, cells split by ";" (a name's comma stays in its cell).
    const da = await researcher.http.get('/search/batch').query({ names: 'Hummelgaard, Peter\nKMD', format: 'csv', lang: 'da' });
    const daLines = da.text.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(daLines[0]).toBe('Linje;Navn eller begreb;Dokumenter;Dokument-id for bedste fund;Titler på bedste fund;Deres sider');
    expect(daLines[1]).toBe(`1;"Hummelgaard, Peter";1;${ids.justice};justits;1`);
    expect(daLines[2].split(';').slice(0, 3)).toEqual(['2', 'KMD', '2']);
    // The API's columns keep their names for scripts, whatever the language.
    const api = await researcher.http.get('/api/search/batch').query({ names: 'KMD', format: 'csv', lang: 'da' });
    expect(api.text.replace(/^\uFEFF/, '').split('\r\n')[0]).toBe('line,query,documents,top_document_ids,top_titles,top_pages');
  });

  test('a CSV file — names from its first column, the header skipped; bad input gets a 4xx', async () => {
    const file = 'navn;rolle\n"Hummelgaard, Peter";minister\nKMD;leverandør\n;\n';
    // A journalist's token here; a researcher may POST a list too (it only searches: see the page's form below).
    const journalist = k.t.as('journalist', 'journalist');
    const res = await journalist.http.post('/api/search/batch').attach('file', Buffer.from(file), { filename: 'liste.csv', contentType: 'text/csv' });
    expect(res.status).toBe(200);
    expect(res.body.rows.map((r: { text: string; total: number }) => [r.text, r.total])).toEqual([['Hummelgaard, Peter', 1], ['KMD', 2]]);
    expect((await journalist.http.post('/api/search/batch').send({ names: '\n \n' })).status).toBe(400);
    for (const names of [[{ a: 2 }], { a: 'x' }, 42, ['KMD', { a: 1 }]]) {
      const odd = await journalist.http.post('/api/search/batch').send({ names });
      expect(odd.status).toBe(400);
      expect(JSON.stringify(odd.body)).not.toContain('[object Object]');
    }
    expect((await journalist.http.get('/api/search/batch?names[0][a]=x')).status).toBe(400);
    const image = await journalist.http.post('/api/search/batch').attach('file', Buffer.from([0x89, 0x50, 0x4e, 0x47]), { filename: 'x.png', contentType: 'image/png' });
    expect(image.status).toBe(415);
    // A PDF sent as a "text" file is not a list either: refused, not searched as its bytes.
    const pdf = await journalist.http.post('/api/search/batch').attach('file', Buffer.from('%PDF-1.7\n\u0000\u0000stream', 'latin1'), { filename: 'liste.txt', contentType: 'text/plain' });
    expect(pdf.status).toBe(415);
    // Danish Excel's "CSV" (Windows-1252) and "Unicode text" (UTF-16 with a BOM) read as written.
    const list = 'Navn\r\nHummelgaard, Peter\r\nkører\r\n';
    for (const bytes of [Buffer.from(list, 'latin1'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(list, 'utf16le')])]) {
      const read = await journalist.http.post('/api/search/batch').attach('file', bytes, { filename: 'liste.csv', contentType: 'text/csv' });
      expect(read.status).toBe(200);
      expect(read.body.rows.map((r: { text: string; total: number }) => [r.text, r.total])).toEqual([['Hummelgaard, Peter', 1], ['kører', 1]]);
    }
    const many = Array.from({ length: 250 }, (_, i) => `navn${i}`).join('\n');
    const capped = await researcher.http.get('/api/search/batch').query({ names: many });
    expect(capped.body.rows).toHaveLength(200);
    expect(capped.body.truncated).toBe(true);
  });
  test('a long list — other requests are answered while it runs, not after', async () => {
    // Calls through to the real search, then holds the thread 3 ms more, as a search of a large
    // archive does (milliseconds a line at 100k pages): the list takes long enough for another
    // request to arrive while it runs, however busy the machine.
    const engine = k.t.kilde.engine;
    const real = engine.search.bind(engine);
    let calls = 0;
    let started = () => {};
    const running = new Promise<void>((resolve) => { started = resolve; });
    const search = jest.spyOn(engine, 'search').mockImplementation((req) => {
      if (++calls === 1) started();
      const answer = real(req);
      const until = performance.now() + 3;
      while (performance.now() < until) { /* a larger archive's search */ }
      return answer;
    });
    try {
      const order: string[] = [];
      const names = Array.from({ length: 200 }, (_, i) => `Kommunernes Landsforening ${i}`).join('\n');
      const batch = researcher.http.post('/api/search/batch').send({ names, format: 'json' }).then((r) => { order.push('batch'); return r; });
      await running;
      const health = await k.t.http.get('/api/health');
      order.push('health');
      expect(health.status).toBe(200);
      expect((await batch).body.rows).toHaveLength(200);
      expect(order).toEqual(['health', 'batch']);
    } finally {
      search.mockRestore();
    }
  });

  test('the page\'s form — a long list or a file is POSTed (a URL cannot hold it), by a researcher signed in; the CSV says when lines were left out', async () => {
    k.t.as('researcher', 'lister');
    const agent = request.agent(k.t.kilde.app);
    expect((await agent.post('/login').type('form').send({ username: 'lister', password: 'correct horse battery' })).status).toBe(303);
    const form = await agent.get('/search/batch');
    expect(form.text).toContain('method="post" action="/search/batch" enctype="multipart/form-data"');
    const csrf = /name="_csrf" value="([^"]+)"/.exec(form.text)?.[1] as string;
    expect(csrf).toBeTruthy();

    // A thousand names, 24 KB: as a GET this is refused by Node itself (431) before Kilde sees it.
    const names = ['Mette Frederiksen', ...Array.from({ length: 999 }, (_, i) => `Firma nummer ${i} ApS`)].join('\n');
    const page = await agent.post('/search/batch').field('_csrf', csrf).field('names', names);
    expect(page.status).toBe(200);
    expect(page.text.match(/<tr data-line=/g)).toHaveLength(200);
    expect(page.text).toContain('data-line="1" data-total="1"');
    expect(page.text).toMatch(/Only the first 200 lines were searched/);
    const csv = await agent.post('/search/batch').field('_csrf', csrf).field('names', names).field('format', 'csv');
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    const rows = csv.text.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(rows).toHaveLength(202);
    expect(rows[201]).toBe(',Only the first 200 lines were searched.,,,,');

    // A file instead of the box; "Surname, Firstname" pasted is one name.
    const file = await agent.post('/search/batch').field('_csrf', csrf).field('names', '').attach('file', Buffer.from('Hummelgaard, Peter\nKMD\n'), { filename: 'liste.txt', contentType: 'text/plain' });
    expect(file.status).toBe(200);
    expect(file.text).toContain('data-line="1" data-total="1"');
    expect(file.text.match(/<tr data-line=/g)).toHaveLength(2);

    // Without the form's token nothing is searched; a file over 1 MB says so in its own words.
    expect((await agent.post('/search/batch').field('names', 'KMD')).status).toBe(403);
    const big = await agent.post('/search/batch').field('_csrf', csrf).attach('file', Buffer.alloc(1024 * 1024 + 10, 0x41), { filename: 'stor.txt', contentType: 'text/plain' });
    expect(big.status).toBe(413);
    expect(big.text).toContain('The list file is larger than 1 MB.');
  });
  test('upTo — only the list\'s first lines are searched (the page\'s CSV after Stop), and the CSV, the page and the JSON say so; a bad upTo is a 400', async () => {
    const spy = jest.spyOn(k.t.kilde.engine, 'search');
    try {
      const csv = await researcher.http.get('/search/batch').query({ names: NAMES.join('\n'), format: 'csv', upTo: '3', lang: 'da' });
      expect(csv.status).toBe(200);
      expect(spy).toHaveBeenCalledTimes(3); // the other 17 lines are never searched
      const rows = csv.text.replace(/^\uFEFF/, '').trim().split('\r\n');
      expect(rows).toHaveLength(5);
      expect(rows.slice(1, 4).map((r) => r.split(';').slice(0, 3).join(';'))).toEqual(['1;Mette Frederiksen;1', '2;KMD;2', '3;Kommunernes Landsforening;1']);
      expect(rows[4]).toBe(';Kun de første 3 af 20 linjer blev søgt.;;;;');
    } finally {
      spy.mockRestore();
    }
    const api = await researcher.http.post('/api/search/batch').send({ names: NAMES.join('\n'), upTo: 2 });
    expect(api.status).toBe(200);
    expect(api.body.rows.map((r: { text: string }) => r.text)).toEqual(['Mette Frederiksen', 'KMD']);
    expect(api.body).toMatchObject({ listed: 20, truncated: false, partial: true });
    // More than the list holds: the whole list, and nothing said.
    const whole = await researcher.http.get('/search/batch').query({ names: 'KMD\nAalborg Kommune', format: 'csv', upTo: '50' });
    expect(whole.text.replace(/^\uFEFF/, '').trim().split('\r\n')).toHaveLength(3);
    // The page without its script: the rows asked for, the note, and the CSV button offering those lines.
    const page = await researcher.http.get('/search/batch').query({ names: NAMES.join('\n'), upTo: '4', lang: 'en' });
    expect(page.text.match(/<tr data-line=/g)).toHaveLength(4);
    expect(page.text).toContain('Only the first 4 of 20 lines were searched.');
    expect(page.text).toMatch(/name="upTo"[^>]* value="4"/);
    expect(page.text).toMatch(/data-csv [^>]*>Download the 4 lines as CSV</);
    // One line: said in the singular. A list over the 200-line limit stopped early says how long the list is, and not that it was cut.
    const one = await researcher.http.get('/search/batch').query({ names: NAMES.join('\n'), upTo: '1', lang: 'en' });
    expect(one.text).toContain('Only the first line of 20 was searched.');
    expect(one.text).toMatch(/data-csv [^>]*>Download the first line as CSV</);
    const long = Array.from({ length: 300 }, (_, i) => `Firma nummer ${i} ApS`).join('\n');
    const stopped = await researcher.http.post('/api/search/batch').query({ format: 'csv' }).send({ names: long, upTo: 5 });
    const last = stopped.text.replace(/^\uFEFF/, '').trim().split('\r\n').slice(6);
    expect(last).toEqual([',Only the first 5 of 300 lines were searched.,,,,']);
    const full = await researcher.http.post('/api/search/batch').send({ names: long });
    expect(full.body).toMatchObject({ listed: 300, truncated: true, partial: false });
    expect(full.body.rows).toHaveLength(200);
    for (const bad of ['0', '-2', '1.5', 'tre', '201']) {
      const res = await researcher.http.get('/api/search/batch').query({ names: 'KMD', upTo: bad });
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(/upTo/);
    }
  });

  describe('the page\'s progress — the list streamed a row at a time as it is searched', () => {
    let agent: ReturnType<typeof request.agent>;
    let csrf: string;
    let cookie: string;
    type Message = { type: string; lines?: number; done?: number; line?: number; total?: number; truncated?: boolean; html?: string; message?: string };
    const messages = (text: string): Message[] => text.trim().split('\n').map((l) => JSON.parse(l) as Message);

    beforeAll(async () => {
      k.t.as('researcher', 'streamer');
      agent = request.agent(k.t.kilde.app);
      const login = await agent.post('/login').type('form').send({ username: 'streamer', password: 'correct horse battery' });
      expect(login.status).toBe(303);
      cookie = (login.headers['set-cookie'] as unknown as string[]).map((c) => c.split(';')[0]).join('; ');
      csrf = /name="_csrf" value="([^"]+)"/.exec((await agent.get('/search/batch')).text)?.[1] as string;
    });

    test('start, a row a line in order with the table row the page shows, then done; the restricted document is not counted and the hostile line stays text', async () => {
      const res = await agent.post('/search/batch').set('accept', 'application/x-ndjson').field('_csrf', csrf).field('names', NAMES.join('\n'));
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^application\/x-ndjson/);
      expect(res.headers['cache-control']).toBe('no-store');
      const all = messages(res.text);
      expect(all[0]).toMatchObject({ type: 'start', lines: 20, truncated: false });
      expect(all[0].html).toContain('<table class="batch-results">');
      expect(all[0].html).not.toContain('<tr data-line');
      const rows = all.slice(1, -1);
      expect(rows.map((m) => [m.type, m.done, m.line])).toEqual(NAMES.map((_, i) => ['row', i + 1, i + 1]));
      expect(all[all.length - 1]).toEqual({ type: 'done', done: 20, lines: 20 });
      // The same rows the page renders without the script.
      const page = await agent.post('/search/batch').field('_csrf', csrf).field('names', NAMES.join('\n'));
      const pairs = (html: string) => [...html.matchAll(/data-line="(\d+)" data-total="(\d+)"/g)].map((m) => `${m[1]}:${m[2]}`);
      expect(pairs(rows.map((m) => m.html).join(''))).toEqual(pairs(page.text));
      expect(rows[0].html).toContain(`href="/documents/${ids.minister}?q=Mette%20Frederiksen"`);
      expect(rows.find((m) => m.html?.includes('Novo Nordisk'))?.total).toBe(0); // only in the restricted document
      const hostile = rows[10].html as string;
      expect(hostile).not.toContain('<script>');
      expect(hostile).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
      expect(res.text).not.toContain('hemmelig');
    });

    test('a list that cannot be searched is refused before any stream, as the form is; the CSV is never streamed', async () => {
      const empty = await agent.post('/search/batch').set('accept', 'application/x-ndjson').field('_csrf', csrf).field('names', ' \n ');
      // An empty box is the empty form again, not a stream.
      expect(empty.headers['content-type']).toMatch(/text\/html/);
      const file = await agent.post('/search/batch').set('accept', 'application/x-ndjson').field('_csrf', csrf).field('names', '').attach('file', Buffer.from('navn;rolle\n'), { filename: 'tom.csv', contentType: 'text/csv' });
      expect(file.status).toBe(400);
      expect(file.headers['content-type']).not.toMatch(/ndjson/);
      expect((await agent.post('/search/batch').set('accept', 'application/x-ndjson').field('names', 'KMD')).status).toBe(403);
      const csv = await agent.post('/search/batch').set('accept', 'application/x-ndjson').field('_csrf', csrf).field('names', 'KMD').field('format', 'csv');
      expect(csv.headers['content-type']).toMatch(/text\/csv/);
    });

    test('a search that fails mid-list ends the stream with the reason in the reader\'s language, the rows so far kept', async () => {
      const engine = k.t.kilde.engine;
      const real = engine.search.bind(engine);
      let calls = 0;
      const search = jest.spyOn(engine, 'search').mockImplementation((req) => {
        if (++calls === 3) throw new Error('disk I/O error');
        return real(req);
      });
      try {
        const res = await agent.post('/search/batch?lang=da').set('accept', 'application/x-ndjson').field('_csrf', csrf).field('names', 'KMD\nAalborg Kommune\nMicrosoft Azure\nPeter Hummelgaard');
        const all = messages(res.text);
        expect(all.map((m) => m.type)).toEqual(['start', 'row', 'row', 'error']);
        expect(all[3]).toMatchObject({ done: 2, lines: 4 });
        expect(all[3].message).toMatch(/^Søgningen er ikke tilgængelig lige nu; prøv listen igen om lidt/);
        expect(res.text).not.toContain('disk I/O');
      } finally {
        search.mockRestore();
      }
    });

    test('a reader who leaves stops the search: the rest of the list is not searched', async () => {
      const engine = k.t.kilde.engine;
      const real = engine.search.bind(engine);
      let calls = 0;
      const search = jest.spyOn(engine, 'search').mockImplementation((req) => {
        calls++;
        const answer = real(req);
        const until = performance.now() + 3;
        while (performance.now() < until) { /* a larger archive's search */ }
        return answer;
      });
      const server = http.createServer(k.t.kilde.app);
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      try {
        const boundary = 'kildeboundary';
        const body = [`--${boundary}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${csrf}\r\n`, `--${boundary}\r\nContent-Disposition: form-data; name="names"\r\n\r\n${Array.from({ length: 200 }, (_, i) => `Firma ${i}`).join('\n')}\r\n`, `--${boundary}--\r\n`].join('');
        await new Promise<void>((resolve, reject) => {
          const req = http.request({ host: '127.0.0.1', port: (server.address() as AddressInfo).port, path: '/search/batch', method: 'POST', headers: { cookie, accept: 'application/x-ndjson', 'content-type': `multipart/form-data; boundary=${boundary}` } }, (res) => {
            expect(res.statusCode).toBe(200);
            res.setEncoding('utf8');
            let seen = '';
            res.on('data', (chunk: string) => {
              seen += chunk;
              if (/"type":"row"/.test(seen)) { req.destroy(); resolve(); }
            });
            res.on('end', () => reject(new Error('the whole list was sent before the reader left')));
          });
          req.on('error', (err) => { if (!req.destroyed) reject(err); });
          req.end(body);
        });
        // The search notices at its next line; wait until it has stopped counting.
        let before = -1;
        while (before !== calls) { before = calls; await new Promise((r) => setTimeout(r, 100)); }
        expect(calls).toBeLessThan(50);
      } finally {
        search.mockRestore();
        await new Promise((resolve) => server.close(resolve));
      }
    });
  });
});
