import { randomBytes } from 'node:crypto'
import postgres from 'postgres'
import { openDatabase, type Database } from '../../../../db/client'

/** A throw-away migrated database on the test PostgreSQL (TEST_DATABASE_URL is the admin URL). */
export async function scratchDatabase(): Promise<Database & { url: string; destroy(): Promise<void> }> {
  const admin = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'
  const name = `clubroom_measure_${randomBytes(4).toString('hex')}`
  const sql = postgres(admin, { max: 1, onnotice: () => {} })
  await sql.unsafe(`create database "${name}"`)
  await sql.end()
  const u = new URL(admin)
  u.pathname = '/' + name
  const database = await openDatabase({ url: u.toString(), max: 10 })
  await database.migrate()
  return {
    ...database,
    url: u.toString(),
    destroy: async () => {
      await database.close()
      const s = postgres(admin, { max: 1, onnotice: () => {} })
      await s.unsafe(`drop database if exists "${name}" with (force)`)
      await s.end()
    },
  }
}
