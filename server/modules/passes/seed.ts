import { randomBytes } from 'node:crypto'
import { sql } from 'drizzle-orm'
import { queryRows, type Tx } from '../../../db/client'
import { wallTokens } from '../../../db/schema/index'
import { seededRandom } from '../../../db/seeded-random'
import { addDays } from '../../../domain/docs/timetable-week'
import type { Locale } from '../../../domain/i18n/locales'
import { minorDigits } from '../../../domain/money'
import { hashToken } from '../../contracts/sessions'
import type { SeedContext } from '../../contracts/seed'
import { runCommand } from '../../http/command'
import { centerSettingsOf } from '../center/index'
import { checkIn, findCheckInLesson } from './commands/check-in'
import { takePayment } from './commands/payments'
import { createPlan, updatePlan } from './commands/plans'
import { sellPass } from './commands/sell-pass'
import { createTaxRate } from './commands/tax-rates'
import { todayIn } from './pass-alerts'
import { MONTH_DAYS, sellEarlierPasses } from './seed-earlier'
import { sellPastPasses } from './seed-history'

/** The demo's words and prices, per language (prices in the currency's minor unit: AMD, RUB, EUR). */
const DEMO: Record<
  Locale,
  {
    vat: string
    plan: (activity: string) => string
    /** The monthly membership the desk sold before the 8-lesson passes (./seed-earlier.ts; archived). */
    month: (activity: string) => string
    trial: string
    price: number
    step: number
    trialPrice: number
    wall: string
  }
> = {
  hy: {
    vat: 'ԱԱՀ 20 %',
    plan: (a) => `${a}. 8 դաս`,
    month: (a) => `${a}. ամսական աբոնեմենտ`,
    trial: 'Փորձնական. 4 դաս',
    price: 24_000,
    step: 2_000,
    trialPrice: 10_000,
    wall: 'Հեռուստացույց մենեջերի սենյակում',
  },
  ru: {
    vat: 'НДС 20 %',
    plan: (a) => `${a}: 8 занятий`,
    month: (a) => `${a}: абонемент на месяц`,
    trial: 'Пробный: 4 занятия',
    price: 640_000,
    step: 40_000,
    trialPrice: 280_000,
    wall: 'Телевизор в кабинете менеджера',
  },
  en: {
    vat: 'VAT 20 %',
    plan: (a) => `${a}: 8 lessons`,
    month: (a) => `${a}: monthly membership`,
    trial: 'Trial: 4 lessons',
    price: 12_000,
    step: 800,
    trialPrice: 5_000,
    wall: 'TV in the manager’s office',
  },
}

/** The demo's plans: a pass of 8 lessons, valid 30 days. */
const SESSIONS = 8
const VALID_DAYS = 30

/** A member whose story is told from before the past lessons (the desk sold them none of theirs). */
const TOLD_WHOLLY = '0000-01-01'

/** How many members get a pass: enough for every situation on the wall, few enough to seed in seconds. */
const MAX_PASSES = 30

interface Member {
  client_id: string
  group_id: string
  activity_id: string
  branch_id: string
  tz: string
}

/** What happened to a demo pass: how long ago it started, how much of it was used and paid. */
type Story = 'current' | 'runningOut' | 'usedUp' | 'old'
/** How each story's sales are paid, in turn (0 in full, 0.7 in part, 0.9 nothing: the thresholds below). */
const PAYMENTS = [0, 0.7, 0, 0.9, 0, 0.7, 0] as const
const STORIES: readonly Story[] = [
  'current',
  'runningOut',
  'old',
  'usedUp',
  'current',
  'current',
  'runningOut',
  'current',
  'old',
  'current',
]

/**
 * The passes area's step of the demo seed, through its commands: the manager sets up VAT 20 %
 * (included in the price, as Armenian centers price) and a plan per activity (8 of its lessons at
 * the catalogue's price per session, 30 days, a sibling discount) with a trial plan; the
 * receptionists tell the stories of some members' passes over the last months (`passes.sell`),
 * take payments (in full, in part, or none: the debts), and check the members in for their past
 * lessons (`visits.checkIn`: each a session written off, so `sessions_used` is the sum of the
 * visits) — a few passes running out this week, some used up, old ones expired and renewed; two
 * members come without a pass (owed visits: the grid's red lines). Everyone else of the groups buys
 * the passes of the past lessons the staff step marks done (./seed-history.ts; before a story's
 * pass, its member too), `ctx.extra.pastLessonsTold` saying from which day a member's story is told.
 * The invoices are dated on their sale day (the commands date them today). Deterministic (a seeded
 * random). Last, one wall token for the TV (its secret is thrown away: a manager makes a new one).
 */
