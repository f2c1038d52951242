import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sql } from 'drizzle-orm'
import * as Y from 'yjs'
import { queryRows } from '../../../db/client'
import { auditLog, medicalViews } from '../../../db/schema/index'
import { createTestApp } from '../../support/app'
import { createTestDatabase, type TestDatabase } from '../../support/db'
import { buildStaff } from '../../support/factories'

/**
 * Issue #16: a checkpoint closed while staff keep writing puts every change on exactly one side of
 * it. Several writers run transactions in parallel — commands (audit rows), document updates and
 * views of medical data, each transaction held open a little — while audits are closed; one
 * transaction writes before the checkpoint and commits after it. Then the changes before each
 * checkpoint and after it, read through the API, are disjoint and together are the whole trail.
 */

let database: TestDatabase
let t: ReturnType<typeof createTestApp>
let auditor: string
let staff: Awaited<ReturnType<typeof buildStaff>>

beforeAll(async () => {
  database = await createTestDatabase()
  staff = await buildStaff(database.db)
  t = createTestApp(database)
  auditor = await t.login('auditor')
})
afterAll(async () => {
  await database?.destroy()
})

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** Ids of every change in the window, through the API, page by page. */
async function ids(query: string): Promise<number[]> {
  const out: number[] = []
  let cursor: string | null = null
  for (;;) {
    const res = await t.call('GET', `/api/audit/changes?limit=97&${query}${cursor ? `&cursor=${cursor}` : ''}`, {
      cookie: auditor,
    })
    expect(res.status, JSON.stringify(res.data)).toBe(200)
    out.push(...(res.data.items as Array<{ id: number }>).map((i) => i.id))
    cursor = res.data.cursor
    if (!cursor) return out
  }
}

function yUpdate(n: number): Buffer {
  const d = new Y.Doc()
  d.getMap('cells').set(`k${n}`, n)
  return Buffer.from(Y.encodeStateAsUpdate(d))
}

describe('a checkpoint closed while staff keep writing', () => {
  it('puts every change on exactly one side of it: none lost, none counted twice', async () => {
    const db = database.db
    const clientId = '00000000-0000-4000-8000-00000000c11e'
    let docSeq = 0
    let stop = false
    const writers: Array<Promise<number>> = []
    // commands: an audit row in a transaction held open for a few milliseconds
    for (let w = 0; w < 3; w++)
      writers.push(
        (async () => {
          let n = 0
          while (!stop) {
            await db.transaction(async (tx) => {
              await tx
                .insert(auditLog)
                .values({ actorId: staff.manager.id, action: 'rooms.update', entity: 'room', entityId: `w${w}-${n}` })
              await tx.execute(sql`select pg_sleep(${(n % 4) * 0.004})`)
            })
            n++
          }
          return n
        })(),
      )
    // document updates: each its own seq, held open too
    for (let w = 0; w < 2; w++)
      writers.push(
        (async () => {
          let n = 0
          while (!stop) {
            const seq = ++docSeq
            await db.transaction(async (tx) => {
              await tx.execute(sql`select pg_sleep(${(n % 3) * 0.003})`)
              await tx.execute(
                sql`insert into doc_updates (doc, seq, user_id, update, changes) values (${'scratch:race'}, ${seq}, ${staff.reception.id}, ${yUpdate(seq)}, ${JSON.stringify([{ path: `cells.k${seq}`, kind: 'add', before: null, after: seq }])}::jsonb)`,
              )
              await tx.execute(sql`select pg_sleep(${(n % 2) * 0.005})`)
            })
            n++
          }
          return n
        })(),
      )
    // views of medical data
    writers.push(
      (async () => {
        let n = 0
        while (!stop) {
          await db.insert(medicalViews).values({ clientId, userId: staff.owner.id, what: 'document' })
          await pause(3)
          n++
        }
        return n
      })(),
    )

    // one transaction writes before the first checkpoint and commits after it
    let releaseStraddler!: () => void
    const straddlerHeld = new Promise<void>((r) => (releaseStraddler = r))
    let straddlerWrote!: () => void
    const straddlerIn = new Promise<void>((r) => (straddlerWrote = r))
    const straddler = db.transaction(async (tx) => {
      const [row] = await tx
        .insert(auditLog)
        .values({ actorId: staff.accountant.id, action: 'rooms.update', entity: 'room', entityId: 'straddler' })
        .returning({ ts: auditLog.trailSeq, at: auditLog.at })
      straddlerWrote()
      await straddlerHeld
      return row
    })

    await pause(60)
    await straddlerIn
    const checkpoints: number[] = []
    for (let i = 0; i < 3; i++) {
      const res = await t.call('POST', '/api/audit/checkpoints', { cookie: auditor, json: { note: `cp ${i}` } })
      expect(res.status, JSON.stringify(res.data)).toBe(201)
      checkpoints.push(res.data.id)
      if (i === 0) releaseStraddler()
      await pause(50)
    }
    stop = true
    const counts = await Promise.all(writers)
    const straddled = await straddler
    expect(counts.every((n) => n > 3)).toBe(true)

    const total = (
      await queryRows<{ ts: string }>(
        db,
        sql`select trail_seq as ts from audit_log union all select trail_seq from doc_updates union all select trail_seq from medical_views`,
      )
    ).map((r) => Number(r.ts))
    expect(new Set(total).size).toBe(total.length)
    const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b)

    for (const cp of checkpoints) {
      const before = await ids(`since=start&until=${cp}`)
      const after = await ids(`since=${cp}`)
      expect(new Set(before).size).toBe(before.length)
      expect(new Set(after).size).toBe(after.length)
      const inBoth = before.filter((id) => after.includes(id))
      expect(inBoth).toEqual([])
      expect(sorted([...before, ...after])).toEqual(sorted(total))
      expect(before.length).toBeGreaterThan(0)
      expect(after.length).toBeGreaterThan(0)
    }
    // consecutive audits tile the trail: each change in exactly one of them
    const windows = [
      await ids(`since=start&until=${checkpoints[0]}`),
      await ids(`since=${checkpoints[0]}&until=${checkpoints[1]}`),
      await ids(`since=${checkpoints[1]}&until=${checkpoints[2]}`),
      await ids(`since=${checkpoints[2]}`),
    ]
    expect(sorted(windows.flat())).toEqual(sorted(total))

    // the straddler: numbered before the first checkpoint read the trail, started before it, committed after it
    const [cp0] = await queryRows<{ trail_max: string; closed_at: Date | string }>(
      db,
      sql`select trail_max, closed_at from audit_checkpoints where id = ${checkpoints[0]}`,
    )
    expect(Number(straddled.ts)).toBeLessThanOrEqual(Number(cp0.trail_max))
    expect(new Date(straddled.at).getTime()).toBeLessThan(new Date(cp0.closed_at).getTime())
    expect(windows[0]).not.toContain(Number(straddled.ts))
    expect(windows[1]).toContain(Number(straddled.ts))
  })
})
