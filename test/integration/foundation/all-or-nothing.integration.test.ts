import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import postgres from 'postgres'
import { and, count, eq } from 'drizzle-orm'
import { auditLog, clientGuardians, clients, clientStatusHistory, lessons } from '../../../db/schema/index'
import type { RunningServer } from '../../../server/server'
import { createTestDatabase, type TestDatabase } from '../../support/db'
import { startTestServer } from '../../support/app'
import { apiCaller } from '../../support/http'
import { buildStaff } from '../../support/factories'
import { login, waitFor } from '../collab/helpers'

/**
 * Issue #11 point 5: a command and its audit row commit together or not at all. Each test makes
 * the last step of a command fail and checks that nothing it wrote was kept.
 */

let database: TestDatabase
let server: RunningServer
let owner: string
/** The database owner's connection: plants the failure (the server's own role may not create triggers). */
let admin: ReturnType<typeof postgres>
let staff: Awaited<ReturnType<typeof buildStaff>>
const call = (...args: Parameters<ReturnType<typeof apiCaller>>) => apiCaller(server)(...args)
const audits = async (action: string) =>
  (await database.db.select({ n: count() }).from(auditLog).where(eq(auditLog.action, action)))[0].n

/** The audit row of `action` — the last thing a command writes — fails while `fn` runs. */
async function withFailingAudit<T>(action: string, fn: () => Promise<T>): Promise<T> {
  await admin.unsafe(
    `create or replace function fail_audit() returns trigger language plpgsql as $$ begin raise exception 'planted failure'; end $$`,
  )
  await admin.unsafe(
    `create trigger fail_audit before insert on audit_log for each row when (NEW.action = '${action}') execute function fail_audit()`,
  )
  try {
    return await fn()
  } finally {
    await admin.unsafe(`drop trigger fail_audit on audit_log`)
  }
}

beforeAll(async () => {
  database = await createTestDatabase()
  staff = await buildStaff(database.db)
  server = await startTestServer(database)
  owner = await login(server, 'owner')
  admin = postgres(database.url!, { max: 1, onnotice: () => {} })
})
afterAll(async () => {
  await admin?.end()
  await server?.close()
  await database?.destroy()
})

const registration = {
  firstName: 'Mia',
  lastName: 'Kern',
  birthDate: '2016-05-01',
  consent: true,
  source: 'referral',
  guardians: [{ name: 'Eva Kern', relation: 'mother', phone: '+49 170 7654321' }],
}

