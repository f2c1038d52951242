import { randomBytes } from 'node:crypto'
import postgres from 'postgres'

/** The admin URL of the PostgreSQL the benchmarks create their databases on. */
export const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'
/** Every database a benchmark creates starts with this (stale ones are dropped on the next run). */
export const BENCH_DB_PREFIX = 'clubroom_bench_'

export function urlFor(dbName: string): string {
  const u = new URL(ADMIN_URL)
  u.pathname = '/' + dbName
  return u.toString()
}

export function admin() {
  return postgres(ADMIN_URL, { max: 1, onnotice: () => {} })
}

export async function postgresVersion(): Promise<string | null> {
  const sql = admin()
  try {
    const [row] = await sql`show server_version`
    return String(row.server_version)
  } catch {
    return null
  } finally {
    await sql.end({ timeout: 2 })
  }
}

/** Creates a database (empty, or a copy of `template`) and returns its name. */
export async function createDatabase(label: string, template?: string): Promise<string> {
  // the creating process's pid is in the name: a later run drops it only once that process is gone
  const name = `${BENCH_DB_PREFIX}${label}_p${process.pid}_${randomBytes(3).toString('hex')}`
  const sql = admin()
  try {
    await sql.unsafe(`create database "${name}"${template ? ` template "${template}"` : ''}`)
  } finally {
    await sql.end({ timeout: 2 })
  }
  return name
}

export async function dropDatabase(name: string): Promise<void> {
  const sql = admin()
  try {
    await sql.unsafe(`drop database if exists "${name}" with (force)`)
  } finally {
    await sql.end({ timeout: 2 })
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

/** Drops databases left behind by an interrupted benchmark run (never those of a run still going). */
export async function dropStaleDatabases(): Promise<string[]> {
  const sql = admin()
  try {
    const rows = await sql`select datname from pg_database where datname like ${BENCH_DB_PREFIX + '%'}`
    const stale = rows
      .map((r) => String(r.datname))
      .filter((name) => {
        const pid = Number(/_p(\d+)_[0-9a-f]+$/.exec(name)?.[1])
        return !pid || !alive(pid)
      })
    for (const datname of stale) await sql.unsafe(`drop database if exists "${datname}" with (force)`)
    return stale
  } finally {
    await sql.end({ timeout: 2 })
  }
}

/** Gives the backends serving a database the benchmark priority (see BENCH_NICE); returns how many. */
export async function raiseBackends(sql: postgres.Sql, dbName: string): Promise<number> {
  const { raisePriority } = await import('./proc')
  let n = 0
  for (const pid of await backendPids(sql, dbName)) if (raisePriority(pid)) n++
  return n
}

/** The same with a short-lived admin connection. */
export async function raiseBackendsOf(dbName: string): Promise<number> {
  const sql = admin()
  try {
    return await raiseBackends(sql, dbName)
  } finally {
    await sql.end({ timeout: 2 })
  }
}

/** Backend pids connected to a database (for PostgreSQL's share of the CPU). */
export async function backendPids(sql: postgres.Sql, dbName: string): Promise<number[]> {
  const rows = await sql`select pid from pg_stat_activity where datname = ${dbName} and pid <> pg_backend_pid()`
  return rows.map((r) => Number(r.pid))
}
