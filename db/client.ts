import { existsSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import v8 from 'node:v8'
import { runInNewContext } from 'node:vm'
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
  /**
   * Applies the committed SQL migrations (idempotent) under a database-wide lock: instances that
   * start at once against one database migrate one after the other (the first applies, the others
   * find nothing left). `whileLocked` runs after the migrations, the lock still held (the first
   * start's seed or owner: created once however many instances start together).
   */
  migrate(opts?: { whileLocked?: () => Promise<unknown> }): Promise<void>
  /** Round-trips a trivial query; throws when the database does not answer. */
  ping(): Promise<void>
  close(): Promise<void>
}

export const MIGRATIONS_FOLDER = fileURLToPath(new URL('./migrations', import.meta.url))

/**
 * The role the server acts as for requests (created by migration 0007): it may read and write
 * every table but not UPDATE, DELETE or TRUNCATE `audit_log` and `doc_updates`. Migrations run as
 * the connecting (owning) user.
 */
export const APP_ROLE = 'clubroom_app'

/**
 * The advisory lock key migrations run under (PostgreSQL scopes advisory locks to one database):
 * 'Clubroom' in ASCII, as a bigint.
 */
export const MIGRATION_LOCK = 0x436c7562726f6f6dn

/**
 * Lets the app role read which migrations are applied (drizzle's own table, in the schema the
 * migrating user owns): /readyz compares it with the migrations this code ships. Idempotent.
 */
const MIGRATION_STATUS_GRANTS = `do $$ begin
  if exists (select 1 from pg_roles where rolname = '${APP_ROLE}') then
    grant usage on schema drizzle to ${APP_ROLE};
    grant select on drizzle.__drizzle_migrations to ${APP_ROLE};
  end if;
end $$`

export interface OpenOptions {
  /** postgres://… for a real PostgreSQL. */
  url?: string
  /** Folder for the embedded database; 'memory://' for an in-memory one. */
  dataDir?: string
  /** Max connections in the postgres pool. */
  max?: number
  /**
   * Act as APP_ROLE (default), so the trail is append-only for everything this handle runs;
   * false acts as the connecting user itself (maintenance only: the trail's triggers still refuse).
   */
  appRole?: boolean
}

/**
 * PostgreSQL settings of the embedded database, on top of PGlite's own (`PGlite.defaultStartParams`,
 * which already run it with fsync off). shared_buffers: PostgreSQL's default 128 MB is allocated and
 * zeroed inside the WebAssembly memory at every start (~140 MB resident before the first query, and
 * most of the start time); 16 MB holds a center's working set (the demo's database is ~10 MB), and
 * pages beyond it are read from the operating system's file cache. Durability is unchanged: every
 * commit is written to the data directory as before.
 */
export const PGLITE_SETTINGS = ['-c', 'shared_buffers=16MB']

/**
 * V8 compiles PGlite's WebAssembly (PostgreSQL, 8.7 MB) with its baseline compiler and, by default,
 * recompiles the busy functions with its optimizing compiler on background threads: at start ~1 s
 * of CPU and 50–80 MB of machine code that is never given back. Baseline only (`--liftoff-only`)
 * starts in half the CPU and memory; CPU-heavy SQL runs up to about twice as slow, a center's
 * queries (small tables, indexed) stay in the noise (docs/BENCHMARKS.md, "Start"). Set before
 * PGlite compiles; any Liftoff or wasm tiering flag on node's command line (e.g. `node
 * --no-liftoff-only dist/server/main.js`) keeps V8's choice.
 */
function wasmBaselineOnly() {
  if (process.execArgv.some((a) => /liftoff|wasm-tier|wasm-dynamic-tiering/.test(a))) return
  v8.setFlagsFromString('--liftoff-only')
}

/**
 * One full garbage collection. On a new database PGlite first runs initdb in a WebAssembly instance
 * of its own and then drops it; its memory (~350 MB resident) is garbage that V8 collects only at
 * its next full collection, which a quiet server may not reach for hours. Called once, after that.
 */
function collectGarbage() {
  v8.setFlagsFromString('--expose-gc')
  const gc = runInNewContext('gc') as () => void
  gc()
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
    const url = opts.url
    // every connection of the pool starts as the app role (the `role` startup parameter; RESET ROLE
    // comes back to it). The pool connects lazily, so `migrate()` has created the role by then.
    const client = postgres(url, {
      max: opts.max ?? 10,
      onnotice: () => {},
      idle_timeout: 30,
      // JIT off: the reports' queries cost enough to the planner to be JIT-compiled, which took about
      // a second per query (measured on five years of a center) for queries that run in tens of ms
      connection: opts.appRole === false ? { jit: 'off' } : { role: APP_ROLE, jit: 'off' },
    })
    const db = drizzle(client, { schema }) as unknown as Db
    return {
      db,
      driver: 'postgres',
      // migrations run as the connecting user, on a connection of their own that holds the lock
      // (a session lock: ending the connection releases it, even when a migration failed)
      migrate: async ({ whileLocked } = {}) => {
        const owner = postgres(url, { max: 1, onnotice: () => {} })
        try {
          await owner`select pg_advisory_lock(${MIGRATION_LOCK.toString()}::bigint)`
          await migrate(drizzle(owner), { migrationsFolder: MIGRATIONS_FOLDER })
          await owner.unsafe(MIGRATION_STATUS_GRANTS)
          await whileLocked?.()
          await owner`select pg_advisory_unlock(${MIGRATION_LOCK.toString()}::bigint)`
        } finally {
          await owner.end({ timeout: 5 })
        }
      },
      ping: async () => void (await db.execute(sql`select 1`)),
      close: () => client.end({ timeout: 5 }),
    }
  }
  wasmBaselineOnly()
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
  const initdb = dataDir === undefined || !existsSync(join(dataDir, 'PG_VERSION'))
  const client = await PGlite.create(dataDir, {
    extensions: { pg_trgm },
    startParams: [...PGlite.defaultStartParams, ...PGLITE_SETTINGS],
  })
  if (initdb) collectGarbage()
  const db = drizzle(client, { schema }) as unknown as Db
  // PGlite has one connection: it acts as the app role between migrations (SET ROLE), as its
  // superuser while migrating. Anything that runs SQL on it could RESET ROLE: on PGlite the
  // privileges guard against mistakes, not against code running inside the process.
  const actAsApp = async () => {
    if (opts.appRole === false) return
    const { rows } = await client.query(`select 1 from pg_roles where rolname = $1`, [APP_ROLE])
    if (rows.length) await client.exec(`set role ${APP_ROLE}`)
  }
  await actAsApp()
  let closed = false
  return {
    db,
    driver: 'pglite',
    // one process owns an embedded database: nothing to lock against
    migrate: async ({ whileLocked } = {}) => {
      await client.exec('reset role')
      try {
        await migrate(drizzle(client), { migrationsFolder: MIGRATIONS_FOLDER })
        await client.exec(MIGRATION_STATUS_GRANTS)
      } finally {
        await actAsApp()
      }
      await whileLocked?.()
    },
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
  const raw: unknown = await db.execute(query)
  const result = raw as T[] | { rows: T[] }
  return Array.isArray(result) ? result : result.rows
}
