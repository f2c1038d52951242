import { randomUUID } from 'node:crypto'
import { eq } from 'drizzle-orm'
import * as Y from 'yjs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { branches, lessons } from '../../../db/schema/index'
import { lessonMap } from '../../../domain/docs/timetable-week'
import { formatTime, formatWeekday } from '../../../domain/i18n/format'
import type { RunningServer } from '../../../server/server'
import { MODULES } from '../../../server/modules/index'
import { startTestServer } from '../../support/app'
import { apiCaller } from '../../support/http'
import { createTestDatabase, type TestDatabase } from '../../support/db'
import { buildTwoBranches } from '../../support/two-branches'
import { connect, login, scratchModule, stableJson, waitFor, type TestClient } from '../collab/helpers'

/**
 * Issue #16 (server): the audit's changes feed. Two users edit a document live and a third runs a
 * command; the auditor finds them all since the checkpoint with the right authors and field changes,
 * steps through them, closes the audit (the window moves), marks one queried for a manager, reads a
 * document as it was, and sees that a medical file changed and who viewed it but never its content.
 */

let database: TestDatabase
let server: RunningServer
let center: Awaited<ReturnType<typeof buildTwoBranches>>
const cookies: Record<string, string> = {}
const clients: TestClient[] = []

beforeAll(async () => {
  database = await createTestDatabase()
  center = await buildTwoBranches(database.db)
  server = await startTestServer(database, {}, [...MODULES, scratchModule])
  for (const l of ['owner', 'manager', 'reception', 'auditor']) cookies[l] = await login(server, l)
})
afterAll(async () => {
  for (const c of clients) c.destroy()
  await server?.close()
  await database?.destroy()
})

const call = (method: string, path: string, cookie: string, json?: unknown) => apiCaller(server)(method, path, cookie, json, 'en')

/** A client of a document, its root types declared as the server's document type declares them (for comparing JSON). */
function open(who: string, doc: string): TestClient {
  const c = connect(server, cookies[who], doc)
  if (doc.startsWith('scratch:')) {
    c.doc.getMap('cells')
    c.doc.getText('text')
  }
  clients.push(c)
  return c
}

async function edit(c: TestClient, fn: () => void) {
  fn()
  await waitFor(() => c.isSaved(), 10_000, 'the edit saved')
}

interface Item {
  id: number
  at: string
  actor: { id: string; login: string } | null
  area: string
  source: string
  action: string | null
  subject: { type: string; id: string | null; label: string | null }
  document: { name: string; seq: number } | null
  changes: Array<{ path: string; before: unknown; after: unknown; kind: string }>
  hidden: boolean
  names: Record<string, string>
  mark: { status: string; comment: string | null; assignee: { id: string } | null } | null
}

/** Every item of the feed for these query parameters, page by page (small pages: the cursor is exercised). */
async function all(query: string, who = 'auditor'): Promise<Item[]> {
  const out: Item[] = []
  let cursor: string | null = null
  for (let i = 0; i < 100; i++) {
    const res = await call('GET', `/api/audit/changes?limit=3&${query}${cursor ? `&cursor=${cursor}` : ''}`, cookies[who])
    expect(res.status, JSON.stringify(res.data)).toBe(200)
    out.push(...(res.data.items as Item[]))
    cursor = res.data.cursor
    if (!cursor) return out
  }
  throw new Error('too many pages')
}

let cp1: number
let clientId: string
let savedAt: string
let savedState: string

