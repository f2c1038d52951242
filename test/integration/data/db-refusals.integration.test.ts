import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sql } from 'drizzle-orm'
import { branches, rooms } from '../../../db/schema/index'
import { dbErrorToAppError } from '../../../server/http/db-errors'
import { createTestDatabase, TEST_DRIVER, type TestDatabase } from '../../support/db'

/** Issue #11 point 5: what PostgreSQL refuses is a 4xx naming the field, on both drivers (real errors, not shapes). */

let database: TestDatabase
beforeAll(async () => {
  database = await createTestDatabase()
})
afterAll(async () => {
  await database?.destroy()
})

async function refusal(write: () => Promise<unknown>) {
  try {
    await write()
  } catch (err) {
    return dbErrorToAppError(err)
  }
  throw new Error('the database accepted it')
}

describe(`database refusals on ${TEST_DRIVER}`, () => {
  it('a taken unique name is a 409 naming it; a missing reference a 400 naming it', async () => {
    await database.db.insert(branches).values({ name: 'East', address: 'x' })
    expect(await refusal(() => database.db.insert(branches).values({ name: 'East', address: 'y' }))).toMatchObject({ status: 409, fields: { name: { id: 'errors.field.taken' } } })
    expect(await refusal(() => database.db.insert(rooms).values({ branchId: '00000000-0000-4000-8000-000000000000', name: 'R', capacity: 1 }))).toMatchObject({ status: 400, fields: { branchId: { id: 'errors.field.unknownReference' } } })
  })

  it('a value the database cannot hold is a 400, inside a transaction too', async () => {
    expect(await refusal(() => database.db.execute(sql`select '2026-02-31'::date`))).toMatchObject({ status: 400 })
    expect(await refusal(() => database.db.execute(sql`select ${'99999999999999999999'}::bigint`))).toMatchObject({ status: 400 })
    expect(await refusal(() => database.db.transaction((tx) => tx.execute(sql`select 'not-a-uuid'::uuid`)))).toMatchObject({ status: 400 })
  })
})
