import { sql } from 'drizzle-orm'
import { queryRows, type Database } from '../../../db/client'

/** The database's kind and its size on disk (PostgreSQL's own count; PGlite's too, from its data directory). */
export async function databaseInfo(database: Database): Promise<{ kind: Database['driver']; sizeBytes: number }> {
  const [row] = await queryRows<{ size: string | number }>(database.db, sql`select pg_database_size(current_database()) as size`)
  return { kind: database.driver, sizeBytes: Number(row?.size ?? 0) }
}
