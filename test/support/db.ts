import { randomBytes } from 'node:crypto'
import { sql as q } from 'drizzle-orm'
import { APP_ROLE, openDatabase, type Database, type Db } from '../../db/client'
import { inject } from 'vitest'
import { admin, urlFor } from './pg'

export type TestDriver = 'postgres' | 'pglite'
export const TEST_DRIVER: TestDriver = process.env.TEST_DRIVER === 'pglite' ? 'pglite' : 'postgres'

export interface TestDatabase extends Database {
  /** postgres://… of this file's own database (undefined on PGlite). */
  url?: string
  /** Closes and drops the database. */
  destroy(): Promise<void>
  /**
   * Runs `fn` as the owning user instead of the app role (`database.db` acts as clubroom_app):
   * for tests that plant or break what the app may not (the trail's triggers still apply).
   */
  asOwner<T>(fn: (db: Db) => Promise<T>): Promise<T>
}

/**
 * Test centers speak English: a request without Accept-Language is answered in the center's
 * default language (a new center's is Armenian), and the tests read English messages. Tests of
 * the other languages send Accept-Language or change the default (PATCH /api/center).
 */
export async function speakEnglish(db: Db): Promise<void> {
  await db.execute(q`update center_settings set default_locale = 'en'`)
}

/**
 * A fresh, migrated database for one test file: a clone of the migrated template on PostgreSQL,
 * or an in-memory PGlite when TEST_DRIVER=pglite.
 */
export async function createTestDatabase(driver: TestDriver = TEST_DRIVER): Promise<TestDatabase> {
  if (driver === 'pglite') {
    const database = await openDatabase({ dataDir: 'memory://' })
    await database.migrate()
    await speakEnglish(database.db)
    return {
      ...database,
      destroy: () => database.close(),
      // one connection: leave the role for the call, then take it again
      asOwner: async (fn) => {
        await database.db.execute(q`reset role`)
        try {
          return await fn(database.db)
        } finally {
          await database.db.execute(q.raw(`set role ${APP_ROLE}`))
        }
      },
    }
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
    asOwner: async (fn) => {
      const owner = await openDatabase({ url, max: 1, appRole: false })
      try {
        return await fn(owner.db)
      } finally {
        await owner.close()
      }
    },
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
