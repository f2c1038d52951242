import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { asc, count, isNull, sql } from 'drizzle-orm'
import { inflowReport } from '../../../server/modules/reports/queries/inflow'
import * as Y from 'yjs'
import { createTestDatabase, TEST_DRIVER, type TestDatabase } from '../../support/db'
import { queryRows } from '../../../db/client'
import {
  activities,
  alerts,
  auditLog,
  branches,
  centerSettings,
  clientGuardians,
  clientMedicalSummary,
  clientRecords,
  clients,
  closures,
  docProjections,
  docUpdates,
  groupMembers,
  groups,
  lessons,
  rooms,
  users,
} from '../../../db/schema/index'
import { generatedOf, lessonsOf } from '../../../domain/docs/timetable-week'
import { bootstrapDatabase } from '../../../server/boot/bootstrap'
import { seedDemo } from '../../../server/boot/seed'
import { createLogger } from '../../../server/logger'
import { createTestApp, testConfig } from '../../support/app'
import { EventBus } from '../../../server/events/bus'
import { MODULES } from '../../../server/modules/index'
import type { SeedStep } from '../../../server/contracts/seed'
import type { Locale } from '../../../domain/i18n/locales'
import { DEMO_BRANCHES } from '../../../server/modules/branches/seed-data'
import { DEMO_CENTER } from '../../../server/modules/center/seed-data'
import { DEMO_PASSWORD, demoLogin, demoStaff } from '../../../server/modules/users/seed'
import { demoClosures, demoSchoolYear } from '../../../server/modules/timetable/seed-data'
import { todayIso } from '../../../domain/clients/rules'

/**
 * The demo center is made through the modules' real commands, acting as the demo staff: every
 * entity has its own audit row naming its author, the content is what it always was, and the
 * whole seed is one transaction. The same in each of the demo's languages (SEED_LOCALE): the
 * words differ, the counts do not.
 */
const STEPS: SeedStep[] = MODULES.flatMap((m) => (m.seed ? [m.seed] : []))

