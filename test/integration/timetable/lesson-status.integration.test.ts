import { describe, expect, it } from 'vitest'
import { eq } from 'drizzle-orm'
import type * as Y from 'yjs'
import { activities, clientGuardians, clients, lessonCompletions, lessons } from '../../../db/schema/index'
import { projectClientFile } from '../../../server/modules/clients/file-projection'
import { encodeClientDocName, profileOf } from '../../../domain/docs/client-file'
import { encodeTimetableDocName, isoWeekOf, lessonMap, lessonsOf } from '../../../domain/docs/timetable-week'
import { createTestApp } from '../../support/app'
import { buildBranch, buildRoom } from '../../support/factories'
import { apiCaller } from '../../support/http'
import { useDocServer, waitFor } from '../collab/helpers'

/**
 * A lesson's status has one writer: the done / undo / cancel commands. The week document shows
 * the status; an edit of it there decides nothing and is put back by the server.
 */
const ctx = useDocServer({ logins: ['manager', 'reception'] })

const statusIn = (doc: Y.Doc, id: string) => lessonsOf(doc).get(id)?.get('status')
const stored = async (id: string) => (await ctx.database.db.select().from(lessons).where(eq(lessons.id, id)))[0]

async function setUp() {
  const db = ctx.database.db
  const branch = await buildBranch(db, `Status ${Math.random().toString(36).slice(2, 7)}`)
  const room = await buildRoom(db, branch.id, { name: 'Lab' })
  const [activity] = await db
    .insert(activities)
    .values({
      name: `Robotics ${branch.id.slice(0, 4)}`,
      category: 'science',
      durationMinutes: 60,
      maxGroupSize: 10,
      staffRatio: 8,
      pricePerSession: '15.00',
    })
    .returning()
  const start = new Date(Date.now() - 10 * 60_000)
  const end = new Date(start.getTime() + 60 * 60_000)
  const docName = encodeTimetableDocName(branch.id, isoWeekOf(start.toISOString().slice(0, 10)))
  const editor = ctx.open(ctx.server, ctx.cookies.manager, docName)
  await editor.synced()
  const fields = {
    roomId: room.id,
    start: start.toISOString(),
    end: end.toISOString(),
    activityId: activity.id,
    teacherId: ctx.staff.teacher.id,
  }
  return { editor, fields }
}

describe('a lesson’s status has one writer', () => {
  it('a document edit that says “done” writes nothing off and is put back to the stored status', async () => {
    const { editor, fields } = await setUp()
    editor.doc.transact(() => lessonsOf(editor.doc).set('forged-1', lessonMap({ ...fields, status: 'planned' })))
    await waitFor(async () => (await stored('forged-1'))?.status === 'planned', 3000, 'projected')

    editor.doc.transact(() => lessonsOf(editor.doc).get('forged-1')!.set('status', 'done'))
    await waitFor(() => statusIn(editor.doc, 'forged-1') === 'planned', 3000, 'the document shows the stored status again')
    expect((await stored('forged-1')).status).toBe('planned')
    expect(await ctx.database.db.select().from(lessonCompletions).where(eq(lessonCompletions.lessonId, 'forged-1'))).toEqual([])
  })

  it('a lesson born in the document as “done” or “cancelled” is stored as planned', async () => {
    const { editor, fields } = await setUp()
    editor.doc.transact(() => {
      lessonsOf(editor.doc).set('born-done', lessonMap({ ...fields, status: 'done' }))
      lessonsOf(editor.doc).set('born-cancelled', lessonMap({ ...fields, status: 'cancelled' }))
    })
    await waitFor(
      async () => (await stored('born-done')) !== undefined && (await stored('born-cancelled')) !== undefined,
      3000,
      'projected',
    )
    expect((await stored('born-done')).status).toBe('planned')
    expect((await stored('born-cancelled')).status).toBe('planned')
    await waitFor(
      () => statusIn(editor.doc, 'born-done') === 'planned' && statusIn(editor.doc, 'born-cancelled') === 'planned',
      3000,
      'corrected in the document',
    )
  })

  it('after “done” by the command, a document edit back to “planned” does not undo it', async () => {
    const { editor, fields } = await setUp()
    const call = apiCaller(ctx.server)
    const reg = await call('POST', '/api/clients', ctx.cookies.reception, {
      firstName: 'Walk',
      lastName: 'In',
      birthDate: '1990-01-01',
      phone: '+374 10 555 123',
      consent: true,
      confirmNotDuplicate: true,
    })
    expect(reg.status, JSON.stringify(reg.data)).toBe(201)
    editor.doc.transact(() => lessonsOf(editor.doc).set('done-1', lessonMap({ ...fields, status: 'planned' })))
    await waitFor(async () => (await stored('done-1'))?.status === 'planned', 3000, 'projected')
    expect(
      (
        await call('PUT', '/api/lessons/done-1/attendance', ctx.cookies.manager, {
          entries: [{ clientId: reg.data.id, status: 'walk_in' }],
        })
      ).status,
    ).toBe(200)
    const done = await call('POST', '/api/lessons/done-1/done', ctx.cookies.manager)
    expect(done.status, JSON.stringify(done.data)).toBe(200)
    await waitFor(() => statusIn(editor.doc, 'done-1') === 'done', 3000, 'the command wrote the status into the document')

    editor.doc.transact(() => lessonsOf(editor.doc).get('done-1')!.set('status', 'planned'))
    await waitFor(() => statusIn(editor.doc, 'done-1') === 'done', 3000, 'put back')
    expect((await stored('done-1')).status).toBe('done')
    const open = await ctx.database.db.select().from(lessonCompletions).where(eq(lessonCompletions.lessonId, 'done-1'))
    expect(open.filter((c) => c.undoneAt === null)).toHaveLength(1)
  })

  it('other fields still come from the document', async () => {
    const { editor, fields } = await setUp()
    editor.doc.transact(() => lessonsOf(editor.doc).set('moved-1', lessonMap({ ...fields, status: 'planned', note: 'first' })))
    await waitFor(async () => (await stored('moved-1'))?.note === 'first', 3000, 'projected')
    editor.doc.transact(() => lessonsOf(editor.doc).get('moved-1')!.set('note', 'second'))
    await waitFor(async () => (await stored('moved-1'))?.note === 'second', 3000, 'note projected')
  })
})

