/**
 * Migrations follow expand / contract (docs/OPERATIONS.md, "Upgrading"; docs/CONTRIBUTING.md):
 * during a rolling upgrade the previous release still runs on the migrated database, so a
 * migration may add but not take away what that release uses. Checked on the committed SQL:
 * - a column or table is dropped, renamed or changes type only in a migration that says so with
 *   `-- contract: <table>.<column> unused since <version>`, naming a release older than this
 *   one (the release that stopped using it ran beside the schema that still had it), and the
 *   schema (db/schema) no longer has it;
 * - a column added NOT NULL has a DEFAULT (the previous release's inserts do not name it).
 * Migrations up to BASELINE were written before the first release and are not held to it.
 */
import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { getTableConfig, type PgTable } from 'drizzle-orm/pg-core'
import { describe, expect, it } from 'vitest'
import { MIGRATIONS_FOLDER } from '../../../db/client'
import * as schema from '../../../db/schema/index'
import { VERSION } from '../../../server/ops/index'

/** The last migration written before the first release (0.1.0). */
const BASELINE = 14

/** Statements that take away what a running older release may use. */
const CONTRACTING = [
  /\bdrop\s+column\b/i,
  /\brename\s+column\b/i,
  /\balter\s+table\s+("?[\w.]+"?)\s+rename\s+to\b/i,
  /\bdrop\s+table\b/i,
  /\balter\s+column\s+"?\w+"?\s+(set\s+data\s+)?type\b/i,
]
const CONTRACT_NOTE = /^--\s*contract:\s*([\w.]+)\s+unused since\s+(\d+\.\d+\.\d+)\s*$/gim

/** -1, 0, 1 as semver a < = > b. */
function compareVersions(a: string, b: string): number {
  const [x, y] = [a, b].map((v) => v.split('.').map(Number))
  for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return x[i] < y[i] ? -1 : 1
  return 0
}

/** table.column of every column in db/schema (and every table, as `table`). */
function schemaNames(): Set<string> {
  const names = new Set<string>()
  for (const value of Object.values(schema)) {
    let config
    try {
      config = getTableConfig(value as PgTable)
    } catch {
      continue // relations and other exports
    }
    if (!config?.name) continue
    names.add(config.name)
    for (const col of config.columns) names.add(`${config.name}.${col.name}`)
  }
  return names
}

/** Each migration file: its number and SQL (drizzle's `--> statement-breakpoint` markers between statements). */
function migrations(): Array<{ file: string; n: number; sql: string }> {
  return readdirSync(MIGRATIONS_FOLDER)
    .filter((f) => /^\d{4}_.*\.sql$/.test(f))
    .sort()
    .map((file) => ({ file, n: Number(file.slice(0, 4)), sql: readFileSync(join(MIGRATIONS_FOLDER, file), 'utf8') }))
}

/** The statements of a migration, comments removed. */
const statements = (sql: string) =>
  sql
    .split('--> statement-breakpoint')
    .map((s) =>
      s
        .split('\n')
        .filter((line) => !line.trim().startsWith('--'))
        .join('\n'),
    )
    .filter((s) => s.trim())

/** What the rules find wrong in one migration (empty: none). */
export function expandContractProblems(m: { file: string; sql: string }, names: Set<string>, version: string): string[] {
  const problems: string[] = []
  const notes = [...m.sql.matchAll(CONTRACT_NOTE)].map((x) => ({ what: x[1], since: x[2] }))
  const contracting = statements(m.sql).filter((s) => CONTRACTING.some((re) => re.test(s)))
  if (contracting.length && notes.length === 0)
    problems.push(`${m.file}: drops, renames or retypes (${contracting[0].trim().slice(0, 80)}…) without a "-- contract:" note`)
  for (const note of notes) {
    if (compareVersions(note.since, version) >= 0)
      problems.push(`${m.file}: ${note.what} is unused since ${note.since}, not a release before ${version}`)
    if (names.has(note.what)) problems.push(`${m.file}: ${note.what} is still in db/schema`)
  }
  for (const s of statements(m.sql)) {
    for (const add of s.matchAll(/\badd\s+column\s+(?:if\s+not\s+exists\s+)?("?\w+"?)([^,;]*)/gi)) {
      if (/\bnot\s+null\b/i.test(add[2]) && !/\bdefault\b/i.test(add[2]) && !/\bgenerated\b/i.test(add[2]))
        problems.push(`${m.file}: column ${add[1]} is added NOT NULL without a DEFAULT`)
    }
  }
  return problems
}

describe('migrations follow expand / contract', () => {
  it('no migration after the first release takes away what the previous release uses', () => {
    const names = schemaNames()
    const problems = migrations()
      .filter((m) => m.n > BASELINE)
      .flatMap((m) => expandContractProblems(m, names, VERSION))
    expect(problems).toEqual([])
  })

  it('the check refuses what it should (a drop without its note, a note naming this release, a NOT NULL column without a default)', () => {
    const names = schemaNames()
    expect(names.has('users.login')).toBe(true)
    const check = (sql: string) => expandContractProblems({ file: '0099_x.sql', sql }, names, '0.3.0')
    expect(check('ALTER TABLE "users" DROP COLUMN "nickname";')).toHaveLength(1)
    expect(check('ALTER TABLE "users" RENAME COLUMN "name" TO "full_name";')).toHaveLength(1)
    expect(check('ALTER TABLE "users" ALTER COLUMN "login" SET DATA TYPE varchar(80);')).toHaveLength(1)
    expect(check('-- contract: users.nickname unused since 0.3.0\nALTER TABLE "users" DROP COLUMN "nickname";')).toHaveLength(1)
    expect(check('-- contract: users.login unused since 0.2.0\nALTER TABLE "users" DROP COLUMN "login";')).toHaveLength(1)
    expect(check('-- contract: users.nickname unused since 0.2.0\nALTER TABLE "users" DROP COLUMN "nickname";')).toEqual([])
    expect(check('ALTER TABLE "users" ADD COLUMN "nickname" text NOT NULL;')).toHaveLength(1)
    expect(check(`ALTER TABLE "users" ADD COLUMN "nickname" text DEFAULT '' NOT NULL;`)).toEqual([])
    expect(check('ALTER TABLE "users" ADD COLUMN "nickname" text;')).toEqual([])
  })
})
