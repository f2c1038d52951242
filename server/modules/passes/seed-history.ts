import { sql } from 'drizzle-orm'
import { queryRows, type Tx } from '../../../db/client'
import { addDays } from '../../../domain/docs/timetable-week'
import type { SeedContext } from '../../contracts/seed'
import { takePayment } from './commands/payments'
import { sellPass } from './commands/sell-pass'
import { passSettings } from './pass-alerts'

/** The lessons the front desk has given by now (the timetable's step puts them in `ctx.extra.pastLessons`). */
export interface PastLessons {
  from: string
  to: string
}

/** A group's member, with the plan of its activity. */
interface Membership {
  client_id: string
  group_id: string
  activity_id: string
  branch_id: string
}

type Desk = ReturnType<SeedContext['as']>

/** One in this many members of the past lessons comes without a pass (owed visits: the grid's red lines). */
const WITHOUT_PASS_EVERY = 40

/**
 * The passes of the demo's past lessons (`ctx.extra.pastLessons`: from the first of last month to
 * a week ago), sold as the front desk sells them: each member of a group whose story the passes'
 * step has not told (`told`: their passes and visits are that step's), a pass of their activity's
 * plan on the day of their first lesson, the next one at the lesson after its sessions or its days
 * are spent (counting every lesson: an absence never takes more than the pass has), and, when the
 * last one ends soon or has few sessions left, this month's, from their group's first lesson after
 * those days — so no pass of theirs is flagged (a renewal clears the old one's flag). Invoices
 * dated on their sale day and paid in full that day (`passes.sell`, `payments.take`). A few
 * members (one in `WITHOUT_PASS_EVERY`) buy none: marked present, they are owed visits. The
 * sessions are written off when the staff step marks the lessons done (the passes area's
 * `lesson.done` hook). Returns how many passes were sold.
 */
export async function sellPastPasses(
  tx: Tx,
  ctx: SeedContext,
  opts: {
    planOf: ReadonlyMap<string, string>
    sessions: number
    /**
     * `clientId:groupId` → the day from which the passes' step tells the member's story (their
     * passes and visits from then on); the past lessons before it are the desk's usual books.
     */
    told: ReadonlyMap<string, string>
    deskOf: (branchId: string) => Desk
    pick: <T>(xs: readonly T[]) => T
    today: string
  },
): Promise<number> {
  const past = ctx.extra.pastLessons as PastLessons | undefined
  if (!past || past.to < past.from) return 0
  const members = await queryRows<Membership>(
    tx,
    sql`select m.client_id, m.group_id, g.activity_id, g.branch_id
        from group_members m join groups g on g.id = m.group_id
        where m.left_at is null and g.deleted_at is null and g.activity_id is not null
        order by g.name, m.client_id`,
  )
  // each group's lessons from the first past day on, oldest first (those the staff step marks done, and the week after)
  const lessons = await queryRows<{ group_id: string; day: string }>(
    tx,
    sql`select l.group_id, to_char((l.starts_at at time zone b.timezone)::date, 'YYYY-MM-DD') as day
        from lessons l join branches b on b.id = l.branch_id
        where l.group_id is not null and l.teacher_id is not null and not l.deleted and l.valid and l.status = 'planned'
          and (l.starts_at at time zone b.timezone)::date between ${past.from}::date and ${opts.today}::date
        order by l.starts_at, l.id`,
  )
  const flags = await passSettings(tx)
  const daysOf = new Map<string, string[]>()
  for (const l of lessons) daysOf.set(l.group_id, [...(daysOf.get(l.group_id) ?? []), l.day])

  let sold = 0
  let nth = 0
  for (const m of members) {
    const toldFrom = opts.told.get(`${m.client_id}:${m.group_id}`)
    const planId = opts.planOf.get(m.activity_id)
    const days = daysOf.get(m.group_id) ?? []
    const given = days.filter((d) => d <= past.to && (toldFrom === undefined || d < toldFrom))
    if (!planId || !given.length) continue
    if (toldFrom === undefined && ++nth % WITHOUT_PASS_EVERY === 0) continue
    const desk = opts.deskOf(m.branch_id)
    let pass: { validUntil: string; lessons: number } | null = null
    for (const day of given) {
      if (!pass || pass.lessons >= opts.sessions || day > pass.validUntil) {
        pass = { validUntil: await sale(m, desk, planId, day), lessons: 0 }
        sold++
      }
      pass.lessons++
    }
    // this month's pass, when the last one ends within the running-out days or has few sessions left
    // (a told member's story pass is theirs)
    if (
      pass &&
      toldFrom === undefined &&
      (pass.validUntil < addDays(opts.today, flags.runningOutDays) || opts.sessions - pass.lessons <= flags.runningOutSessions)
    ) {
      const next = days.find((d) => d > past.to) ?? addDays(past.to, 1)
      await sale(m, desk, planId, next <= opts.today ? next : opts.today)
      sold++
    }
  }
  return sold

  /** A pass sold on its first day, its invoice dated then and paid in full; returns its last valid day. */
  function sale(m: Membership, desk: Desk, planId: string, startsOn: string): Promise<string> {
    const method = opts.pick(['cash', 'card', 'card', 'transfer'] as const)
    return sellOnDay(tx, desk, { clientId: m.client_id, planId, branchId: m.branch_id, startsOn, today: opts.today, method })
  }
}

/**
 * A pass sold at the desk on its first day (`passes.sell`), its invoice dated that day (the
 * command dates it today) and paid in full then (`payments.take`). Returns its last valid day.
 */
export async function sellOnDay(
  tx: Tx,
  desk: Desk,
  o: {
    clientId: string
    planId: string
    branchId: string
    startsOn: string
    today: string
    method: 'cash' | 'card' | 'transfer'
  },
): Promise<string> {
  const { pass, invoice } = await sellPass(desk.ctx, desk.actor, o.clientId, {
    planId: o.planId,
    startsOn: o.startsOn,
    branchId: o.branchId,
  })
  await tx.execute(
    sql`update invoices set issued_on = ${o.startsOn}, due_on = ${addDays(o.startsOn, 7)} where id = ${invoice.id}::uuid`,
  )
  await takePayment(desk.ctx, desk.actor, {
    invoiceId: invoice.id,
    amount: invoice.total,
    method: o.method,
    idempotencyKey: `demo-${invoice.id}`,
    day: o.startsOn < o.today ? o.startsOn : undefined,
  })
  return pass.validUntil
}
