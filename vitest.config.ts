// Three suites: unit tests beside the code, integration tests against a real CouchDB-protocol
// server (the embedded hub on a free port, or COUCHDB_URL), and end-to-end tests that drive the
// built renderer in Debian's Chromium.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['{shared,sync,renderer,electron,node-shared}/**/*.test.{ts,tsx}'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts', 'tests/electron/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['tests/e2e/build-once.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
