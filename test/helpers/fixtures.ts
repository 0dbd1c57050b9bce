import fs from 'node:fs';
import path from 'node:path';

/**
 * Real documents the tests read, kept in the repository (`test/fixtures/corpus/`, sources and
 * licences in `test/fixtures/SOURCES.md`), so `npm test` needs nothing beside the checkout.
 */
export const FIXTURES_DIR = path.resolve(__dirname, '../fixtures/corpus');

/** The path of a fixture, e.g. `fixture('images/tess-phototest.tif')`. */
export function fixture(rel: string): string {
  return path.join(FIXTURES_DIR, rel);
}

export function readFixture(rel: string): Buffer {
  return fs.readFileSync(fixture(rel));
}