describe('one command, one transaction, its audit row included', () => {
  it('registration: when the audit row fails, no client, guardian or status history is kept', async () => {
    const res = await withFailingAudit('clients.create', () => call('POST', '/api/clients', owner, registration))
    expect(res.status).toBe(500)
    expect(JSON.stringify(res.data)).not.toMatch(/planted|\bat |\.ts:/)
    for (const table of [clients, clientGuardians, clientStatusHistory])
      expect((await database.db.select({ n: count() }).from(table))[0].n).toBe(0)
  })

  it('registration: when the client file cannot be written, the registration is taken back (no client without its file)', async () => {
    const docs = server.deps.docs!
    const real = docs.applyAsUser
    docs.applyAsUser = async () => {
      throw new Error('document store unavailable')
    }
    try {
      const res = await call('POST', '/api/clients', owner, { ...registration, firstName: 'Ida' })
      expect(res.status).toBe(500)
    } finally {
      docs.applyAsUser = real
    }
    for (const table of [clients, clientGuardians, clientStatusHistory])
      expect((await database.db.select({ n: count() }).from(table))[0].n).toBe(0)
    expect(await audits('clients.create_undone')).toBe(1)
  })

  it('an observation: when its document write fails, no audit row claims it', async () => {
    const created = await call('POST', '/api/clients', owner, registration)
    expect(created.status).toBe(201)
    const docs = server.deps.docs!
    const real = docs.applyAsUser
    docs.applyAsUser = async () => {
      throw new Error('document store unavailable')
    }
    try {
      const res = await call('POST', `/api/clients/${created.data.id}/observations`, owner, { text: 'Builds fast' })
      expect(res.status).toBe(500)
    } finally {
      docs.applyAsUser = real
    }
    expect(await audits('clients.observe')).toBe(0)
    const ok = await call('POST', `/api/clients/${created.data.id}/observations`, owner, { text: 'Builds fast' })
    expect(ok.status).toBe(201)
    expect(await audits('clients.observe')).toBe(1)
  })

  it('timetable generation: the lessons, alerts and audit row are one transaction; when it fails the documents still decide', async () => {
    const { branch } = (await call('POST', '/api/branches', owner, { name: 'North', address: 'x' })).data
    const { room } = (await call('POST', '/api/rooms', owner, { branchId: branch.id, name: 'Room 1', capacity: 10 })).data
    const { activity } = (
      await call('POST', '/api/activities', owner, {
        name: 'Chess',
        category: 'games',
        durationMinutes: 60,
        maxGroupSize: 10,
        staffRatio: 10,
        pricePerSession: 1000,
      })
    ).data
    const monday = (() => {
      const d = new Date()
      d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7) + 7)
      return d.toISOString().slice(0, 10)
    })()
    const sunday = new Date(Date.parse(monday) + 6 * 86_400_000).toISOString().slice(0, 10)
    const group = await call('POST', '/api/groups', owner, {
      branchId: branch.id,
      activityId: activity.id,
      name: 'Chess A',
      teacherId: staff.teacher.id,
      roomId: room.id,
      pattern: [
        { weekday: 1, start: '16:00', end: '17:00' },
        { weekday: 3, start: '16:00', end: '17:00' },
      ],
      termStart: monday,
      termEnd: sunday,
    })
    expect(group.status).toBe(201)
    // which transaction wrote what: txid_current() is the top-level transaction's id, inside savepoints too
    await admin.unsafe(`create table written_by (tbl text, action text, txid bigint)`)
    await admin.unsafe(
      `create function note_tx() returns trigger language plpgsql security definer as $$ begin insert into written_by values (TG_TABLE_NAME, to_jsonb(NEW)->>'action', txid_current()); return null; end $$`,
    )
    await admin.unsafe(`create trigger note_tx after insert or update on lessons for each row execute function note_tx()`)
    await admin.unsafe(
      `create trigger note_tx after insert on audit_log for each row when (NEW.action = 'timetable.generate') execute function note_tx()`,
    )
    const first = await call('POST', '/api/timetable/generate', owner, { branchId: branch.id, from: monday, to: monday })
    expect(first.status).toBe(200)
    const written = await admin<{ tbl: string; txid: string }[]>`select tbl, txid::text from written_by`
    const auditTx = written.filter((w) => w.tbl === 'audit_log').map((w) => w.txid)
    expect(auditTx).toHaveLength(1)
    expect(written.filter((w) => w.tbl === 'lessons').map((w) => w.txid)).toEqual([auditTx[0]])

    const input = { branchId: branch.id, from: monday, to: sunday }
    const failed = await withFailingAudit('timetable.generate', () => call('POST', '/api/timetable/generate', owner, input))
    expect(failed.status).toBe(500)
    expect(await audits('timetable.generate')).toBe(1)
    // the week document holds the lesson (stored with its author); the week's own projection puts it in the table
    await waitFor(
      async () =>
        (
          await database.db
            .select({ n: count() })
            .from(lessons)
            .where(and(eq(lessons.branchId, branch.id), eq(lessons.deleted, false)))
        )[0].n === 2,
      5000,
    )
    const again = await call('POST', '/api/timetable/generate', owner, input)
    expect(again.status).toBe(200)
    expect(again.data).toMatchObject({ created: 0, skipped: 2 })
    expect(await audits('timetable.generate')).toBe(2)
  })
})
