import { defineConfig } from 'vitest/config'

/**
 * Three projects: unit (nothing external), integration (real PostgreSQL, one database per
 * test file) and pglite (the data-layer integration suite again on embedded PGlite).
 */
export default defineConfig({
  test: {
    // two cores: two test files at a time, whatever the project
    maxWorkers: 2,
    projects: [
      {
        test: {
          name: 'unit',
          include: [
            'server/**/*.test.ts',
            'db/**/*.test.ts',
            'domain/**/*.test.ts',
            'client/**/*.test.ts',
            'test/arch/**/*.test.ts',
          ],
          exclude: ['**/*.integration.test.ts', 'node_modules/**'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'integration',
          include: [
            'server/**/*.integration.test.ts',
            'db/**/*.integration.test.ts',
            'test/integration/**/*.integration.test.ts',
          ],
          globalSetup: ['test/support/global-setup.ts'],
          env: { TEST_DRIVER: 'postgres' },
          testTimeout: 60_000,
          hookTimeout: 60_000,
          fileParallelism: true,
        },
      },
      {
        test: {
          name: 'pglite',
          include: ['db/**/*.integration.test.ts', 'test/integration/data/**/*.integration.test.ts'],
          env: { TEST_DRIVER: 'pglite' },
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
})
