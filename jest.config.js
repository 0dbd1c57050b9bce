/**
 * Jest runs the TypeScript sources directly through ts-jest; tests live in test/. The corpus walk
 * (test/corpus/) reads documents outside the repository, so it is its own tier: `npm run
 * test:corpus` sets KILDE_CORPUS_WALK=1; `npm test` leaves it out and reads only the repository.
 */
const corpusWalk = process.env.KILDE_CORPUS_WALK === '1';
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  testPathIgnorePatterns: corpusWalk ? ['/node_modules/'] : ['/node_modules/', '<rootDir>/test/corpus/'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json', diagnostics: { warnOnly: false } }] },
  testTimeout: 60000,
};