export async function seedPasses(tx: Tx, ctx: SeedContext): Promise<void> {
  const words = DEMO[ctx.locale]
  const rand = seededRandom(1515)
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]
  const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1))
  const manager = ctx.as(ctx.staff.manager ?? 'manager')
  const desk: Record<string, ReturnType<SeedContext['as']>> = {}
  const deskOf = (branchId: string) => {
    const login =
      ctx.branchIds.riverside === branchId ? (ctx.staff.reception2 ?? 'reception2') : (ctx.staff.reception ?? 'reception')
    return (desk[login] ??= ctx.as(login))
  }

  const activities = await queryRows<{ id: string; name: string; kind: string; price_per_session: string }>(
    tx,
    sql`select id, name, kind, price_per_session::text as price_per_session from activities order by name`,
  )
  if (!activities.length) return
  const { currency } = await centerSettingsOf(tx)
  const [{ tz }] = await queryRows<{ tz: string }>(tx, sql`select timezone as tz from branches order by created_at limit 1`)
  const today = todayIn(tz)
  const longAgo = addDays(today, -120)

  const vat = await createTaxRate(manager.ctx, manager.actor, { name: words.vat, rateBp: 2000, mode: 'included' })
  const planOf = new Map<string, string>()
  const paidTurn: Partial<Record<Story, number>> = {}
  // a group's pass: its lessons at the catalogue's price per session; an event's, the desk's flat price
  const groupPrice = (a: (typeof activities)[number]) =>
    Math.round(Number(a.price_per_session) * 10 ** minorDigits(currency)) * SESSIONS
  for (const [i, a] of activities.entries()) {
    const price = a.kind === 'event' ? words.price + (i % 4) * words.step : groupPrice(a)
    const plan = await createPlan(manager.ctx, manager.actor, {
      name: words.plan(a.name),
      activityIds: [a.id],
      sessions: SESSIONS,
      validDays: VALID_DAYS,
      price,
      priceFrom: longAgo,
      taxRateId: vat.id,
      burnsUnexcused: i % 3 === 0,
      freezeMaxDays: 14,
      freezeMaxTimes: 1,
      siblingDiscountBp: 1000,
    })
    planOf.set(a.id, plan.id)
  }
  await createPlan(manager.ctx, manager.actor, {
    name: words.trial,
    activityIds: activities.map((a) => a.id),
    sessions: 4,
    validDays: 14,
    price: words.trialPrice,
    priceFrom: longAgo,
    taxRateId: vat.id,
  })

  const members = await queryRows<Member>(
    tx,
    sql`select m.client_id, m.group_id, g.activity_id, g.branch_id, b.timezone as tz
        from group_members m
        join groups g on g.id = m.group_id
        join branches b on b.id = g.branch_id
        where m.left_at is null and g.deleted_at is null and g.activity_id is not null
        order by m.client_id, m.group_id`,
  )

  // past lessons of each group, oldest first (the visits of a pass)
  const lessons = await queryRows<{ id: string; group_id: string; day: string }>(
    tx,
    sql`select l.id, l.group_id, to_char(l.starts_at at time zone b.timezone, 'YYYY-MM-DD') as day
        from lessons l join branches b on b.id = l.branch_id
        where l.group_id is not null and l.status <> 'cancelled' and l.starts_at < now() - interval '2 hours'
        order by l.starts_at, l.id`,
  )
  const lessonsOf = new Map<string, Array<{ id: string; day: string }>>()
  for (const l of lessons) lessonsOf.set(l.group_id, [...(lessonsOf.get(l.group_id) ?? []), { id: l.id, day: l.day }])

  let owed = 0
  let sold = 0
  // the members whose story is told here, and from which day (their passes and visits from then
  // on; before it, and for everyone else, the past lessons' passes are sold below)
  const told = new Map<string, string>()
  const owedClients = new Set<string>()
  for (const m of members) {
    const roll = rand()
    // about half the members hold a pass (at most MAX_PASSES: the demo starts in seconds)
    if (roll < 0.45 || sold >= MAX_PASSES) {
      // no pass: two of them come anyway (owed visits, the grid's red lines)
      const past = lessonsOf.get(m.group_id) ?? []
      if (owed < 2 && past.length) {
        const lesson = await findCheckInLesson(tx, past[past.length - 1].id)
        if (lesson) {
          const d = deskOf(m.branch_id)
          await checkIn(d.ctx, d.actor, { clientId: m.client_id, lessonId: lesson.id }, { kind: 'lesson', lesson })
          owed++
          owedClients.add(m.client_id)
        }
      }
      continue
    }
    // every situation, in the same proportions on every run
    const story: Story = STORIES[sold % STORIES.length]
    const planId = planOf.get(m.activity_id)
    if (!planId) continue
    const d = deskOf(m.branch_id)
    sold++
    if (story === 'old') {
      const start = addDays(today, -int(40, 85))
      told.set(`${m.client_id}:${m.group_id}`, TOLD_WHOLLY)
      await sale(m, d, planId, start, 'old')
      // half of them renewed (the renewal clears the old pass's flags)
      if (rand() < 0.5) await sale(m, d, planId, addDays(today, -int(2, 10)), 'current')
    } else {
      const start = story === 'runningOut' ? addDays(today, -int(22, 26)) : addDays(today, -int(story === 'usedUp' ? 10 : 2, 18)) // a used-up pass has had its eight days
      // before a pass that still runs, the member had the desk's usual passes (it renews them); a used-up one renews nothing
      told.set(`${m.client_id}:${m.group_id}`, story === 'usedUp' ? TOLD_WHOLLY : start)
      await sale(m, d, planId, start, story)
    }
  }

  async function sale(m: Member, d: ReturnType<SeedContext['as']>, planId: string, startsOn: string, story: Story) {
    const { pass, invoice } = await sellPass(d.ctx, d.actor, m.client_id, { planId, startsOn, branchId: m.branch_id })
    // dated on its sale day (the command dates an invoice today)
    await tx.execute(
      sql`update invoices set issued_on = ${startsOn}, due_on = ${addDays(startsOn, 7)} where id = ${invoice.id}::uuid`,
    )
    const total = invoice.total
    // paid in full, in part or not at all in fixed turns per story, so every run has debts of every age
    const turn = (paidTurn[story] = (paidTurn[story] ?? -1) + 1)
    const payRoll = PAYMENTS[turn % PAYMENTS.length]
    const unit = ctx.locale === 'hy' ? 1000 : 100
    const amount = payRoll < 0.6 ? total : payRoll < 0.85 ? Math.max(unit, Math.floor(total / 2 / unit) * unit) : 0
    if (amount > 0) {
      await takePayment(d.ctx, d.actor, {
        invoiceId: invoice.id,
        amount,
        method: pick(['cash', 'cash', 'card', 'card', 'transfer'] as const),
        idempotencyKey: `demo-${invoice.id}`,
        day: startsOn < today ? startsOn : undefined,
      })
    }
    const used = story === 'usedUp' ? 8 : story === 'runningOut' ? int(6, 7) : story === 'old' ? int(5, 8) : int(1, 2)
    const validUntil = pass.validUntil
    const lastDay = validUntil < today ? validUntil : addDays(today, -1)
    const byLesson = (lessonsOf.get(m.group_id) ?? []).filter((l) => l.day >= startsOn && l.day <= lastDay)
    const lessonDays = new Set(byLesson.map((l) => l.day))
    let written = 0
    const deskDays = new Set<string>()
    const atDesk = async (day: string) => {
      await checkIn(
        d.ctx,
        d.actor,
        { clientId: m.client_id, passId: pass.id },
        { kind: 'pass', branchId: m.branch_id, activityId: m.activity_id, on: day },
      )
      deskDays.add(day)
      written++
    }
    // the days before the timetable's first week: visits at the desk, every 3–4 days from the start
    for (let day = startsOn; written < used - byLesson.length && day <= lastDay; day = addDays(day, int(3, 4))) {
      if (lessonDays.has(day) || day >= (byLesson[0]?.day ?? '9999')) break
      await atDesk(day)
    }
    for (const l of byLesson) {
      if (written >= used) break
      const lesson = await findCheckInLesson(tx, l.id)
      if (!lesson) continue
      await checkIn(d.ctx, d.actor, { clientId: m.client_id, lessonId: l.id, passId: pass.id }, { kind: 'lesson', lesson })
      written++
    }
    // a story that needs more sessions than its days gave (a used-up pass sold a few days ago):
    // the rest at the desk, one a day from the start, so every run has each situation
    for (let day = startsOn; written < used && day <= lastDay; day = addDays(day, 1))
      if (!lessonDays.has(day) && !deskDays.has(day)) await atDesk(day)
  }

  // the past lessons' passes: everyone else of the groups, as the desk sold them lesson by lesson
  for (const m of members) if (owedClients.has(m.client_id)) told.set(`${m.client_id}:${m.group_id}`, TOLD_WHOLLY)
  ctx.extra.pastLessonsTold = Object.fromEntries(told)
  await sellPastPasses(tx, ctx, { planOf, sessions: SESSIONS, told, deskOf, pick, today })

  // the year before: monthly memberships (the inflow report's cohorts), then retired from sale
  const monthly = new Map<string, Awaited<ReturnType<typeof createPlan>>>()
  for (const a of activities) {
    if (a.kind === 'event') continue
    const plan = await createPlan(manager.ctx, manager.actor, {
      name: words.month(a.name),
      activityIds: [a.id],
      sessions: null,
      validDays: MONTH_DAYS,
      price: groupPrice(a),
      priceFrom: longAgo,
      taxRateId: vat.id,
    })
    monthly.set(a.id, plan)
  }
  const monthlyPlanOf = new Map([...monthly].map(([activityId, plan]) => [activityId, plan.id]))
  await sellEarlierPasses(tx, { monthlyPlanOf, told, deskOf, today })
  for (const plan of monthly.values()) await updatePlan(manager.ctx, manager.actor, plan, { archived: true })

  // the wall's TV: a token for every branch (its secret is not kept: a manager makes a new one to use)
  await runCommand(manager.ctx, 'wall.tokens.create', async (t) => {
    const [row] = await t
      .insert(wallTokens)
      .values({
        name: words.wall,
        tokenHash: hashToken(randomBytes(32).toString('base64url')),
        branchId: null,
        createdBy: manager.actor.id,
      })
      .returning()
    return { result: row, entity: 'wall_token', entityId: row.id, after: { name: row.name, branchId: null } }
  })
}