describe.each(['hy', 'ru', 'en'] as const)('the %s demo', (locale: Locale) => {
  let db: TestDatabase
  const events: Array<{ name: string; payload: unknown }> = []

  beforeAll(async () => {
    db = await createTestDatabase()
    const bus = new EventBus()
    bus.on('entity.changed', (payload) => events.push({ name: 'entity.changed', payload }))
    await seedDemo(db.db, STEPS, { events: bus, locale })
  }, 120_000)
  afterAll(async () => {
    await db?.destroy()
  })

  const idsOf = async (
    table: typeof branches | typeof rooms | typeof users | typeof clients | typeof groups | typeof activities,
  ) => (await db.db.select({ id: table.id }).from(table)).map((r) => r.id)

  /** entity id → the logins of the actors of its audit rows (null: the system). */
  async function auditAuthors(entity: string): Promise<Map<string, Array<string | null>>> {
    const rows = await queryRows<{ entity_id: string; login: string | null }>(
      db.db,
      sql`select a.entity_id, u.login from audit_log a left join users u on u.id = a.actor_id where a.entity = ${entity} order by a.id`,
    )
    const out = new Map<string, Array<string | null>>()
    for (const r of rows) out.set(r.entity_id, [...(out.get(r.entity_id) ?? []), r.login])
    return out
  }

  describe(`the demo seed, through the commands (${TEST_DRIVER})`, () => {
    it('gives every branch, room, user, client, activity, group and closure its own audit row with its author', async () => {
      const expectAuthors = async (entity: string, ids: string[], may: Array<string | null>) => {
        const authors = await auditAuthors(entity)
        expect(ids.length).toBeGreaterThan(0)
        for (const id of ids) {
          const who = authors.get(id)
          expect(who, `${entity} ${id} has no audit row`).toBeDefined()
          for (const login of who ?? []) expect(may, `${entity} ${id} by ${login}`).toContain(login)
        }
      }
      await expectAuthors('branch', await idsOf(branches), ['owner'])
      await expectAuthors('room', await idsOf(rooms), ['owner'])
      await expectAuthors('activity', await idsOf(activities), ['manager'])
      await expectAuthors(
        'closure',
        (await db.db.select({ id: closures.id }).from(closures)).map((r) => r.id),
        ['manager'],
      )
      // the manager creates the groups, the branch's receptionist enrols their members
      await expectAuthors('group', await idsOf(groups), ['manager', 'reception', 'reception2'])
      // receptionists register and pause or let go, teachers observe
      await expectAuthors('client', await idsOf(clients), [
        'reception',
        'reception2',
        'teacher',
        'teacher2',
        demoLogin(locale, 'languages'),
        demoLogin(locale, 'sports'),
        demoLogin(locale, 'music'),
      ])
      const userAuthors = await auditAuthors('user')
      const [owner] = await db.db
        .select()
        .from(users)
        .where(sql`${users.login} = 'owner'`)
      // the owner opened every account but her own; some then set their own language
      const staffRows = await db.db.select().from(users)
      for (const u of staffRows) {
        expect(userAuthors.get(u.id)).toEqual([u.id === owner.id ? null : 'owner', ...(u.locale ? [u.login] : [])])
      }
      // only the very first owner was made by the system: nobody existed to make them
      const systemRows = await db.db
        .select({ action: auditLog.action, entityId: auditLog.entityId })
        .from(auditLog)
        .where(sql`${auditLog.actorId} is null`)
        .orderBy(asc(auditLog.id))
      expect(systemRows).toEqual([
        { action: 'system.create_owner', entityId: owner.id },
        { action: 'system.seed_demo', entityId: null },
      ])
      // one piece of work: every row of the seed carries the same request id
      const [{ n }] = await db.db.select({ n: sql<number>`count(distinct ${auditLog.requestId})::int` }).from(auditLog)
      expect(n).toBe(1)
    })

    it('has every lesson from a week its branch’s receptionist generated or booked, and the generation audited', async () => {
      const weeks = await queryRows<{ doc: string; seq: number; login: string | null; update: Uint8Array }>(
        db.db,
        sql`select d.doc, d.seq, u.login, d.update from doc_updates d left join users u on u.id = d.user_id
          where d.doc like 'timetable:%' order by d.doc, d.seq`,
      )
      const [central, riverside] = await Promise.all(
        [DEMO_BRANCHES[locale].central.name, DEMO_BRANCHES[locale].riverside.name].map(
          async (name) =>
            (
              await db.db
                .select()
                .from(branches)
                .where(sql`${branches.name} = ${name}`)
            )[0],
        ),
      )
      const receptionOf = new Map([
        [central.id, 'reception'],
        [riverside.id, 'reception2'],
      ])
      const docs = new Map<string, Y.Doc>()
      for (const w of weeks) {
        expect(w.login, `${w.doc} seq ${w.seq}`).toBe(receptionOf.get(w.doc.split(':')[1]))
        const doc = docs.get(w.doc) ?? new Y.Doc()
        Y.applyUpdate(doc, w.update)
        docs.set(w.doc, doc)
      }
      const lessonRows = await db.db.select().from(lessons)
      const inDocs = new Set<string>()
      let generated = 0
      for (const doc of docs.values()) {
        for (const id of lessonsOf(doc).keys()) inDocs.add(id)
        generated += generatedOf(doc).size
      }
      expect(lessonRows.map((l) => l.id).sort()).toEqual([...inDocs].sort())
      expect(lessonRows.filter((l) => l.id.startsWith('party-'))).toHaveLength(lessonRows.length - generated)
      // the past ones given (the staff step marks last month's and this month's lessons done)
      const now = Date.now()
      expect(
        lessonRows.every(
          (l) =>
            l.valid &&
            l.clashes.length === 0 &&
            (l.status === 'planned' || (l.status === 'done' && (l.endsAt?.getTime() ?? now) < now)),
        ),
      ).toBe(true)
      const generations = await auditAuthors('timetable')
      expect(new Set(generations.get(central.id))).toEqual(new Set(['reception']))
      expect(new Set(generations.get(riverside.id))).toEqual(new Set(['reception2']))
      // every document the seed wrote is projected up to its head: the hub finds nothing left to do
      const lagging = await queryRows<{ doc: string }>(
        db.db,
        sql`select d.doc from doc_updates d left join doc_projections p on p.doc = d.doc
          group by d.doc, p.seq having coalesce(p.seq, 0) < max(d.seq)`,
      )
      expect(lagging).toEqual([])
    })

    it('still has the demo it had before the commands made it', async () => {
      const total = async (
        t: typeof branches | typeof rooms | typeof users | typeof clients | typeof activities | typeof groups,
      ) => (await db.db.select({ n: count() }).from(t))[0].n
      // the numbers the seed had when it wrote its rows directly (recorded before the change)
      expect(await total(branches)).toBe(2)
      expect(await total(rooms)).toBe(8)
      expect(await total(users)).toBe(15)
      expect(await total(clients)).toBe(150)
      expect(await total(activities)).toBe(10)
      expect(await total(groups)).toBe(17)
      expect((await db.db.select({ n: count() }).from(clientGuardians))[0].n).toBe(62)
      expect((await db.db.select({ n: count() }).from(clientRecords))[0].n).toBe(17)
      expect((await db.db.select({ n: count() }).from(clientMedicalSummary))[0].n).toBe(16)
      expect((await db.db.select({ n: count() }).from(groupMembers).where(isNull(groupMembers.leftAt)))[0].n).toBe(128)
      // the clients who left the center left a group too, each with their reason, weeks or months ago
      const leavers = await queryRows<{ n: number; reasons: number; recent: number }>(
        db.db,
        sql`select count(*)::int n, count(left_reason_code)::int reasons,
                   count(*) filter (where left_at > now() - interval '14 days')::int recent
            from group_members where left_at is not null`,
      )
      expect(leavers[0].n).toBeGreaterThanOrEqual(4)
      expect(leavers[0]).toMatchObject({ reasons: leavers[0].n, recent: 0 })
      // the inflow report has something to show on a first look over the last twelve months
      const day = (d: Date) => d.toISOString().slice(0, 10)
      const inflow = await inflowReport(db.db, {
        branchIds: null,
        from: day(new Date(Date.now() - 365 * 86_400_000)),
        to: day(new Date()),
        currency: 'AMD',
        today: day(new Date()),
        timeZone: 'UTC',
      })
      expect(inflow.sources.length).toBeGreaterThanOrEqual(6)
      expect(inflow.months.filter((m) => m.clients > 0).length).toBeGreaterThanOrEqual(6)
      expect(inflow.trials.converted).toBeGreaterThan(0)
      expect(inflow.trials.started).toBeGreaterThan(inflow.trials.converted)
      // a year of cohorts (the monthly memberships before the timetable's weeks), and a curve that
      // follows them most of the year and falls as the leavers go
      expect(inflow.cohorts.length).toBeGreaterThanOrEqual(10)
      const followed = inflow.curve.filter((c) => c.eligible > 0)
      expect(followed.length).toBeGreaterThanOrEqual(10)
      expect(followed.every((c) => c.rateBp !== null)).toBe(true)
      expect(Math.min(...followed.map((c) => c.rateBp ?? 10_000))).toBeLessThan(10_000)
      // the leavers held passes until they left, and raise no pass alert for it
      const [leaverPasses] = await queryRows<{ passes: number; open: number }>(
        db.db,
        sql`select count(*)::int as passes,
                   (select count(*)::int from alerts a join passes q on a.subject = 'pass:' || q.id
                      join clients k on k.id = q.client_id where k.status = 'left' and a.cleared_at is null) as open
            from passes p join clients c on c.id = p.client_id where c.status = 'left'`,
      )
      expect(leaverPasses.passes).toBeGreaterThanOrEqual(9)
      expect(leaverPasses.open).toBe(0)
      expect(inflow.churnTotals.clients).toBe(9)
      expect(inflow.churn.length).toBeGreaterThanOrEqual(3)
      expect(inflow.bySource.length).toBeGreaterThanOrEqual(4)
      // the country's holidays, less any over the weeks around today
      const today = todayIso()
      expect((await db.db.select({ n: count() }).from(closures))[0].n).toBe(
        demoClosures(locale, demoSchoolYear(today), today).length,
      )
      const statuses = await queryRows<{ status: string; n: number }>(
        db.db,
        sql`select status, count(*)::int n from clients group by status order by status`,
      )
      expect(statuses).toEqual([
        { status: 'active', n: 100 },
        { status: 'lead', n: 9 },
        { status: 'left', n: 9 },
        { status: 'paused', n: 13 },
        { status: 'trial', n: 19 },
      ])
      const clientRows = await db.db.select().from(clients)
      expect(clientRows.filter((c) => c.flags.includes('allergy'))).toHaveLength(16)
      expect(clientRows.filter((c) => c.flags.includes('file_incomplete'))).toHaveLength(2)
      expect(clientRows.filter((c) => c.status === 'left').every((c) => c.leaveReason)).toBe(true)
      const alertRows = await db.db.select().from(alerts)
      // the two incomplete files, and the passes' flags: every kind the desk acts on is in the demo
      expect(alertRows.filter((a) => a.kind === 'client_file_incomplete')).toHaveLength(2)
      // (the stock's alerts are checked below; the loans' overdue ones in the loans' tests, the checklists' in test/integration/checklists)
      const passKinds = new Set(
        alertRows
          .map((a) => a.kind)
          .filter(
            (k) => !['client_file_incomplete', 'stock_low', 'loan_overdue', 'checklist_overdue', 'checklist_failed'].includes(k),
          ),
      )
      expect([...passKinds].sort()).toEqual(['debt', 'pass_expired', 'pass_running_out', 'pass_used_up', 'visit_owed'])
      // each client's file, each medical file, the weeks (lessons: last week to two weeks ahead)
      const docCounts = await queryRows<{ type: string; docs: number }>(
        db.db,
        sql`select split_part(doc, ':', 1) as type, count(distinct doc)::int as docs from doc_updates group by 1 order by 1`,
      )
      expect(docCounts.filter((d) => d.type === 'client' || d.type === 'client-medical')).toEqual([
        { type: 'client', docs: 150 },
        { type: 'client-medical', docs: 16 },
      ])
      expect((await db.db.select({ n: count() }).from(lessons))[0].n).toBeGreaterThan(100)
      // the commands' events reached the bus once the seed had committed
      expect(events.filter((e) => (e.payload as { type: string }).type === 'client').length).toBeGreaterThanOrEqual(150)
    })

    it('has its stock: stores per branch, suppliers with email, every kind of product and the norms’ consumables, months of receipts, one product just above its point, an order sent and half received', async () => {
      const stores = await queryRows<{ branch_id: string; n: number }>(
        db.db,
        sql`select branch_id, count(*)::int n from stores group by 1`,
      )
      expect(stores).toHaveLength(2)
      const suppliers = await queryRows<{ email: string }>(db.db, sql`select email from suppliers`)
      expect(suppliers.length).toBeGreaterThanOrEqual(3)
      expect(suppliers.every((s) => /@/u.test(s.email))).toBe(true)
      const kinds = await queryRows<{ kind: string }>(db.db, sql`select distinct kind from products order by kind`)
      expect(kinds.map((k) => k.kind)).toEqual(['consumable', 'goods', 'kit', 'textbook'])
      // every consumable an activity's norms name is a product of that name (a lesson done writes it off)
      const unmatched = await queryRows<{ item: string }>(
        db.db,
        sql`select c->>'item' as item from activities a, jsonb_array_elements(coalesce(a.consumables, '[]'::jsonb)) c
             where not exists (select 1 from products p where p.kind = 'consumable' and lower(p.name) = lower(c->>'item'))`,
      )
      expect(unmatched).toEqual([])
      // months of posted receipts, dated in the past; the balances are the ledger's sums
      const [span] = await queryRows<{ first: Date; receipts: number }>(
        db.db,
        sql`select min(posted_at) as first, count(*)::int as receipts from stock_documents where kind = 'receipt' and status = 'posted'`,
      )
      expect(span.receipts).toBeGreaterThanOrEqual(12)
      expect(Date.now() - new Date(span.first).getTime()).toBeGreaterThan(90 * 86_400_000)
      expect(
        await queryRows(
          db.db,
          sql`select 1 from stock_balances b full join (select product_id, store_id, sum(quantity) s from stock_movements group by 1, 2) m
                using (product_id, store_id) where coalesce(b.on_hand, 0) <> coalesce(m.s, 0)`,
        ),
      ).toEqual([])
      expect(await queryRows(db.db, sql`select 1 from stock_balances where on_hand < 0`)).toEqual([])
      // just above its reorder point (the first branch's painting paper), no alert for it yet
      const near = await queryRows<{ subject: string }>(
        db.db,
        sql`select 'product:' || p.id || ':' || b.store_id as subject from stock_balances b join products p on p.id = b.product_id
             where p.kind = 'consumable' and b.on_hand > p.reorder_point and b.on_hand <= p.reorder_point + 2`,
      )
      expect(near).toHaveLength(1)
      const open = await queryRows(
        db.db,
        sql`select 1 from alerts where kind = 'stock_low' and cleared_at is null and subject = ${near[0].subject}`,
      )
      expect(open).toEqual([])
      // an order sent today (into the outbox: no mail server in the demo) and half received
      const orders = await queryRows<{ status: string }>(db.db, sql`select status from purchase_orders where status <> 'draft'`)
      expect(orders.map((o) => o.status)).toEqual(['partly_received'])
      const outbox = await queryRows<{ status: string; n: number }>(
        db.db,
        sql`select status, octet_length(attachment)::int n from outbox_messages`,
      )
      expect(outbox).toHaveLength(1)
      expect(outbox[0].status).toBe('held')
      expect(outbox[0].n).toBeGreaterThan(1000)
    })

    it('has last month’s lessons given and its payroll approved in every branch, with lines', async () => {
      const rows = await queryRows<{ month: string; lines: number; total: string; services: number }>(
        db.db,
        sql`select p.month, (select count(*) from payroll_lines l where l.payroll_id = p.id)::int as lines, p.total,
            (select count(*) from payroll_lines l where l.payroll_id = p.id and l.service_id is not null)::int as services
          from payrolls p`,
      )
      const now = new Date()
      const last = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 15)).toISOString().slice(0, 7)
      expect(rows.length).toBe(2)
      for (const r of rows) {
        expect(r.month).toBe(last)
        expect(r.lines).toBeGreaterThan(0)
        expect(r.services).toBeGreaterThan(0)
        expect(Number(r.total)).toBeGreaterThan(0)
      }
    })

    it('keeps last month’s books: sessions written off passes, consumables used, most groups and teachers with a margin', async () => {
      const now = new Date()
      const first = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1)).toISOString().slice(0, 10)
      const last = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 0)).toISOString().slice(0, 10)
      const t = createTestApp(db)
      const owner = await t.login('owner', DEMO_PASSWORD)
      type Row = { name: string; revenueGross: number; consumablesCost: number; margin: number }
      const report = async (groupBy: 'group' | 'teacher') => {
        const res = await t.call('GET', `/api/costs/lessons?from=${first}&to=${last}&groupBy=${groupBy}`, { cookie: owner })
        expect(res.status, JSON.stringify(res.data)).toBe(200)
        return res.data as { rows: Row[]; totals: Row }
      }
      const byGroup = await report('group')
      expect(byGroup.rows.length).toBeGreaterThanOrEqual(10)
      // members pay for their lessons: revenue on most groups, and the lessons' consumables at cost
      const earning = byGroup.rows.filter((r) => r.revenueGross > 0)
      expect(earning.length / byGroup.rows.length, JSON.stringify(byGroup.rows)).toBeGreaterThanOrEqual(0.8)
      expect(byGroup.totals.consumablesCost).toBeGreaterThan(0)
      expect(byGroup.rows.filter((r) => r.consumablesCost > 0).length).toBeGreaterThanOrEqual(3)
      // a realistic mix: most groups make money, a few lose it (a small group, an expensive room)
      const gaining = byGroup.rows.filter((r) => r.margin > 0).length
      const losing = byGroup.rows.filter((r) => r.margin < 0).length
      expect(gaining, JSON.stringify(byGroup.rows.map((r) => [r.name, r.margin]))).toBeGreaterThan(losing)
      expect(losing).toBeGreaterThan(0)
      expect(byGroup.totals.margin).toBeGreaterThan(0)
      const byTeacher = await report('teacher')
      const teachersGaining = byTeacher.rows.filter((r) => r.margin > 0).length
      expect(teachersGaining, JSON.stringify(byTeacher.rows.map((r) => [r.name, r.margin]))).toBeGreaterThan(
        byTeacher.rows.length / 2,
      )
      // most sessions of the lessons done were written off a pass; a few members came without one (owed)
      const [visits] = await queryRows<{ on_pass: number; owed: number }>(
        db.db,
        sql`select count(*) filter (where v.pass_id is not null)::int as on_pass, count(*) filter (where v.owed)::int as owed
              from pass_visits v join lessons l on l.id = v.lesson_id where l.status = 'done' and v.sign = 1`,
      )
      expect(visits.on_pass).toBeGreaterThan(10 * visits.owed)
      expect(visits.owed).toBeGreaterThan(0)
      // what the lessons used was written off their branch's store
      const [{ consumed }] = await queryRows<{ consumed: number }>(
        db.db,
        sql`select count(*)::int as consumed from stock_documents where kind = 'consumption' and status = 'posted'`,
      )
      expect(consumed).toBeGreaterThan(0)
      // the last seven days stay planned: the front desk takes their attendance
      const recent = await queryRows(
        db.db,
        sql`select 1 from lessons where status = 'done' and starts_at > now() - interval '7 days'`,
      )
      expect(recent).toEqual([])
    })

    it('speaks its center’s language: its place, phones, names and words', async () => {
      const want = PLACES[locale]
      const branchRows = await db.db.select().from(branches)
      expect(branchRows.map((b) => b.timezone)).toEqual([want.timezone, want.timezone])
      expect(branchRows.every((b) => want.script.test(b.name) && want.script.test(b.address))).toBe(true)
      const clientRows = await db.db.select().from(clients)
      const guardianRows = await db.db.select().from(clientGuardians)
      const phones = [...clientRows.map((c) => c.phone), ...guardianRows.map((g) => g.phone)].filter((p) => p !== null)
      expect(phones.length).toBeGreaterThan(100)
      for (const p of phones) expect(p).toMatch(want.phone)
      // most families speak the center's language; the Armenian and Russian centers have some of the others
      const inScript = (re: RegExp) => clientRows.filter((c) => re.test(c.firstName) && re.test(c.lastName)).length
      expect(inScript(want.script) / clientRows.length).toBeGreaterThanOrEqual(want.share)
      if (locale !== 'en') {
        for (const other of Object.values(SCRIPTS).filter((re) => re !== want.script)) expect(inScript(other)).toBeGreaterThan(0)
      }
      // a family's names are in one script, and what staff wrote of them in its language
      for (const c of clientRows) expect(scriptOf(c.lastName)).toBe(scriptOf(c.firstName))
      const medical = await db.db.select().from(clientMedicalSummary)
      const byId = new Map(clientRows.map((c) => [c.id, c]))
      for (const m of medical) expect(scriptOf(m.allergies), m.allergies).toBe(scriptOf(byId.get(m.clientId)?.lastName ?? ''))
      for (const table of [activities, rooms, groups, closures] as const) {
        const names = (await db.db.select({ name: table.name }).from(table)).map((r) => r.name)
        expect(names.length).toBeGreaterThan(0)
        for (const name of names) expect(name).toMatch(want.script)
      }
      const staff = await db.db.select().from(users)
      expect(
        inScriptOf(
          staff.map((u) => u.name),
          want.script,
        ),
      ).toBeGreaterThanOrEqual(0.75)
      // the owner set the center's language and currency first
      const [center] = await db.db.select().from(centerSettings)
      expect({ defaultLocale: center.defaultLocale, currency: center.currency }).toEqual(DEMO_CENTER[locale])
      const configured = await queryRows<{ login: string }>(
        db.db,
        sql`select u.login from audit_log a join users u on u.id = a.actor_id where a.action = 'center.configure'`,
      )
      expect(configured).toEqual([{ login: 'owner' }])
      // each user reads the language they picked, else the center's
      const reads = new Map(staff.map((u) => [u.login, u.locale ?? center.defaultLocale]))
      for (const s of demoStaff(locale)) expect(reads.get(s.login), s.login).toBe(s.locale ?? DEMO_CENTER[locale].defaultLocale)
      if (locale === 'hy') expect(['reception', 'reception2', 'manager'].map((l) => reads.get(l))).toEqual(['hy', 'ru', 'en'])
      if (locale === 'en') expect(new Set(reads.values())).toEqual(new Set(['en'])) // the e2e suite reads English
    })
  })
})

