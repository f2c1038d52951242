import { and, eq, isNull } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { activities, alerts, checklists, users } from '../../../db/schema/index'
import {
  checklistMetaOf,
  encodeChecklistDocName,
  setChecklistNote,
  setChecklistValue,
} from '../../../domain/checklists/checklist'
import { formatMonthYear } from '../../../domain/i18n/format'
import type { Actor, Role } from '../../../domain/roles'
import { EventBus } from '../../../server/events/bus'
import type { CommandContext } from '../../../server/http/command'
import { generateDue, reviewOverdue } from '../../../server/modules/checklists/due'
import type { RunningServer } from '../../../server/server'
import { startTestServer } from '../../support/app'
import { createTestDatabase, type TestDatabase } from '../../support/db'
import { apiCaller } from '../../support/http'
import { pdfText, squash } from '../../support/pdf-text'
import { buildTwoBranches } from '../../support/two-branches'
import { login } from '../collab/helpers'

/**
 * Issue #20, production control: a manager defines templates (a tick, a number in a range, a
 * text; daily, weekly on a weekday, monthly on a day; a responsible role); the checklists due are
 * made by schedule, once per day; two staff fill one in its live document, each value signed; a
 * submission with items missing is a 409 naming them; a submission locks it (the document refuses
 * writers, the row keeps the values); an out-of-range number makes it failed and raises
 * `checklist_failed` to the responsible role; an unsubmitted one past its time raises
 * `checklist_overdue`, cleared by the submission; the monthly report reads in Armenian and Russian;
 * a teacher of another branch is refused everywhere.
 */
let database: TestDatabase
let server: RunningServer
let call: ReturnType<typeof apiCaller>
let center: Awaited<ReturnType<typeof buildTwoBranches>>
let central = ''
const cookies: Record<string, string> = {}

const actor = (login: string, roles: Role[], branchIds: string[]): Actor => {
  const u = center.staff[login]
  return { id: u.id, login, name: u.name, roles, branchIds }
}
const systemCtx = (): CommandContext => ({
  db: database.db,
  events: new EventBus(),
  actor: null,
  requestId: 'test',
  audited: false,
})

const TEMPLATE = {
  name: 'Pool water test',
  schedule: 'daily',
  dueTime: '09:00',
  responsibleRole: 'teacher',
  items: [
    { key: 'chlorine', text: 'Free chlorine', kind: 'number', min: 0.3, max: 0.5, unit: 'mg/l' },
    { key: 'clear', text: 'Water clear', kind: 'tick' },
    { text: 'Remarks', kind: 'text' },
  ],
}

beforeAll(async () => {
  database = await createTestDatabase()
  center = await buildTwoBranches(database.db)
  central = center.central.branch.id
  server = await startTestServer(database)
  call = apiCaller(server)
  for (const who of ['owner', 'manager', 'teacher', 'teacher2', 'reception', 'auditor']) cookies[who] = await login(server, who)
}, 60_000)
afterAll(async () => {
  await server?.close()
  await database?.destroy()
})

describe('templates', () => {
  it('a manager defines one; its items get keys; bad input is a 400 naming the field, translated', async () => {
    const res = await call('POST', '/api/checklist-templates', cookies.manager, { ...TEMPLATE, branchId: central })
    expect(res.status, JSON.stringify(res.data)).toBe(201)
    expect(res.data.template.items.map((i: { key: string }) => i.key)).toEqual(['chlorine', 'clear', 'i1'])
    const weekly = await call(
      'POST',
      '/api/checklist-templates',
      cookies.manager,
      { ...TEMPLATE, branchId: central, schedule: 'weekly' },
      'ru',
    )
    expect(weekly.status).toBe(400)
    expect(weekly.data.error.fields.weekday).toBe('Выберите день недели')
    const range = await call('POST', '/api/checklist-templates', cookies.manager, {
      ...TEMPLATE,
      branchId: central,
      items: [{ text: 'pH', kind: 'number', min: 8, max: 7 }],
    })
    expect(range.status).toBe(400)
    expect(Object.keys(range.data.error.fields)).toContain('items.0.max')
  })

  it('a teacher may not define one; a teacher of another branch does not see them', async () => {
    const res = await call('POST', '/api/checklist-templates', cookies.teacher, { ...TEMPLATE, branchId: central })
    expect(res.status).toBe(403)
    const other = await call('GET', `/api/checklist-templates?branchId=${central}`, cookies.teacher2)
    expect(other.status).toBe(403)
    const mine = await call('GET', '/api/checklist-templates', cookies.teacher2)
    expect(mine.status).toBe(200)
    expect(mine.data.items).toEqual([])
  })
})

