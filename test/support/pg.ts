import postgres from 'postgres'

/** The admin URL of the test PostgreSQL (TEST_DATABASE_URL overrides). */
export const ADMIN_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'

/** The URL of another database on the same server. */
export function urlFor(dbName: string): string {
  const u = new URL(ADMIN_URL)
  u.pathname = '/' + dbName
  return u.toString()
}

/** Is PostgreSQL reachable? With CI=true a missing server is an error, never a silent skip. */
export async function pgAvailable(): Promise<boolean> {
  const sql = postgres(ADMIN_URL, { max: 1, connect_timeout: 3, onnotice: () => {} })
  try {
    await sql`select 1`
    return true
  } catch {
    return false
  } finally {
    await sql.end({ timeout: 1 }).catch(() => {})
  }
}

export function admin() {
  return postgres(ADMIN_URL, { max: 1, onnotice: () => {} })
}
