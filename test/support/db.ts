import { randomBytes } from 'node:crypto'
import { openDatabase, type Database } from '../../db/client'
import { inject } from 'vitest'
import { admin, urlFor } from './pg'

export type TestDriver = 'postgres' | 'pglite'
export const TEST_DRIVER: TestDriver = process.env.TEST_DRIVER === 'pglite' ? 'pglite' : 'postgres'

export interface TestDatabase extends Database {
  /** postgres://… of this file's own database (undefined on PGlite). */
  url?: string
  /** Closes and drops the database. */
  destroy(): Promise<void>
}

/**
 * A fresh, migrated database for one test file: a clone of the migrated template on PostgreSQL,
 * or an in-memory PGlite when TEST_DRIVER=pglite.
 */
export async function createTestDatabase(driver: TestDriver = TEST_DRIVER): Promise<TestDatabase> {
  if (driver === 'pglite') {
    const database = await openDatabase({ dataDir: 'memory://' })
    await database.migrate()
    return { ...database, destroy: () => database.close() }
  }
  const template = inject('templateDb')
  // clubroom_t_<run stamp of the template>_<random>: a later run knows whose it is
  const name = `clubroom_t_${template.slice('clubroom_tpl_'.length, -4)}_${randomBytes(5).toString('hex')}`
  const sql = admin()
  try {
    await sql.unsafe(`create database "${name}" template "${template}"`)
  } finally {
    await sql.end()
  }
  const url = urlFor(name)
  const database = await openDatabase({ url, max: 5 })
  return {
    ...database,
    url,
    destroy: async () => {
      await database.close()
      const s = admin()
      try {
        await s.unsafe(`drop database if exists "${name}" with (force)`)
      } finally {
        await s.end()
      }
    },
  }
}