describe('due by schedule', () => {
  it('daily every day, weekly on its weekday, monthly on its day; never twice', async () => {
    const base = { ...TEMPLATE, branchId: center.riverside.branch.id }
    for (const t of [
      { ...base, name: 'Daily' },
      { ...base, name: 'Weekly', schedule: 'weekly', weekday: 1 },
      { ...base, name: 'Monthly', schedule: 'monthly', monthDay: 1 },
    ]) {
      const res = await call('POST', '/api/checklist-templates', cookies.manager, t)
      expect(res.status, JSON.stringify(res.data)).toBe(201)
    }
    // Monday 7 December 2026 (the branch keeps Berlin time): the last 7 days are 1–7 December
    const now = new Date('2026-12-07T11:00:00Z')
    const made = await generateDue(systemCtx(), { now, days: 7, branchId: center.riverside.branch.id })
    expect(made).toBe(7 + 1 + 1)
    expect(await generateDue(systemCtx(), { now, days: 7, branchId: center.riverside.branch.id })).toBe(0)
    const rows = await database.db.select().from(checklists).where(eq(checklists.branchId, center.riverside.branch.id))
    expect(rows.filter((r) => r.name === 'Weekly').map((r) => r.dueOn)).toEqual(['2026-12-07'])
    expect(rows.filter((r) => r.name === 'Monthly').map((r) => r.dueOn)).toEqual(['2026-12-01'])
    // due at 09:00 Berlin time = 08:00 UTC in winter
    expect(rows.find((r) => r.name === 'Weekly')!.dueAt.toISOString()).toBe('2026-12-07T08:00:00.000Z')
  })
})

