import { mkdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { sql } from 'drizzle-orm'
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core'
import * as schema from './schema/index'

/** The database as the application sees it: the same type whichever driver is behind it. */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>
/** A transaction handle; has the same query API as Db. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0]
export type Queryable = Db | Tx

export interface Database {
  db: Db
  driver: 'postgres' | 'pglite'
  /** Applies the committed SQL migrations (idempotent). */
  migrate(): Promise<void>
  /** Round-trips a trivial query; throws when the database does not answer. */
  ping(): Promise<void>
  close(): Promise<void>
}

export const MIGRATIONS_FOLDER = fileURLToPath(new URL('./migrations', import.meta.url))

export interface OpenOptions {
  /** postgres://… for a real PostgreSQL. */
  url?: string
  /** Folder for the embedded database; 'memory://' for an in-memory one. */
  dataDir?: string
  /** Max connections in the postgres pool. */
  max?: number
}

/**
 * Opens PostgreSQL when a URL is given, otherwise an embedded PGlite database.
 * @example const database = await openDatabase({ dataDir: './data' }); await database.migrate()
 */
export async function openDatabase(opts: OpenOptions): Promise<Database> {
  if (opts.url) {
    const { default: postgres } = await import('postgres')
    const { drizzle } = await import('drizzle-orm/postgres-js')
    const { migrate } = await import('drizzle-orm/postgres-js/migrator')
    const client = postgres(opts.url, { max: opts.max ?? 10, onnotice: () => {}, idle_timeout: 30 })
    const db = drizzle(client, { schema }) as unknown as Db
    return {
      db,
      driver: 'postgres',
      migrate: () => migrate(drizzle(client), { migrationsFolder: MIGRATIONS_FOLDER }),
      ping: async () => void (await db.execute(sql`select 1`)),
      close: () => client.end({ timeout: 5 }),
    }
  }
  const { PGlite } = await import('@electric-sql/pglite')
  const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm')
  const { drizzle } = await import('drizzle-orm/pglite')
  const { migrate } = await import('drizzle-orm/pglite/migrator')
  const dir = opts.dataDir ?? 'memory://'
  let dataDir: string | undefined
  if (!dir.startsWith('memory://')) {
    mkdirSync(dir, { recursive: true })
    dataDir = `${dir.replace(/\/$/, '')}/pglite`
  }
  const client = await PGlite.create(dataDir, { extensions: { pg_trgm } })
  const db = drizzle(client, { schema }) as unknown as Db
  let closed = false
  return {
    db,
    driver: 'pglite',
    migrate: () => migrate(drizzle(client), { migrationsFolder: MIGRATIONS_FOLDER }),
    ping: async () => {
      if (closed) throw new Error('database closed')
      await db.execute(sql`select 1`)
    },
    close: async () => {
      closed = true
      await client.close()
    },
  }
}

/** Runs raw SQL and returns its rows on either driver (postgres-js returns an array, PGlite `{ rows }`). */
export async function queryRows<T = Record<string, unknown>>(db: Queryable, query: import('drizzle-orm').SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as T[] | { rows: T[] }
  return Array.isArray(result) ? result : result.rows
}
