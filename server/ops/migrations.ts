import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { sql } from 'drizzle-orm'
import { MIGRATIONS_FOLDER, queryRows, type Db } from '../../db/client'

/** The newest migration this code ships (drizzle's journal: each entry's `when` is what the database records). */
export function shippedMigration(folder = MIGRATIONS_FOLDER): number {
  const journal = JSON.parse(readFileSync(join(folder, 'meta', '_journal.json'), 'utf8')) as { entries: Array<{ when: number }> }
  return Math.max(0, ...journal.entries.map((e) => e.when))
}

/**
 * Has the database every migration this code ships? A database ahead of the code (a newer instance
 * migrated it, expand / contract: docs/OPERATIONS.md, "Upgrading") is current too; one behind is not
 * (an older backup restored under a running instance, a start that skipped migrating).
 */
export async function migrationsCurrent(db: Db, shipped: number): Promise<boolean> {
  const [row] = await queryRows<{ newest: string | number | null }>(
    db,
    sql`select max(created_at) as newest from drizzle.__drizzle_migrations`,
  )
  return Number(row?.newest ?? 0) >= shipped
}
