import { defineConfig } from 'vitest/config'

/**
 * Three projects: unit (nothing external), integration (real PostgreSQL, one database per
 * test file) and pglite (the data-layer integration suite again on embedded PGlite).
 */
export default defineConfig({
  test: {
    // two cores: two test files at a time, whatever the project
    maxWorkers: 2,
    /**
     * Tests that pull the plug under a running server (test/integration/ops: readiness when the
     * database is dropped or Redis is killed) make the drivers reject a promise nobody holds:
     * postgres-js's type lookup on a connection the pool was opening when the database went away,
     * ioredis's queued publish from the socket.io Redis adapter when Redis went away. A server
     * process logs these (server/main.ts, 'unhandled rejection') and carries on; here they are the
     * expected echo of the outage, and only these two exact shapes are let through.
     */
    onUnhandledError(error) {
      const e = error as { code?: string; query?: string; message?: string; stack?: string }
      // the same type lookup cut when a test file's own database is dropped (`with (force)`) at its end
      // while the pool was still opening a connection: CONNECTION_CLOSED instead of ECONNRESET
      if (
        (e.code === 'ECONNRESET' || e.code === 'CONNECTION_CLOSED') &&
        typeof e.query === 'string' &&
        e.query.includes('pg_catalog.pg_type')
      )
        return false
      if (e.message === 'Connection is closed.' && e.stack?.includes('ioredis')) return false
    },
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
          include: [
            'db/**/*.integration.test.ts',
            'test/integration/data/**/*.integration.test.ts',
            // the margin report's kept months rest on triggers and transaction snapshots: PGlite's too
            'test/integration/staff/lesson-cost-cache.integration.test.ts',
          ],
          env: { TEST_DRIVER: 'pglite' },
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
})