const SCRIPTS = { hy: /\p{Script=Armenian}/u, ru: /\p{Script=Cyrillic}/u, en: /\p{Script=Latin}/u }
const scriptOf = (text: string) => (Object.keys(SCRIPTS) as Locale[]).find((k) => SCRIPTS[k].test(text))
const inScriptOf = (names: string[], re: RegExp) => names.filter((n) => re.test(n)).length / names.length
/** Where each language's demo center is: its time zone, its mobile numbers, its script, and how many of its clients write in it. */
const PLACES: Record<Locale, { timezone: string; phone: RegExp; script: RegExp; share: number }> = {
  hy: { timezone: 'Asia/Yerevan', phone: /^\+374 (91|93|94|95|96|77|98|99) \d\d \d\d \d\d$/, script: SCRIPTS.hy, share: 0.7 },
  ru: { timezone: 'Europe/Moscow', phone: /^\+7 9\d\d \d{3}-\d\d-\d\d$/, script: SCRIPTS.ru, share: 0.7 },
  en: { timezone: 'Europe/Berlin', phone: /^\+49 15\d \d{7}$/, script: SCRIPTS.en, share: 1 },
}

describe(`the demo seed (${TEST_DRIVER})`, () => {
  it('seeds the language SEED_LOCALE names (Armenian by default), and refuses another', async () => {
    expect(testConfig().SEED_LOCALE).toBe('hy')
    expect(() => testConfig({ SEED_LOCALE: 'de' })).toThrow(/SEED_LOCALE/)
    const fresh = await createTestDatabase()
    try {
      const seen: Locale[] = []
      const step: SeedStep = async (_tx, ctx) => void seen.push(ctx.locale)
      const config = { ...testConfig({ SEED_LOCALE: 'ru' }), seedDemo: true }
      expect(await bootstrapDatabase(fresh, config, createLogger('silent'), [step])).toBe('seeded')
      expect(seen).toEqual(['ru'])
      const [owner] = await fresh.db.select().from(users)
      expect(owner.name).toBe(demoStaff('ru')[0].name)
      const [center] = await fresh.db.select().from(centerSettings)
      expect([center.defaultLocale, center.currency]).toEqual(['ru', 'RUB'])
    } finally {
      await fresh.destroy()
    }
  })

  it('is one transaction: a step that fails leaves the database empty, and no event escapes', async () => {
    const fresh = await createTestDatabase()
    try {
      const bus = new EventBus()
      let emitted = 0
      bus.on('entity.changed', () => emitted++)
      const failing: SeedStep = async (_tx, ctx) => {
        expect(ctx.clientIds).toHaveLength(150) // everything before it was made
        throw new Error('the last step failed')
      }
      await expect(seedDemo(fresh.db, [...STEPS, failing], { events: bus })).rejects.toThrow('the last step failed')
      for (const table of [users, branches, rooms, clients, clientGuardians, groups, groupMembers, lessons, activities, alerts]) {
        expect((await fresh.db.select({ n: count() }).from(table))[0].n).toBe(0)
      }
      for (const table of [auditLog, docUpdates, docProjections]) {
        expect((await fresh.db.select({ n: count() }).from(table))[0].n).toBe(0)
      }
      expect(emitted).toBe(0)
    } finally {
      await fresh.destroy()
    }
  }, 120_000)
})