describe('a client’s status has one writer', () => {
  it('a client file edit of the status changes no row and is put back; the status command still works', async () => {
    const call = apiCaller(ctx.server)
    const reg = await call('POST', '/api/clients', ctx.cookies.reception, {
      firstName: 'Status',
      lastName: 'Owner',
      birthDate: '1990-01-01',
      phone: '+374 10 555 777',
      consent: true,
      confirmNotDuplicate: true,
    })
    expect(reg.status, JSON.stringify(reg.data)).toBe(201)
    const id = reg.data.id as string
    const file = ctx.open(ctx.server, ctx.cookies.manager, encodeClientDocName(id))
    await file.synced()
    const row = async () => (await ctx.database.db.select().from(clients).where(eq(clients.id, id)))[0]
    const before = (await row()).status
    file.doc.transact(() => {
      profileOf(file.doc).set('status', 'left')
      profileOf(file.doc).set('leaveReason', 'forged')
      profileOf(file.doc).set('phone', '+374 10 555 778')
    })
    await waitFor(async () => (await row()).phone === '+374 10 555 778', 3000, 'the phone is projected')
    await waitFor(
      () => profileOf(file.doc).get('status') === before && (profileOf(file.doc).get('leaveReason') ?? null) === null,
      3000,
      'status put back',
    )
    expect((await row()).status).toBe(before)
    expect((await row()).leaveReason).toBeNull()

    const changed = await call('POST', `/api/clients/${id}/status`, ctx.cookies.manager, { status: 'paused' })
    expect(changed.status, JSON.stringify(changed.data)).toBe(200)
    await waitFor(() => profileOf(file.doc).get('status') === 'paused', 3000, 'the command shows its status')
    expect((await row()).status).toBe('paused')
  })
})

describe('a status command whose document write fails', () => {
  it('stands, answers 200 (the fact is stored), and the next projection shows it in the document', async () => {
    const { editor, fields } = await setUp()
    editor.doc.transact(() => lessonsOf(editor.doc).set('cancel-1', lessonMap({ ...fields, status: 'planned' })))
    await waitFor(async () => (await stored('cancel-1'))?.status === 'planned', 3000, 'projected')
    // the same database, an app whose document writer fails
    const t = createTestApp(ctx.database)
    t.deps.docs = { applyAsUser: async () => Promise.reject(new Error('document server unavailable')) }
    const manager = await t.login('manager')
    const res = await t.call('POST', '/api/lessons/cancel-1/cancel', { cookie: manager, json: { reason: 'Flu' } })
    expect(res.status, JSON.stringify(res.data)).toBe(200)
    expect((await stored('cancel-1')).status).toBe('cancelled')
    expect(statusIn(editor.doc, 'cancel-1')).toBe('planned')
    // the week's next edit projects it, and the projection puts the stored status back
    editor.doc.transact(() => lessonsOf(editor.doc).get('cancel-1')!.set('note', 'call the parents'))
    await waitFor(() => statusIn(editor.doc, 'cancel-1') === 'cancelled', 3000, 'the document shows the cancellation')
  })
})

describe('a client file that was never written', () => {
  it('projects nothing: it does not blank the client’s name or drop the guardians', async () => {
    const call = apiCaller(ctx.server)
    const reg = await call('POST', '/api/clients', ctx.cookies.reception, {
      firstName: 'Kept',
      lastName: 'Name',
      birthDate: '2015-01-01',
      consent: true,
      confirmNotDuplicate: true,
      guardians: [{ name: 'Ruth Name', relation: 'mother', phone: '+374 10 555 998' }],
    })
    expect(reg.status, JSON.stringify(reg.data)).toBe(201)
    const id = reg.data.id as string
    await projectClientFile(
      ctx.database.db,
      id,
      { profile: {}, guardians: [], physical: {}, traits: {}, notes: '', observations: [] },
      null,
    )
    const row = (await ctx.database.db.select().from(clients).where(eq(clients.id, id)))[0]
    expect([row.firstName, row.lastName]).toEqual(['Kept', 'Name'])
    expect(await ctx.database.db.select().from(clientGuardians).where(eq(clientGuardians.clientId, id))).toHaveLength(1)
  })
})