/** A 1×1 PNG. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
)

async function upload(id: string, who: string, bytes: Uint8Array, name: string, itemKey?: string) {
  const form = new FormData()
  form.append('file', new Blob([new Uint8Array(bytes)]), name)
  if (itemKey) form.append('itemKey', itemKey)
  const res = await fetch(`${server.url}/api/checklists/${id}/photos`, {
    method: 'POST',
    headers: { cookie: cookies[who], origin: server.url, 'accept-language': 'ru' },
    body: form,
  })
  return { status: res.status, data: await res.json() }
}

describe('photos and template changes', () => {
  it('a photo of an item is kept with the checklist and read back; a text file is refused, translated', async () => {
    const riverside = center.riverside.branch.id
    const list = await call('GET', `/api/checklists?branchId=${riverside}&from=2026-12-01&to=2026-12-07`, cookies.manager)
    const open = list.data.items.find((c: { status: string }) => c.status === 'open')
    const ok = await upload(open.id, 'manager', PNG, 'бассейн.png', 'clear')
    expect(ok.status, JSON.stringify(ok.data)).toBe(201)
    expect(ok.data.photo).toMatchObject({ itemKey: 'clear', mime: 'image/png', fileName: 'бассейн.png' })
    const read = await call('GET', `/api/checklists/${open.id}`, cookies.manager)
    expect(read.data.checklist.photos).toHaveLength(1)
    const img = await fetch(`${server.url}/api/checklists/${open.id}/photos/${ok.data.photo.id}`, {
      headers: { cookie: cookies.manager, origin: server.url },
    })
    expect(img.status).toBe(200)
    expect(Buffer.from(await img.arrayBuffer()).equals(PNG)).toBe(true)
    const bad = await upload(open.id, 'manager', new TextEncoder().encode('not an image'), 'x.txt')
    expect(bad.status).toBe(400)
    expect(bad.data.error.fields.file).toBe('Фото должно быть изображением JPEG или PNG')
    // a teacher of the other branch may neither add nor see one
    expect((await upload(open.id, 'teacher', PNG, 'x.png')).status).toBe(403)
  })

  it('a template change names only what it changes; the checklists already made keep their items', async () => {
    const list = await call('GET', `/api/checklist-templates?branchId=${center.riverside.branch.id}`, cookies.manager)
    const weekly = list.data.items.find((x: { name: string }) => x.name === 'Weekly')
    const res = await call('PATCH', `/api/checklist-templates/${weekly.id}`, cookies.manager, { weekday: 3, active: false })
    expect(res.status, JSON.stringify(res.data)).toBe(200)
    expect(res.data.template).toMatchObject({ name: 'Weekly', schedule: 'weekly', weekday: 3, active: false, dueTime: '09:00' })
    expect(res.data.template.items).toEqual(weekly.items)
    const [made] = await database.db.select().from(checklists).where(eq(checklists.templateId, weekly.id))
    expect(made.items).toEqual(weekly.items)
    expect((await call('PATCH', `/api/checklist-templates/${weekly.id}`, cookies.teacher2, { name: 'Mine' })).status).toBe(403)
  })
})

describe('filling and submitting', () => {
  let id = ''
  beforeAll(async () => {
    const res = await call('POST', '/api/checklists/generate', cookies.teacher, { branchId: central })
    expect(res.status, JSON.stringify(res.data)).toBe(200)
    const list = await call('GET', `/api/checklists?branchId=${central}`, cookies.teacher)
    expect(list.status).toBe(200)
    id = list.data.items.find((c: { title: string }) => c.title === 'Pool water test').id
  })

  it('two staff fill it together, each value signed; missing items refuse the submission, naming them', async () => {
    const teacher = actor('teacher', ['teacher'], [central])
    const reception = actor('reception', ['receptionist'], [central])
    await server.deps.docs!.applyAsUser(encodeChecklistDocName(id), teacher, (doc) =>
      setChecklistValue(doc, 'chlorine', 0.9, teacher),
    )
    const early = await call('POST', `/api/checklists/${id}/submit`, cookies.teacher, undefined, 'ru')
    expect(early.status).toBe(409)
    expect(early.data.error.fields['items.clear']).toBe('Не заполнено')
    await server.deps.docs!.applyAsUser(encodeChecklistDocName(id), reception, (doc) => {
      setChecklistValue(doc, 'clear', 'ok', reception)
      setChecklistNote(doc, 'chlorine', 'Dosing pump reset')
    })
    await database.db
      .update(activities)
      .set({ safetyNotes: 'Lifeguard on the side at all times' })
      .where(eq(activities.id, center.activity.id))
    const read = await call('GET', `/api/checklists/${id}`, cookies.teacher)
    // the norms of the activities held in the branch come with it
    expect(read.data.checklist.norms).toEqual([
      { activity: center.activity.name, safetyNotes: 'Lifeguard on the side at all times' },
    ])
    expect(read.data.checklist.values.chlorine).toMatchObject({ value: 0.9, by: teacher.id, note: 'Dosing pump reset' })
    expect(read.data.checklist.values.clear).toMatchObject({ value: 'ok', by: reception.id })
  })

  it('a teacher of another branch may neither read nor submit it, nor write its document', async () => {
    expect((await call('GET', `/api/checklists/${id}`, cookies.teacher2)).status).toBe(403)
    expect((await call('POST', `/api/checklists/${id}/submit`, cookies.teacher2)).status).toBe(403)
    const resolved = server.deps.registry.docTypes.resolve(encodeChecklistDocName(id))
    if (!resolved.ok) throw new Error(resolved.reason)
    const teacher2 = actor('teacher2', ['teacher'], [center.riverside.branch.id])
    expect(server.deps.registry.docTypes.canAccess(teacher2, 'write', resolved.doc)).toBe(false)
    expect(server.deps.registry.docTypes.canAccess(actor('teacher', ['teacher'], [central]), 'write', resolved.doc)).toBe(true)
  })

  it('an overdue one is flagged; the submission clears the flag, locks it, and a number out of range fails it', async () => {
    await database.db
      .update(checklists)
      .set({ dueAt: new Date(Date.now() - 3_600_000) })
      .where(eq(checklists.id, id))
    await reviewOverdue(database.db)
    const open = () =>
      database.db
        .select()
        .from(alerts)
        .where(and(eq(alerts.subject, `checklist:${id}`), isNull(alerts.clearedAt)))
    const overdue = (await open()).find((a) => a.kind === 'checklist_overdue')
    expect(overdue?.roles).toContain('teacher')
    expect(overdue?.branchId).toBe(central)

    const res = await call('POST', `/api/checklists/${id}/submit`, cookies.teacher)
    expect(res.status, JSON.stringify(res.data)).toBe(200)
    expect(res.data.checklist).toMatchObject({ status: 'submitted', result: 'failed', timeliness: 'late' })
    const flags = await open()
    expect(flags.map((a) => a.kind)).toEqual(['checklist_failed'])
    expect(flags[0].roles).toContain('teacher')
    expect(flags[0].message).toContain('Free chlorine')

    // locked: nobody may write its document any more; a second submission is a 409
    const resolved = server.deps.registry.docTypes.resolve(encodeChecklistDocName(id))
    if (!resolved.ok) throw new Error(resolved.reason)
    expect(server.deps.registry.docTypes.canAccess(actor('teacher', ['teacher'], [central]), 'write', resolved.doc)).toBe(false)
    expect((await call('POST', `/api/checklists/${id}/submit`, cookies.teacher)).status).toBe(409)
    let status: unknown
    await server.deps.docs!.applyAsUser(encodeChecklistDocName(id), actor('manager', ['manager'], []), (doc) => {
      status = checklistMetaOf(doc).get('status')
    })
    expect(status).toBe('submitted')
    // the row keeps the final values
    const [row] = await database.db.select().from(checklists).where(eq(checklists.id, id))
    expect(row.values).toMatchObject({ chlorine: { value: 0.9 }, clear: { value: 'ok' } })
    // nothing more may be attached
    const form = new FormData()
    form.append('file', new Blob([new Uint8Array([0x89, 0x50, 0x4e, 0x47])], { type: 'image/png' }), 'x.png')
    const photo = await fetch(`${server.url}/api/checklists/${id}/photos`, {
      method: 'POST',
      headers: { cookie: cookies.teacher, origin: server.url },
      body: form,
    })
    expect([400, 409]).toContain(photo.status)
  })

  it('the monthly report reads in Armenian and in Russian (the center’s language), failed item and note included', async () => {
    const [row] = await database.db.select().from(checklists).where(eq(checklists.id, id))
    const month = row.dueOn.slice(0, 7)
    await database.db.update(users).set({ locale: 'en' })
    for (const [locale, words] of [
      ['hy', ['Արտադրական հսկողություն', 'Կատարված ժամանակին', 'Կատարված ուշացումով', 'Բաց թողնված', 'Ձեռնարկված քայլ']],
      ['ru', ['Производственный контроль', 'Выполнено вовремя', 'Выполнено с опозданием', 'Пропущено', 'Принятые меры']],
    ] as const) {
      const set = await call('PATCH', '/api/center', cookies.owner, { defaultLocale: locale })
      expect(set.status).toBe(200)
      const res = await fetch(`${server.url}/api/checklists/report.pdf?branchId=${central}&month=${month}`, {
        headers: { cookie: cookies.manager, origin: server.url },
      })
      expect(res.status).toBe(200)
      expect(res.headers.get('content-type')).toBe('application/pdf')
      const { text } = pdfText(Buffer.from(await res.arrayBuffer()))
      const flat = squash(text)
      for (const w of [...words, formatMonthYear(month, locale), 'Pool water test', 'Dosing pump reset'])
        expect(flat, `${locale}: ${w}`).toContain(squash(w))
      expect(text).not.toMatch(/Production control|Done on time|Missed|late,|on time,/)
    }
  })
})
