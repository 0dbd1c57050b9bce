import { metaFor, type ImportDefaults } from '../../../server/import/file-meta';
import { parseSidecar, SidecarError } from '../../../server/import/sidecar';

const newsroom = { level: 'newsroom' as const, users: [], embargoUntil: null };

describe('import sidecar', () => {
  test('CSV with commas — every column read; lists split on ";"; a kind prefix and a party id kept apart', () => {
    const csv = [
      'path,title,date,sender,recipient,story,request,notes',
      'star/brev.pdf,"Brev fra STAR, til KL",2018-09-28,authority:STAR,"KL;pty_abcdefghij12",Cloud-sagen,AKT-17,  bemærk  ',
      './b.txt,,2018,,,,,',
    ].join('\n');
    const [a, b] = parseSidecar(csv, 'kilde-import.csv');
    expect(a).toEqual({
      path: 'star/brev.pdf', title: 'Brev fra STAR, til KL', date: '2018-09-28', notes: 'bemærk', story: 'Cloud-sagen', request: 'AKT-17',
      senders: [{ name: 'STAR', kind: 'authority' }],
      recipients: [{ name: 'KL', kind: 'organisation' }, { partyId: 'pty_abcdefghij12' }],
      access: undefined, origin: 'kilde-import.csv line 2',
    });
    expect(b).toMatchObject({ path: 'b.txt', date: '2018', title: undefined, senders: [], story: undefined });
  });

  test('CSV from a Danish spreadsheet — semicolons, a byte-order mark, CRLF and headers in other spellings — read the same', () => {
    const csv = '\uFEFFFile;Title;Embargo Until;Access;Users\r\nbrev.pdf;Brev, nr. 1;2026-12-01;embargoed;anna,bo\r\n';
    const [a] = parseSidecar(csv, 'kilde-import.csv');
    expect(a).toMatchObject({ path: 'brev.pdf', title: 'Brev, nr. 1', access: { level: 'embargoed', users: ['anna', 'bo'], embargoUntil: '2026-12-01T00:00:00.000Z' } });
  });

  test('JSON — an array or { files }, lists as arrays — the same entries as CSV', () => {
    const arr = parseSidecar(JSON.stringify([{ path: 'a.pdf', sender: ['STAR', 'person:Anna Jensen'], access: 'restricted', users: ['bo'] }]), 'kilde-import.json');
    expect(arr[0]).toMatchObject({ senders: [{ name: 'STAR', kind: 'organisation' }, { name: 'Anna Jensen', kind: 'person' }], access: { level: 'restricted', users: ['bo'], embargoUntil: null } });
    expect(parseSidecar(JSON.stringify({ files: [{ path: 'x/y.pdf', embargoUntil: '2030-01-01T06:00:00Z' }] }), 'm.json')[0]).toMatchObject({
      path: 'x/y.pdf', access: { level: 'embargoed', embargoUntil: '2030-01-01T06:00:00.000Z' }, origin: 'm.json entry 1',
    });
  });

  test.each([
    ['path,titel\na.pdf,x\n', /line 2: unknown column "titel"/],
    ['path,date\na.pdf,2018-02-30\n', /line 2: date: 2018-02-30 is not a real date/],
    ['path,date\na.pdf,28-09-2018\n', /line 2: date must look like 2018-09-28/],
    ['path,access\na.pdf,embargoed\n', /line 2: an embargoed file needs embargo_until/],
    ['path,access,users\na.pdf,newsroom,anna\n', /line 2: a newsroom document names no users/],
    ['path,access\na.pdf,secret\n', /line 2: access must be newsroom, restricted or embargoed/],
    ['title\nx\n', /line 2: path is missing/],
    ['path\na.pdf\n./a.pdf\n', /line 3: a.pdf is described twice \(also at line 2\)/],
    ['path,title\n"a.pdf,x\n', /not a readable CSV file/],
  ])('a bad CSV sidecar — %j — is refused with the line and the problem', (csv, message) => {
    expect(() => parseSidecar(csv, 'kilde-import.csv')).toThrow(SidecarError);
    expect(() => parseSidecar(csv, 'kilde-import.csv')).toThrow(message);
  });

  test('a bad JSON sidecar — not JSON, not a list, an entry not an object — is refused naming it', () => {
    expect(() => parseSidecar('{', 'm.json')).toThrow(/m.json: not valid JSON/);
    expect(() => parseSidecar('{"path":"a"}', 'm.json')).toThrow(/expected an array of files/);
    expect(() => parseSidecar('["a.pdf"]', 'm.json')).toThrow(/m.json entry 1: expected an object/);
  });
});

describe('import metadata of one file', () => {
  const defaults: ImportDefaults = { access: { level: 'restricted', users: ['bo'], embargoUntil: null }, story: 'Flag-story', request: 'AKT-1', storyFromFolders: true };

  test('no sidecar row — the story is the top folder, access and request the options\'', () => {
    expect(metaFor({ folders: ['Cloud-sagen', '2018'] }, undefined, defaults)).toEqual({
      title: undefined, date: undefined, notes: undefined, access: defaults.access, story: 'Cloud-sagen', request: 'AKT-1', senders: [], recipients: [],
    });
    expect(metaFor({ folders: [] }, undefined, defaults).story).toBe('Flag-story');
    expect(metaFor({ folders: ['x'] }, undefined, { ...defaults, storyFromFolders: false }).story).toBe('Flag-story');
  });

  test('a sidecar row — its story, request and access win; its access replaces the options\' as a whole', () => {
    const [row] = parseSidecar('path,story,request,access\na.pdf,Row-story,AKT-2,newsroom\n', 's.csv');
    expect(metaFor({ folders: ['Cloud-sagen'] }, row, defaults)).toMatchObject({ story: 'Row-story', request: 'AKT-2', access: { level: 'newsroom', users: [], embargoUntil: null } });
    const [plain] = parseSidecar('path,title\na.pdf,T\n', 's.csv');
    expect(metaFor({ folders: [] }, plain, { ...defaults, access: newsroom })).toMatchObject({ title: 'T', access: newsroom });
  });
});
