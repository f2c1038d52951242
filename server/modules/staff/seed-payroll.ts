import { sql } from 'drizzle-orm'
import { queryRows, type Tx } from '../../../db/client'
import { monthBounds } from '../../../domain/payroll/schemes'
import type { SeedContext } from '../../contracts/seed'
import { AppError } from '../../errors'
import { runCommand } from '../../http/command'
import { centerTimeZone } from '../center/index'
import { generateLessons } from '../timetable/index'
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

/**
 * The demo's lessons from the first of last month to a week ago given: the front desk generates the
 * whole of last month (the timetable's seed starts last week), and every past group lesson up to a
 * week ago is marked done as mark-done writes it (most members present, a few absent; the
 * completion, the visits, the teacher's service of the lesson's minutes), one command per branch;
 * the last seven days stay planned for the desk. Then last month's payroll is approved by the
 * accountant for each branch, so lesson cost and margins have real pay. Sessions are not written
 * off passes here (that is the passes area's hook): revenue is the desk's check-ins.
 */
export async function seedPayroll(tx: Tx, ctx: SeedContext): Promise<void> {
  const timeZone = (await centerTimeZone(tx)) || 'UTC'
  const today = dayIn(timeZone)
  const [y, m] = today.split('-').map(Number)
  const lastMonth = m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`
  const from = monthBounds(lastMonth).first
  // the last seven days stay planned: the front desk marks its own week (and the demo's stories of it stand)
  const doneTo = addDays(today, -8)
  const login = (key: 'reception' | 'reception2' | 'accountant' | 'owner') => ctx.staff[key] ?? key
  for (const [key, desk] of Object.entries(DESKS)) {
    const branchId = ctx.branchIds[key]
    if (!branchId) continue
    const reception = ctx.as(login(desk))
    // the whole of last month, as the front desk generates it (the timetable's seed starts last week)
    await generateLessons(reception.ctx, { docs: ctx.docs }, reception.actor, { branchId, from, to: doneTo })
    await runCommand(reception.ctx, 'lessons.done', async (t) => {
      const done = await queryRows<{ n: number }>(
        t,
        sql`with past as (
            select l.id, l.group_id, l.teacher_id, l.activity_id, l.starts_at, l.ends_at from lessons l
            where l.branch_id = ${branchId} and not l.deleted and l.valid and l.status = 'planned'
              and l.teacher_id is not null and l.group_id is not null
              and (l.starts_at at time zone ${timeZone})::date between ${from}::date and ${doneTo}::date
              and not exists (select 1 from lesson_completions c where c.lesson_id = l.id)),
          marks as (
            insert into attendance (lesson_id, client_id, status, at, by)
            select p.id, gm.client_id,
              case when abs(hashtext(p.id || gm.client_id::text)) % 8 = 0 then 'absent' else 'present' end, p.ends_at, ${reception.actor.id}::uuid
            from past p join group_members gm on gm.group_id = p.group_id and gm.left_at is null
            on conflict do nothing
            returning lesson_id, client_id, status),
          comp as (
            insert into lesson_completions (lesson_id, done_at, done_by)
            select id, ends_at, ${reception.actor.id}::uuid from past returning id, lesson_id),
          vis as (
            insert into visits (completion_id, lesson_id, client_id, status, at, by)
            select c.id, c.lesson_id, mk.client_id, mk.status, p.ends_at, ${reception.actor.id}::uuid
            from comp c join past p on p.id = c.lesson_id join marks mk on mk.lesson_id = c.lesson_id and mk.status = 'present'
            returning lesson_id),
          ts as (
            insert into teacher_services (completion_id, lesson_id, teacher_id, activity_id, duration_minutes, attending, at, by)
            select c.id, c.lesson_id, p.teacher_id, p.activity_id, round(extract(epoch from p.ends_at - p.starts_at) / 60)::int,
              (select count(*) from marks mk where mk.lesson_id = c.lesson_id and mk.status = 'present')::int, p.ends_at, ${reception.actor.id}::uuid
            from comp c join past p on p.id = c.lesson_id
            returning lesson_id),
          upd as (update lessons set status = 'done', updated_at = now() where id in (select id from past) returning id)
        select (select count(*) from upd)::int as n, (select count(*) from vis)::int as v, (select count(*) from ts)::int as s`,
      )
      return {
        result: done[0]?.n ?? 0,
        entity: 'lesson',
        entityId: null,
        after: { branchId, from, to: doneTo, lessons: done[0]?.n ?? 0 },
      }
    })
    const accountant = ctx.as(login('accountant'))
    try {
      await approvePayroll(accountant.ctx, accountant.actor, branchId, lastMonth)
    } catch (e) {
      // a branch with nothing to pay last month stays a draft
      if (!(e instanceof AppError && e.msg.id === 'payroll.empty')) throw e
    }
  }
}
