import { sql } from 'drizzle-orm'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { queryRows, type Db } from '../../../db/client'
import { clients } from '../../../db/schema/index'
import { ATTENDANCE_STATUSES } from '../../../domain/timetable/rules'
import { createTestDatabase, type TestDatabase } from '../../support/db'

/**
 * The lessons' attendance counts (migration 0037) that teacher performance reads: whatever marks
 * are written, changed and taken back, in several transactions at once, each lesson's counts equal
 * a count of its attendance rows (marked; present, late and walk-in as attended).
 */
let database: TestDatabase
const clientIds: string[] = []
const LESSONS = ['L1', 'L2', 'L3']

beforeAll(async () => {
  database = await createTestDatabase()
  for (let i = 0; i < 4; i++) {
    const [c] = await database.db
      .insert(clients)
      .values({ firstName: `Pupil ${i}`, lastName: 'Counts' })
      .returning()
    clientIds.push(c.id)
  }
})
afterAll(() => database?.destroy())

type Op =
  | { kind: 'mark'; lesson: number; client: number; status: number }
  | { kind: 'change'; lesson: number; status: number }
  | { kind: 'take back'; lesson: number; client: number }

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('mark' as const), lesson: fc.nat(2), client: fc.nat(3), status: fc.nat(4) }),
  fc.record({ kind: fc.constant('change' as const), lesson: fc.nat(2), status: fc.nat(4) }),
  fc.record({ kind: fc.constant('take back' as const), lesson: fc.nat(2), client: fc.nat(3) }),
)

async function applyIn(db: Pick<Db, 'execute'>, o: Op) {
  const lesson = LESSONS[o.lesson]
  if (o.kind === 'mark')
    await db.execute(sql`insert into attendance (lesson_id, client_id, status) values (${lesson}, ${clientIds[o.client]}, ${ATTENDANCE_STATUSES[o.status]})
      on conflict (lesson_id, client_id) do update set status = excluded.status`)
  else if (o.kind === 'change')
    await db.execute(sql`update attendance set status = ${ATTENDANCE_STATUSES[o.status]} where lesson_id = ${lesson}`)
  else await db.execute(sql`delete from attendance where lesson_id = ${lesson} and client_id = ${clientIds[o.client]}`)
}

const counted = () =>
  queryRows<{ lesson_id: string; marked: number; attended: number }>(
    database.db,
    sql`select l.id as lesson_id, coalesce(c.marked, 0) as marked, coalesce(c.attended, 0) as attended
        from unnest(array[${sql.join(
          LESSONS.map((l) => sql`${l}`),
          sql`, `,
        )}]::text[]) l(id) left join lesson_attendance_counts c on c.lesson_id = l.id order by 1`,
  )
const recounted = () =>
  queryRows<{ lesson_id: string; marked: number; attended: number }>(
    database.db,
    sql`select l.id as lesson_id, count(a.status)::int as marked,
               count(a.status) filter (where a.status in ('present', 'late', 'walk_in'))::int as attended
        from unnest(array[${sql.join(
          LESSONS.map((l) => sql`${l}`),
          sql`, `,
        )}]::text[]) l(id) left join attendance a on a.lesson_id = l.id group by 1 order by 1`,
  )

describe('a lesson’s attendance counts', () => {
  it('equal a count of its marks after any writes, several transactions at once', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(op, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 4 }),
        async (batches) => {
          // each batch one transaction, the batches at the same time (a conflict is retried, as a command is)
          await Promise.all(
            batches.map(async (ops) => {
              for (let attempt = 0; ; attempt++) {
                try {
                  await database.db.transaction(async (tx) => {
                    for (const o of ops) await applyIn(tx, o)
                  })
                  return
                } catch (e) {
                  // two batches changing the same marks in another order: PostgreSQL refuses one
                  const code = (e as { cause?: { code?: string } }).cause?.code
                  if (attempt < 5 && code === '40P01') continue
                  throw e
                }
              }
            }),
          )
          expect(await counted()).toEqual(await recounted())
        },
      ),
      { numRuns: 30 },
    )
  })
})
