import fs from 'node:fs';
import path from 'node:path';
import { FIXTURES_DIR } from '../helpers/fixtures';

/**
 * `npm test` must pass on a clone of the repository alone. These checks read the test sources as
 * text: a path built from `__dirname` that climbs out of the repository (the way the tests once
 * reached a corpus folder beside the checkout) fails here, and so does a fixture that is named but
 * missing or kept without its source. The corpus walk (test/corpus/) is the one tier allowed out.
 */
const ROOT = path.resolve(__dirname, '..', '..');
const TEST_DIR = path.join(ROOT, 'test');
const OUTSIDE_ALLOWED = path.join(TEST_DIR, 'corpus');

function testSources(): string[] {
  return (fs.readdirSync(TEST_DIR, { recursive: true }) as string[])
    .map((rel) => path.join(TEST_DIR, rel))
    // This file's own samples of what is caught are left out of the scan.
    .filter((file) => file.endsWith('.ts') && !file.startsWith(OUTSIDE_ALLOWED + path.sep) && file !== __filename)
    .sort();
}

const STRING = String.raw`'[^'\n]*'|"[^"\n]*"`;
/** `path.join(__dirname, …)` / `path.resolve(__dirname, …)` whose arguments are all string literals. */
const DIRNAME_PATH = new RegExp(String.raw`path\.(?:join|resolve)\(\s*__dirname((?:\s*,\s*(?:${STRING}))+)\s*\)`, 'g');
/** A string literal that climbs at least one folder: `'../x'`, `"../../y"`. */
const CLIMBING = /(['"])((?:\.\.\/)+[^'"\n]*)\1/g;

/** Every place in `source` (the text of `file`) that names a path outside the repository. */
function pathsOutside(file: string, source: string, root = ROOT): string[] {
  const dir = path.dirname(file);
  const outside = (target: string) => path.relative(root, target).startsWith('..');
  const found: string[] = [];
  for (const m of source.matchAll(DIRNAME_PATH)) {
    const parts = [...m[1]!.matchAll(new RegExp(STRING, 'g'))].map((s) => s[0].slice(1, -1));
    if (outside(path.resolve(dir, ...parts))) found.push(m[0]);
  }
  for (const m of source.matchAll(CLIMBING)) {
    // Module imports climb too; only a path that leaves the repository counts.
    if (outside(path.resolve(dir, m[2]!))) found.push(m[0]);
  }
  return found;
}

describe('tests read only the repository', () => {
  test('guard — a folder beside the checkout, reached the way the extractor tests once reached one — is caught', () => {
    const file = path.join(TEST_DIR, 'unit', 'extractors', 'image.extractor.test.ts');
    expect(pathsOutside(file, "const CORPUS = path.resolve(__dirname, '../../../../beside/documents');")).not.toEqual([]);
    expect(pathsOutside(file, "const C = path.join(__dirname, '..', '..', '..', '..', 'data');")).toEqual([expect.stringContaining('__dirname')]);
    expect(pathsOutside(file, "import { x } from '../../../server/config';")).toEqual([]);
    expect(pathsOutside(file, "const f = path.join(__dirname, '..', '..', 'fixtures', 'corpus');")).toEqual([]);
  });

  test('every test file — no path leaves the repository (the corpus walk aside)', () => {
    const offenders = testSources().flatMap((file) => pathsOutside(file, fs.readFileSync(file, 'utf8')).map((p) => `${path.relative(ROOT, file)}: ${p}`));
    expect(offenders).toEqual([]);
  });

  test('fixtures — every file a test names exists, and every fixture is in SOURCES.md with its source', () => {
    const onDisk = (fs.readdirSync(FIXTURES_DIR, { recursive: true }) as string[])
      .filter((rel) => fs.statSync(path.join(FIXTURES_DIR, rel)).isFile())
      .map((rel) => rel.split(path.sep).join('/'))
      .sort();
    const named = new Set(testSources().flatMap((file) => [...fs.readFileSync(file, 'utf8').matchAll(/(?:readFixture|fixture)\(\s*'([^'$]+)'\s*\)/g)].map((m) => m[1]!)));
    expect([...named].filter((rel) => !fs.existsSync(path.join(FIXTURES_DIR, rel)))).toEqual([]);

    const sources = fs.readFileSync(path.join(TEST_DIR, 'fixtures', 'SOURCES.md'), 'utf8');
    const listed = [...sources.matchAll(/^\| `([^`]+)` \| (\S+\/\S+) \|[^|]*\| [0-9a-f]{7,} \| ([^|]+) \|/gm)];
    expect(listed.map((m) => m[1]).sort()).toEqual(onDisk);
    for (const [, file, repo, licence] of listed) expect([file, repo!.length > 3, licence!.trim().length > 2]).toEqual([file, true, true]);

    // Files outside corpus/ (written for the tests) are named in SOURCES.md by their path too.
    const root = path.join(TEST_DIR, 'fixtures');
    const others = (fs.readdirSync(root, { recursive: true }) as string[])
      .map((rel) => rel.split(path.sep).join('/'))
      .filter((rel) => !rel.startsWith('corpus/') && rel !== 'SOURCES.md' && fs.statSync(path.join(root, rel)).isFile());
    expect(others.filter((rel) => !sources.includes(`\`${rel}\``))).toEqual([]);

    const bytes = [...onDisk.map((rel) => path.join(FIXTURES_DIR, rel)), ...others.map((rel) => path.join(root, rel))].reduce((sum, file) => sum + fs.statSync(file).size, 0);
    expect(bytes).toBeLessThan(10 * 1024 * 1024);
  });
});
