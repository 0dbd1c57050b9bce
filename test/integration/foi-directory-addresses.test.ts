import { removeDir, startTestKilde, type TestKilde } from '../helpers/kilde';

/**
 * Where to write to an authority of the FOI directory: its e-mail and postal address, edited through
 * the API and the directory page, shown there, copied to the party the entry becomes and so onto the
 * letter's recipient; the new-request form falls back to them when its address fields are left empty.
 */
type Entry = { key: string; name: string; partyId: string | null; appealBodyKey: string | null; email: string | null; postalAddress: string | null; editedFields: string[] };

describe('FOI directory — authority addresses', () => {
  let t: TestKilde;
  let anna: ReturnType<TestKilde['as']>;

  beforeAll(async () => {
    t = await startTestKilde();
    anna = t.as('journalist', 'anna');
  });
  afterAll(async () => {
    await t.stop();
    removeDir(t.dir);
  });

  const entry = async (name: string): Promise<Entry> => {
    const res = await t.http.get('/api/foi/authorities').query({ q: name });
    expect(res.status).toBe(200);
    const found = (res.body.authorities as Entry[]).find((a) => a.name === name);
    expect(found).toBeDefined();
    return found!;
  };
  const requestIdOf = (location: string | undefined) => /^\/requests\/([^/?#]+)$/.exec(location ?? '')![1]!;

  test('seeded directory — no authority has an invented address', async () => {
    const res = await t.http.get('/api/foi/authorities');
    const all = res.body.authorities as Entry[];
    expect(all.length).toBeGreaterThan(100);
    expect(all.filter((a) => a.email !== null || a.postalAddress !== null)).toEqual([]);
  });

  test('PATCH — e-mail and postal address — stored, tidied, marked as edited, and shown in the directory', async () => {
    const { key } = await entry('Vejle Kommune');
    const res = await anna.http.patch(`/api/foi/authorities/${key}`).send({ email: '  vejle@vejle.example ', postalAddress: 'Skolegade 1\r\n7100 Vejle' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ email: 'vejle@vejle.example', postalAddress: 'Skolegade 1\n7100 Vejle' });
    expect(res.body.editedFields).toEqual(expect.arrayContaining(['email', 'postalAddress']));
    expect(res.body.editedFields).not.toContain('name');
    expect(await entry('Vejle Kommune')).toMatchObject({ email: 'vejle@vejle.example', postalAddress: 'Skolegade 1\n7100 Vejle' });

    const page = await anna.http.get('/foi/authorities').query({ q: 'Vejle', lang: 'da' });
    expect(page.status).toBe(200);
    expect(page.text).toContain('Myndighedsfortegnelse');
    expect(page.text).toContain('href="mailto:vejle@vejle.example"');
    expect(page.text).toContain('Skolegade 1<br>7100 Vejle');
  });

  test('PATCH — not an e-mail address — 400 naming the field, nothing stored', async () => {
    const { key } = await entry('Kolding Kommune');
    const res = await anna.http.patch(`/api/foi/authorities/${key}`).send({ email: 'Kolding Kommune, borgerservice' });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation_failed');
    expect(res.body.error.message).toMatch(/^email: .*name@authority\.dk/);
    expect((await entry('Kolding Kommune')).email).toBeNull();
  });

  test('PATCH — postal address over 1000 characters, or not text — 400', async () => {
    const { key } = await entry('Kolding Kommune');
    expect((await anna.http.patch(`/api/foi/authorities/${key}`).send({ postalAddress: 'x'.repeat(1001) })).status).toBe(400);
    expect((await anna.http.patch(`/api/foi/authorities/${key}`).send({ email: 42 })).status).toBe(400);
  });

  test('PATCH — "" clears an address; a field left out is kept', async () => {
    const { key } = await entry('Vejle Kommune');
    const res = await anna.http.patch(`/api/foi/authorities/${key}`).send({ email: '' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ email: null, postalAddress: 'Skolegade 1\n7100 Vejle' });
  });

  test('PATCH — a researcher — 403, nothing stored', async () => {
    const { key } = await entry('Kolding Kommune');
    const res = await t.as('researcher', 'rikke').http.patch(`/api/foi/authorities/${key}`).send({ email: 'kolding@kolding.example' });
    expect(res.status).toBe(403);
    expect((await entry('Kolding Kommune')).email).toBeNull();
  });

  test('becoming a party — the new authority party gets the directory’s addresses', async () => {
    const { key } = await entry('Horsens Kommune');
    await anna.http.patch(`/api/foi/authorities/${key}`).send({ email: 'horsens@horsens.example', postalAddress: 'Rådhustorvet 4\n8700 Horsens' });
    const made = await anna.http.post(`/api/foi/authorities/${key}/party`);
    expect(made.status).toBe(201);
    const party = (await anna.http.get(`/api/parties/${made.body.partyId}`)).body;
    expect(party).toMatchObject({ name: 'Horsens Kommune', kind: 'authority', email: 'horsens@horsens.example', postalAddress: 'Rådhustorvet 4\n8700 Horsens' });
  });

  test('becoming a party — an existing party of the same name keeps its own e-mail and gets the missing postal address', async () => {
    const own = await anna.http.post('/api/parties').send({ name: 'Silkeborg Kommune', kind: 'authority', email: 'egen@silkeborg.example' });
    expect(own.status).toBe(201);
    const { key } = await entry('Silkeborg Kommune');
    await anna.http.patch(`/api/foi/authorities/${key}`).send({ email: 'katalog@silkeborg.example', postalAddress: 'Søvej 1\n8600 Silkeborg' });
    const linked = await anna.http.post(`/api/foi/authorities/${key}/party`);
    expect(linked.body).toEqual({ partyId: own.body.id, created: false });
    const party = (await anna.http.get(`/api/parties/${own.body.id}`)).body;
    expect(party).toMatchObject({ email: 'egen@silkeborg.example', postalAddress: 'Søvej 1\n8600 Silkeborg' });
  });

  test('new-request form — a directory entry with addresses — the option carries them for the pre-fill script', async () => {
    const { key } = await entry('Viborg Kommune');
    await anna.http.patch(`/api/foi/authorities/${key}`).send({ email: 'viborg@viborg.example', postalAddress: 'Prinsens Allé 5\n8800 Viborg' });
    const form = await anna.http.get('/requests/new?lang=da');
    expect(form.status).toBe(200);
    expect(form.text).toContain(`<option value="dir:${key}"  data-email="viborg@viborg.example" data-postal-address="Prinsens Allé 5\n8800 Viborg">Viborg Kommune</option>`);
    expect(form.text).toContain('<script src="/static/authority-address.js" defer></script>');
    expect(form.text).toContain('href="/foi/authorities"');
    const script = await anna.http.get('/static/authority-address.js');
    expect(script.status).toBe(200);
  });

  test('new request without JavaScript — address fields left empty — the directory’s addresses reach the party and the letter', async () => {
    const { key } = await entry('Viborg Kommune');
    const res = await anna.http.post('/requests').type('form')
      .send({ authorityId: `dir:${key}`, subject: 'Aktindsigt i vejplaner', body: 'Jeg beder om aktindsigt.', authorityEmail: '', authorityPostalAddress: '' });
    expect(res.status).toBe(303);
    const request = (await anna.http.get(`/api/requests/${requestIdOf(res.headers.location)}`)).body;
    const letter = await anna.http.get(`/api/requests/${request.id}/letters/request`);
    expect(letter.status).toBe(200);
    expect(letter.body.to).toMatchObject({ partyId: request.authorityId, name: 'Viborg Kommune', email: 'viborg@viborg.example', postalAddress: 'Prinsens Allé 5\n8800 Viborg' });
  });

  test('new request — an authority party without addresses, its directory entry with them — the party gets them', async () => {
    const bare = await anna.http.post('/api/parties').send({ name: 'Skive Kommune', kind: 'authority' });
    const { key } = await entry('Skive Kommune');
    await anna.http.patch(`/api/foi/authorities/${key}`).send({ email: 'skive@skive.example' });
    const res = await anna.http.post('/requests').type('form').send({ authorityId: bare.body.id, subject: 'Aktindsigt i skolesager', authorityEmail: '', authorityPostalAddress: '' });
    expect(res.status).toBe(303);
    expect((await anna.http.get(`/api/parties/${bare.body.id}`)).body).toMatchObject({ email: 'skive@skive.example', postalAddress: null });
  });

  test('new request — an address typed on the form — wins over the directory’s', async () => {
    const { key } = await entry('Holstebro Kommune');
    await anna.http.patch(`/api/foi/authorities/${key}`).send({ email: 'katalog@holstebro.example', postalAddress: 'Kirkestræde 11\n7500 Holstebro' });
    const res = await anna.http.post('/requests').type('form')
      .send({ authorityId: `dir:${key}`, subject: 'Aktindsigt i budget', authorityEmail: 'sagsbehandler@holstebro.example', authorityPostalAddress: '' });
    expect(res.status).toBe(303);
    const request = (await anna.http.get(`/api/requests/${requestIdOf(res.headers.location)}`)).body;
    expect((await anna.http.get(`/api/parties/${request.authorityId}`)).body).toMatchObject({ email: 'sagsbehandler@holstebro.example', postalAddress: 'Kirkestræde 11\n7500 Holstebro' });
  });

  test('directory page — edit form saves the addresses and redirects back to the entry', async () => {
    const { key, appealBodyKey } = await entry('Ikast-Brande Kommune');
    expect(appealBodyKey).not.toBeNull();
    const form = await anna.http.get(`/foi/authorities/${key}?lang=da`);
    expect(form.status).toBe(200);
    expect(form.text).toContain('Redigér Ikast-Brande Kommune');
    const res = await anna.http.post(`/foi/authorities/${key}`).type('form')
      .send({ name: 'Ikast-Brande Kommune', appealBodyKey, email: 'ikast@ikast.example', postalAddress: 'Centerparken 1\r\n7430 Ikast' });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`/foi/authorities?saved=${key}#${key}`);
    expect(await entry('Ikast-Brande Kommune')).toMatchObject({ appealBodyKey, email: 'ikast@ikast.example', postalAddress: 'Centerparken 1\n7430 Ikast' });
  });

  test('directory page — a bad e-mail address — the form comes back in Danish with what was typed', async () => {
    const { key } = await entry('Herning Kommune');
    const res = await anna.http.post(`/foi/authorities/${key}?lang=da`).type('form')
      .send({ name: 'Herning Kommune', appealBodyKey: '', email: 'herning kommune', postalAddress: 'Torvet 5' });
    expect(res.status).toBe(400);
    expect(res.text).toContain('role="alert"');
    expect(res.text).toContain('value="herning kommune"');
    expect(res.text).toContain('>Torvet 5</textarea>');
    expect(res.text).not.toContain('lang="en" role="alert"');
    expect((await entry('Herning Kommune')).email).toBeNull();
  });

  test('directory page — reached from the requests overview; a researcher sees it without edit links', async () => {
    expect((await anna.http.get('/requests')).text).toContain('href="/foi/authorities"');
    const { key } = await entry('Vejle Kommune');
    const asResearcher = await t.as('researcher', 'rasmus').http.get('/foi/authorities').query({ q: 'Vejle' });
    expect(asResearcher.status).toBe(200);
    expect(asResearcher.text).toContain(`data-directory-key="${key}"`);
    expect(asResearcher.text).not.toContain(`href="/foi/authorities/${key}"`);
    expect((await anna.http.get('/foi/authorities').query({ q: 'Vejle' })).text).toContain(`href="/foi/authorities/${key}"`);
  });

  test('directory page — an unknown key — 404', async () => {
    expect((await anna.http.get('/foi/authorities/no_such_authority')).status).toBe(404);
    expect((await anna.http.get('/foi/authorities/Not%20A%20Key')).status).toBe(404);
  });
});
