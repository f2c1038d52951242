import { sql } from 'drizzle-orm'
import { queryRows, type Tx } from '../../../db/client'
import { monthBounds } from '../../../domain/payroll/schemes'
import type { SeedContext } from '../../contracts/seed'
import { AppError } from '../../errors'
import { centerTimeZone } from '../center/index'
import { findLesson, markLessonDone, takeAttendance } from '../timetable/index'
import { approvePayroll } from './commands/approve-payroll'

/** The demo's front desks, by branch key (as the timetable's seed generates lessons). */
const DESKS = { central: 'reception', riverside: 'reception2' } as const

const dayIn = (timeZone: string, d = new Date()) =>
  new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(d)
const addDays = (day: string, n: number) => {
  const d = new Date(`${day}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() + n)
  return d.toISOString().slice(0, 10)
}

interface PastLesson {
  id: string
  ends_at: string | Date
  /** Its day in its branch's time zone. */
  day: string
}

interface Member {
  lesson_id: string
  client_id: string
  group_id: string
  /** Their mark already taken (checked in at the desk), if any. */
  marked: string | null
  /** One in eight stays away (the same on every run). */
  away: boolean
}

/**
 * The demo's past lessons given (`ctx.extra.pastLessons`, from the first of last month to a week
 * ago, as the timetable's step generated them), each marked done by its branch's front desk through
 * the timetable's own commands, at the lesson's end: the attendance (a member checked in at the desk
 * stays present; those whose story the passes' step told — `ctx.extra.pastLessonsTold` — came only
 * when checked in, excused otherwise; of the others one in eight is absent), then "done" with its
 * steps (a session off each attending member's pass — sold by the passes' step — or an owed visit;
 * the consumables of the norms off the branch's store; the teacher's service) and the week document
 * showing it. The last seven days stay planned for the desk. Then last month's payroll is approved
 * by the accountant for each branch, so lesson cost and margins have real pay and revenue.
 */
export async function seedPayroll(tx: Tx, ctx: SeedContext): Promise<void> {
  const timeZone = (await centerTimeZone(tx)) || 'UTC'
  const today = dayIn(timeZone)
  const [y, m] = today.split('-').map(Number)
  const lastMonth = m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`
  const past = (ctx.extra.pastLessons as { from: string; to: string } | undefined) ?? {
    from: monthBounds(lastMonth).first,
    to: addDays(today, -8),
  }
  const told = new Map(Object.entries((ctx.extra.pastLessonsTold as Record<string, string> | undefined) ?? {}))
  const login = (key: 'reception' | 'reception2' | 'accountant' | 'owner') => ctx.staff[key] ?? key
  for (const [key, desk] of Object.entries(DESKS)) {
    const branchId = ctx.branchIds[key]
    if (!branchId) continue
    const reception = ctx.as(login(desk))
    const given = await queryRows<PastLesson>(
      tx,
      sql`select l.id, l.ends_at, to_char((l.starts_at at time zone b.timezone)::date, 'YYYY-MM-DD') as day
          from lessons l join branches b on b.id = l.branch_id
          where l.branch_id = ${branchId} and not l.deleted and l.valid and l.status = 'planned'
            and l.teacher_id is not null and l.group_id is not null
            and (l.starts_at at time zone b.timezone)::date between ${past.from}::date and ${past.to}::date
            and not exists (select 1 from lesson_completions c where c.lesson_id = l.id)
          order by l.starts_at, l.id`,
    )
    if (!given.length) continue
    const members = await queryRows<Member>(
      tx,
      sql`select l.id as lesson_id, gm.client_id, gm.group_id, a.status as marked,
            abs(hashtext(l.id || gm.client_id::text)) % 8 = 0 as away
          from lessons l join group_members gm on gm.group_id = l.group_id and gm.left_at is null
          left join attendance a on a.lesson_id = l.id and a.client_id = gm.client_id
          where l.id = any(string_to_array(${given.map((l) => l.id).join(',')}, ','))
          order by l.id, gm.client_id`,
    )
    const membersOf = new Map<string, Member[]>()
    for (const mb of members) membersOf.set(mb.lesson_id, [...(membersOf.get(mb.lesson_id) ?? []), mb])
    const deps = { docs: ctx.docs, logger: ctx.logger, hooks: ctx.hooks }
    for (const lesson of given) {
      const fresh = (membersOf.get(lesson.id) ?? [])
        .filter((mb) => !mb.marked)
        .map((mb) => {
          const status: 'excused' | 'absent' | 'present' =
            lesson.day >= (told.get(`${mb.client_id}:${mb.group_id}`) ?? '9999') ? 'excused' : mb.away ? 'absent' : 'present'
          return { clientId: mb.client_id, status }
        })
      const row = await findLesson(tx, lesson.id)
      if (fresh.length) await takeAttendance(reception.ctx, row, fresh, reception.actor)
      // the timetable's own "done" (its steps: passes written off, consumables off the store, the teacher's service), at the lesson's end
      await markLessonDone(reception.ctx, deps, row, reception.actor, { at: new Date(lesson.ends_at) })
    }
  }
  for (const key of Object.keys(DESKS)) {
    const branchId = ctx.branchIds[key]
    if (!branchId) continue
    const accountant = ctx.as(login('accountant'))
    try {
      await approvePayroll(accountant.ctx, accountant.actor, branchId, lastMonth)
    } catch (e) {
      // a branch with nothing to pay last month stays a draft
      if (!(e instanceof AppError && e.msg.id === 'payroll.empty')) throw e
    }
  }
}
