import { getTableColumns, getTableName, is } from 'drizzle-orm'
import { PgTable, getTableConfig } from 'drizzle-orm/pg-core'
import * as schema from '../../db/schema/index'
import { AppError, ConflictError, ValidationError } from '../errors'

/**
 * PostgreSQL refusals (the same SQLSTATE codes on postgres-js and PGlite) as the answers a user
 * can act on: a unique violation is a 409 naming the field that is taken, a missing or still
 * used reference a 400/409 naming the field, a value the database cannot hold a 400. Never a 500.
 */

/** The database error inside whatever wrapped it (drizzle wraps query errors, keeping `cause`). */
function findDbError(err: unknown): DbError | null {
  for (let e: unknown = err, depth = 0; e && typeof e === 'object' && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return e as DbError
  }
  return null
}

interface DbError {
  code: string
  detail?: string
  // postgres-js
  constraint_name?: string
  column_name?: string
  table_name?: string
  // PGlite
  constraint?: string
  column?: string
  table?: string
}

const camel = (s: string) => s.replace(/_([a-z0-9])/g, (_, ch: string) => ch.toUpperCase())

/** Constraint or unique index name → the input field it is about; built once from the drizzle schema. */
let constraintFields: Map<string, string> | null = null
function fieldOfConstraint(name: string | undefined): string | undefined {
  if (!name) return undefined
  if (!constraintFields) {
    const fields = new Map<string, string>()
    constraintFields = fields
    for (const table of Object.values(schema)) {
      if (!is(table, PgTable)) continue
      const keyOf = new Map(Object.entries(getTableColumns(table)).map(([key, col]) => [col.name, key]))
      const tableName = getTableName(table)
      const config = getTableConfig(table)
      const put = (constraint: string | undefined, columns: string[]) => {
        if (constraint && columns.length)
          fields.set(constraint, keyOf.get(columns[columns.length - 1]) ?? camel(columns[columns.length - 1]))
      }
      for (const col of config.columns) if (col.isUnique) put(col.uniqueName ?? `${tableName}_${col.name}_unique`, [col.name])
      for (const u of config.uniqueConstraints)
        put(
          u.getName(),
          u.columns.map((c) => c.name),
        )
      for (const i of config.indexes)
        if (i.config.unique) put(i.config.name, i.config.columns.map((c) => ('name' in c ? String(c.name) : '')).filter(Boolean))
      for (const fk of config.foreignKeys)
        put(
          fk.getName(),
          fk.reference().columns.map((c) => c.name),
        )
      for (const pk of config.primaryKeys)
        put(
          pk.getName(),
          pk.columns.map((c) => c.name),
        )
    }
  }
  return constraintFields.get(name)
}

/** `Key (name)=(x) already exists.` / `Key (group_id, client_id)=…` → the (last) column's field. */
function fieldOfDetail(detail: string | undefined): string | undefined {
  const m = detail ? /Key \(([^)]+)\)=/.exec(detail) : null
  if (!m) return undefined
  const cols = m[1].split(',').map((c) => c.trim().replace(/^"|"$/g, ''))
  return camel(cols[cols.length - 1])
}

/** The field a database refusal is about: its constraint, its detail, its column; `_` when none says. */
function fieldOf(e: DbError): string {
  return (
    fieldOfConstraint(e.constraint_name ?? e.constraint) ?? fieldOfDetail(e.detail) ?? camelOrBlank(e.column_name ?? e.column)
  )
}

/** The AppError a database refusal means, or null when `err` is not one the user caused. */
export function dbErrorToAppError(err: unknown): AppError | null {
  const e = findDbError(err)
  if (!e) return null
  const field = fieldOf(e)
  switch (e.code) {
    case '23505':
      return ConflictError('errors.conflict.inUse', { [field]: 'errors.field.taken' })
    case '23503':
      return /still referenced/.test(e.detail ?? '')
        ? ConflictError('errors.conflict.stillReferenced', { [field]: 'errors.field.stillReferenced' })
        : ValidationError({ [field]: 'errors.field.unknownReference' })
    case '23502':
      return ValidationError({ [field]: 'errors.field.required' })
    case '23514':
    case '23P01':
      return ValidationError({ [field]: 'errors.field.notAllowedByRules' })
    case '40001':
    case '40P01':
    case '55P03':
      return new AppError(409, 'conflict', 'errors.conflict.concurrent')
    case '57014':
      return new AppError(503, 'busy', 'errors.busy')
  }
  // class 22 (data exception: out of range, invalid text, bad dates, NUL bytes, too long…) and
  // 54 (a value too large to index): the input, not the server
  if (e.code.startsWith('22') || e.code === '54000') return ValidationError({ [field]: 'errors.field.cannotStore' })
  return null
}

/** A column name as its input field, or `_` when the database named none. */
function camelOrBlank(column: string | undefined): string {
  return column ? camel(column) : '_'
}