describe('the audit', () => {
  it('shows edits by two users in a document and a command by a third since the checkpoint, with authors and field changes', async () => {
    const closed = await call('POST', '/api/audit/checkpoints', cookies.auditor, { note: 'start' })
    expect(closed.status, JSON.stringify(closed.data)).toBe(201)
    cp1 = closed.data.id

    const a = open('owner', 'scratch:audit-doc')
    const b = open('manager', 'scratch:audit-doc')
    await Promise.all([a.synced(), b.synced()])
    await edit(a, () => a.doc.getMap('cells').set('price', 100))
    await waitFor(() => b.doc.getMap('cells').get('price') === 100, 5_000, 'the manager sees the owner’s edit')
    // the document as it is now, for time travel
    savedState = stableJson(a.doc.toJSON())
    await new Promise((r) => setTimeout(r, 30))
    savedAt = new Date().toISOString()
    await new Promise((r) => setTimeout(r, 30))
    await edit(b, () => b.doc.getMap('cells').set('price', 120))
    await edit(b, () => b.doc.getMap('cells').set('room', 'Room 2'))

    const created = await call('POST', '/api/clients', cookies.reception, {
      firstName: 'Anna',
      lastName: 'Petrosyan',
      birthDate: '1990-01-01',
      phone: '+37491000111',
      consent: true,
      confirmNotDuplicate: true,
    })
    expect(created.status, JSON.stringify(created.data)).toBe(201)
    clientId = created.data.id

    const items = await all(`since=${cp1}`)
    const docItems = items.filter((i) => i.source === 'document' && i.subject.type === 'scratch')
    expect(docItems.map((i) => [i.actor?.login, i.changes.map((c) => [c.path, c.kind, c.before, c.after])])).toEqual([
      ['owner', [['cells.price', 'added', null, 100]]],
      ['manager', [['cells.price', 'changed', 100, 120]]],
      ['manager', [['cells.room', 'added', null, 'Room 2']]],
    ])
    expect(docItems.every((i) => i.subject.id === 'audit-doc' && i.area === 'other')).toBe(true)
    const create = items.find((i) => i.action === 'clients.create')
    expect(create).toMatchObject({
      source: 'command',
      area: 'clients',
      actor: { login: 'reception' },
      subject: { type: 'client', id: clientId, label: 'Anna Petrosyan' },
    })
    expect(create?.changes.find((c) => c.path === 'firstName')).toMatchObject({ kind: 'added', before: null, after: 'Anna' })
    // oldest first, one order over both streams, nothing twice
    const ids = items.map((i) => i.id)
    expect([...ids].sort((x, y) => x - y)).toEqual(ids)
    expect(new Set(ids).size).toBe(ids.length)
    // the checkpoint's own row is after it, nothing before it
    expect(items[0].action).toBe('audit.checkpoint')
  })

  it('steps from one change to the next and back, in the order of the feed and its filters', async () => {
    const items = await all(`since=${cp1}`)
    for (let i = 0; i < items.length; i++) {
      const res = await call('GET', `/api/audit/changes/${items[i].id}?since=${cp1}`, cookies.auditor)
      expect(res.status).toBe(200)
      expect(res.data.item.id).toBe(items[i].id)
      expect(res.data.prev).toBe(i > 0 ? items[i - 1].id : null)
      expect(res.data.next).toBe(i < items.length - 1 ? items[i + 1].id : null)
    }
    const managers = await all(`since=${cp1}&actor=manager`)
    const res = await call('GET', `/api/audit/changes/${managers[0].id}?since=${cp1}&actor=manager`, cookies.auditor)
    expect(res.data.next).toBe(managers[1].id)
  })

  it('filters by area, author, document, kind and money', async () => {
    expect((await all(`since=${cp1}&actor=manager`)).map((i) => i.actor?.login)).toEqual(['manager', 'manager'])
    // the registration is a command and the new client's file (a document written as the receptionist)
    const clientsArea = await all(`since=${cp1}&area=clients`)
    expect(clientsArea.map((i) => [i.source, i.action, i.actor?.login, i.subject.id])).toEqual([
      ['command', 'clients.create', 'reception', clientId],
      ['document', null, 'reception', clientId],
    ])
    expect((await all(`since=${cp1}&doc=scratch:audit-doc`)).length).toBe(3)
    const added = await all(`since=${cp1}&kind=added&doc=scratch:audit-doc`)
    expect(added.map((i) => i.changes[0].path)).toEqual(['cells.price', 'cells.room'])
    expect((await all(`since=${cp1}&kind=changed&doc=scratch:audit-doc`)).length).toBe(1)
    expect(await all(`since=${cp1}&money=true`)).toEqual([])
    // since a moment: the changes whose transaction started then or later
    expect((await all(`since=${savedAt}&doc=scratch:audit-doc`)).map((i) => i.actor?.login)).toEqual(['manager', 'manager'])
    expect((await all(`since=start&until=${savedAt}&doc=scratch:audit-doc`)).map((i) => i.actor?.login)).toEqual(['owner'])
    expect((await all(`since=${cp1}&area=other`)).every((i) => i.subject.type === 'scratch')).toBe(true)
    const summary = await call('GET', `/api/audit/summary?since=${cp1}`, cookies.auditor)
    expect(summary.status).toBe(200)
    expect(summary.data.summary.byArea).toMatchObject({ other: 3, clients: 2, audit: 1 })
    // no area labels a scratch document; the client's file is labelled with the client's name
    expect(summary.data.summary.topDocuments[0]).toEqual({ doc: 'scratch:audit-doc', count: 3, label: null })
    expect(summary.data.summary.topDocuments).toContainEqual({ doc: `client:${clientId}`, count: 1, label: 'Anna Petrosyan' })
    expect(summary.data.summary.byActor.find((a: { login: string }) => a.login === 'manager').count).toBe(2)
  })

  it('reads a document exactly as it was at a moment', async () => {
    const res = await call('GET', `/api/docs/${encodeURIComponent('scratch:audit-doc')}/at?time=${savedAt}`, cookies.auditor)
    expect(res.status, JSON.stringify(res.data)).toBe(200)
    expect(stableJson(res.data.state)).toBe(savedState)
    expect(res.data.state.cells).toEqual({ price: 100 })
    const now = await call('GET', `/api/docs/scratch:audit-doc/at?time=${new Date().toISOString()}`, cookies.auditor)
    expect(now.data.state.cells).toEqual({ price: 120, room: 'Room 2' })
    const before = await call('GET', `/api/docs/scratch:audit-doc/at?time=2000-01-01T00:00:00Z`, cookies.auditor)
    expect(before.data).toMatchObject({ seq: 0, state: { cells: {} } })
    // just before and just after one change of the feed
    const change = (await all(`since=${cp1}&doc=scratch:audit-doc`))[1]
    expect(change.document).toEqual({ name: 'scratch:audit-doc', seq: 2 })
    const justBefore = await call('GET', `/api/docs/scratch:audit-doc/at?seq=1`, cookies.auditor)
    const justAfter = await call('GET', `/api/docs/scratch:audit-doc/at?seq=2`, cookies.auditor)
    expect([justBefore.data.state.cells, justAfter.data.state.cells]).toEqual([{ price: 100 }, { price: 120 }])
  })

  it('shows an auditor without medical access that a medical file changed and who viewed it, never its content', async () => {
    const m = open('owner', `client-medical:${clientId}`)
    await m.synced()
    await edit(m, () => m.doc.getMap('medical').set('allergies', 'peanuts'))

    const res = await call('GET', `/api/audit/changes?since=${cp1}&area=medical`, cookies.auditor)
    expect(res.status).toBe(200)
    expect(res.text).not.toContain('peanuts')
    const items = res.data.items as Item[]
    expect(items.map((i) => [i.source, i.actor?.login, i.hidden, i.changes.length, i.subject.label])).toEqual([
      ['view', 'owner', false, 1, 'Anna Petrosyan'],
      ['document', 'owner', true, 0, 'Anna Petrosyan'],
    ])
    expect(items[0].changes[0]).toMatchObject({ kind: 'viewed', after: 'document' })
    // one by one too, and by time travel the file stays closed to them
    const one = await call('GET', `/api/audit/changes/${items[1].id}`, cookies.auditor)
    expect(one.text).not.toContain('peanuts')
    const at = await call('GET', `/api/docs/client-medical:${clientId}/at?time=${new Date().toISOString()}`, cookies.auditor)
    expect(at.status).toBe(403)
    // the owner has medical access: the content is theirs to see
    const owners = await call('GET', `/api/audit/changes?since=${cp1}&area=medical&kind=added`, cookies.owner)
    expect(owners.data.items[0].changes[0]).toMatchObject({ path: 'medical.allergies', after: 'peanuts' })
  })

  it('names the lesson and the teachers of a timetable change, in plain words', async () => {
    const { central, staff } = center
    const docName = `timetable:${central.branch.id}:${center.week}`
    const w = open('owner', docName)
    await w.synced()
    // the id the automatic schedule gives (not a uuid): named all the same
    const id = `g-${randomUUID()}-20260101-1600`
    const start = central.lesson.startsAt as Date
    await edit(w, () =>
      w.doc.getMap('lessons').set(
        id,
        lessonMap({
          roomId: central.room.id,
          start: start.toISOString(),
          end: new Date(start.getTime() + 3600_000).toISOString(),
          activityId: center.activity.id,
          groupId: central.group.id,
          teacherId: staff.teacher.id,
          status: 'planned',
          note: '',
        }),
      ),
    )
    await waitFor(
      async () => (await database.db.select().from(lessons).where(eq(lessons.id, id))).length === 1,
      10_000,
      'projected',
    )
    await edit(w, () => (w.doc.getMap('lessons').get(id) as Y.Map<unknown>).set('teacherId', staff.teacher2.id))
    await waitFor(
      async () => (await database.db.select().from(lessons).where(eq(lessons.id, id)))[0]?.teacherId === staff.teacher2.id,
      10_000,
      'projected again',
    )
    const items = await all(`since=${cp1}&area=timetable&actor=owner`)
    const item = items.find((i) => i.changes.some((c) => c.path === `lessons.${id}.teacherId`))
    expect(item?.subject).toMatchObject({ type: 'timetable', label: `Central · ${center.week}` })
    expect(item?.changes).toEqual([
      { path: `lessons.${id}.teacherId`, kind: 'changed', before: staff.teacher.id, after: staff.teacher2.id },
    ])
    const tz = (await database.db.select().from(branches).where(eq(branches.id, central.branch.id)))[0].timezone
    expect(item?.names).toEqual({
      [id]: `${formatWeekday(start, 'en', tz, 'short')} ${formatTime(start, 'en', tz)} Room central`,
      [staff.teacher.id]: staff.teacher.name,
      [staff.teacher2.id]: staff.teacher2.name,
    })
  })

  it('marks a change queried for someone, who sees it in their list, until it is verified', async () => {
    const [create] = await all(`since=${cp1}&area=clients`)
    expect(create.action).toBe('clients.create')
    const mark = await call('PUT', `/api/audit/changes/${create.id}/mark`, cookies.auditor, {
      status: 'queried',
      comment: 'Why no guardian?',
      assigneeId: center.staff.manager.id,
    })
    expect(mark.status, JSON.stringify(mark.data)).toBe(200)
    expect(mark.data.item.mark).toMatchObject({
      status: 'queried',
      comment: 'Why no guardian?',
      assignee: { id: center.staff.manager.id },
    })
    const queried = await call('GET', '/api/audit/queried', cookies.auditor)
    expect(queried.data.items.map((q: { change: Item }) => q.change.id)).toEqual([create.id])
    const mine = await call('GET', '/api/workspace/audit-queries', cookies.manager)
    expect(mine.data.items.map((q: { change: Item }) => q.change.id)).toEqual([create.id])
    expect((await call('GET', '/api/workspace/audit-queries', cookies.reception)).data.items).toEqual([])
    expect((await call('GET', `/api/audit/summary?since=${cp1}`, cookies.auditor)).data.summary.queried).toBe(1)
    expect((await call('GET', `/api/audit/summary?since=start&until=${cp1}`, cookies.auditor)).data.summary.queried).toBe(0)
    await call('PUT', `/api/audit/changes/${create.id}/mark`, cookies.auditor, { status: 'verified' })
    expect((await call('GET', '/api/audit/queried', cookies.auditor)).data.items).toEqual([])
    expect((await call('GET', `/api/audit/summary?since=${cp1}`, cookies.auditor)).data.summary.queried).toBe(0)
    const [again] = await all(`since=${cp1}&area=clients`)
    expect(again.mark?.status).toBe('verified')
  })

  it('closing the audit moves the window; the past audit stays browsable with its summary', async () => {
    const before = await all(`since=${cp1}`)
    const closed = await call('POST', '/api/audit/checkpoints', cookies.owner, {})
    expect(closed.status).toBe(201)
    const cp2 = closed.data.id as number
    expect(closed.data.summary.total).toBe(before.length)
    const after = await all('')
    expect(after.map((i) => i.action)).toEqual(['audit.checkpoint'])
    expect((await all(`since=${cp2}`)).map((i) => i.id)).toEqual(after.map((i) => i.id))
    expect((await all(`since=${cp1}&until=${cp2}`)).map((i) => i.id)).toEqual(before.map((i) => i.id))
    // a change of the closed audit queried afterwards: the past audit counts it
    await call('PUT', `/api/audit/changes/${before[1].id}/mark`, cookies.auditor, { status: 'queried', comment: 'later' })
    const list = await call('GET', '/api/audit/checkpoints', cookies.auditor)
    expect(
      list.data.items.map((c: { id: number; closedBy: { login: string }; queried: number }) => [
        c.id,
        c.closedBy.login,
        c.queried,
      ]),
    ).toEqual([
      [cp2, 'owner', 1],
      [cp1, 'auditor', 0],
    ])
  })

  it('names an erased client as erased, in the reader’s language, everywhere in the trail', async () => {
    const erased = await call('POST', `/api/clients/${clientId}/erase`, cookies.owner, { reason: 'Erasure request' })
    expect(erased.status, JSON.stringify(erased.data)).toBe(200)
    const items = await all(`since=${cp1}&area=clients`)
    expect(items.length).toBeGreaterThan(1)
    for (const i of items) expect(i.subject.label).toBe('Erased client')
    expect(JSON.stringify(items)).not.toContain('Petrosyan')
    const ru = await apiCaller(server)('GET', `/api/audit/changes?since=${cp1}&area=medical`, cookies.auditor, undefined, 'ru')
    expect(ru.data.items[0].subject.label).toBe('Удалённый клиент')
  })

  it('is only for owners and auditors', async () => {
    for (const who of ['manager', 'reception']) {
      expect((await call('GET', '/api/audit/changes', cookies[who])).status).toBe(403)
      expect((await call('GET', '/api/audit/checkpoints', cookies[who])).status).toBe(403)
      expect((await call('POST', '/api/audit/checkpoints', cookies[who], {})).status).toBe(403)
      expect((await call('GET', '/api/audit/summary', cookies[who])).status).toBe(403)
    }
  })

  it('refuses bad input with a 400 naming the field', async () => {
    const cases: Array<[string, string]> = [
      ['/api/audit/changes?since=999999', 'since'],
      ['/api/audit/changes?since=yesterday', 'since'],
      ['/api/audit/changes?until=2026-13-01T00:00:00Z', 'until'],
      ['/api/audit/changes?cursor=abc', 'cursor'],
      ['/api/audit/changes?area=nowhere', 'area'],
      ['/api/audit/changes?actor=nobody', 'actor'],
      ['/api/audit/changes?kind=moved', 'kind'],
      ['/api/docs/scratch:audit-doc/at?time=yesterday', 'time'],
      ['/api/docs/scratch:audit-doc/at', 'time'],
      ['/api/docs/scratch:audit-doc/at?time=2026-01-01T00:00:00Z&seq=1', 'time'],
      ['/api/docs/scratch:audit-doc/at?seq=-1', 'seq'],
    ]
    for (const [path, field] of cases) {
      const res = await call('GET', path, cookies.auditor)
      expect(res.status, path).toBe(400)
      expect(Object.keys(res.data.error.fields ?? {}), path).toContain(field)
    }
    const mark = await call('PUT', `/api/audit/changes/1/mark`, cookies.auditor, {
      status: 'queried',
      assigneeId: '00000000-0000-4000-8000-000000000000',
    })
    expect(mark.status).toBe(400)
    expect(Object.keys(mark.data.error.fields)).toEqual(['assigneeId'])
    expect((await call('PUT', `/api/audit/changes/99999999/mark`, cookies.auditor, { status: 'verified' })).status).toBe(404)
  })
})
