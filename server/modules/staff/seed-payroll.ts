import { eq, sql } from 'drizzle-orm'
import { queryRows, type Tx } from '../../../db/client'
import { attendance, consumableUses, lessonCompletions, lessons, teacherServices, visits } from '../../../db/schema/index'
import { lessonsOf } from '../../../domain/docs/timetable-week'
import { monthBounds } from '../../../domain/payroll/schemes'
import type { Actor } from '../../../domain/roles'
import { ATTENDED } from '../../../domain/timetable/rules'
import type { CommandEvent, HookHandler } from '../../contracts/hooks'
import type { SeedContext } from '../../contracts/seed'
import { AppError } from '../../errors'
import { runCommand, type CommandContext } from '../../http/command'
import { centerTimeZone } from '../center/index'
import { passes } from '../passes/index'
import { stock } from '../stock/index'
import { approvePayroll } from './commands/approve-payroll'

/** The demo's front desks, by branch key (as the timetable's seed generates lessons). */
const DESKS = { central: 'reception', riverside: 'reception2' } as const

/**
 * The other areas' steps of "done", as the areas declare them and in the modules' order (the
 * registry runs them so for the timetable's mark-done): a session off each attending member's pass
 * (passes), the activity's consumables off the branch's store (stock).
 */
const DONE_STEPS: Array<HookHandler<'lesson.done'>> = [passes, stock].flatMap((m) => {
  const step = m.hooks?.['lesson.done']
  return step ? [step] : []
})

const dayIn = (timeZone: string, d = new Date()) =>
  new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(d)
const addDays = (day: string, n: number) => {
  const d = new Date(`${day}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() + n)
  return d.toISOString().slice(0, 10)
}

interface PastLesson {
  id: string
  /** Its week document. */
  doc: string
  group_id: string
  teacher_id: string
  activity_id: string | null
  starts_at: string | Date
  ends_at: string | Date
  /** Its day in its branch's time zone. */
  day: string
  consumables: Array<{ item: string; quantity: number; unit: string }> | null
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
 * ago, as the timetable's step generated them), each marked done by its branch's front desk as
 * mark-done writes it, one `lessons.done` command per lesson: the attendance (a member checked in
 * at the desk stays present; those whose story the passes' step told — `ctx.extra.pastLessonsTold`
 * — came only when checked in, excused otherwise; of the others one in eight is absent), the
 * completion, the visits, the consumables of the activity's norms, then the passes' and the stock's
 * steps of "done" (a session off each attending member's pass — sold by the passes' step — or an
 * owed visit; the consumables off the branch's store), and the teacher's service of the lesson's
 * minutes; then its week document shows it done. The last seven days stay planned for the desk. Then last month's payroll is approved by
 * the accountant for each branch, so lesson cost and margins have real pay and revenue.
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
      sql`select l.id, l.doc, l.group_id, l.teacher_id, l.activity_id, l.starts_at, l.ends_at, a.consumables,
            to_char((l.starts_at at time zone b.timezone)::date, 'YYYY-MM-DD') as day
          from lessons l join branches b on b.id = l.branch_id left join activities a on a.id = l.activity_id
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
    for (const lesson of given) {
      const marks = (membersOf.get(lesson.id) ?? []).map((mb) => ({
        clientId: mb.client_id,
        status:
          mb.marked ??
          (lesson.day >= (told.get(`${mb.client_id}:${mb.group_id}`) ?? '9999') ? 'excused' : mb.away ? 'absent' : 'present'),
        fresh: !mb.marked,
      }))
      await markDone(reception.ctx, reception.actor, branchId, lesson, marks)
      // then the week document shows it done, as the desk's screen writes it after "done"
      await ctx.docs.applyAsUser(lesson.doc, reception.actor, (doc) => {
        const m = lessonsOf(doc).get(lesson.id)
        if (m && m.get('status') !== 'done') m.set('status', 'done')
      })
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

/** A past lesson marked done as the timetable's mark-done writes it, at the lesson's end, in one command with its audit row. */
function markDone(
  ctx: CommandContext,
  actor: Actor,
  branchId: string,
  lesson: PastLesson,
  marks: Array<{ clientId: string; status: string; fresh: boolean }>,
) {
  const at = new Date(lesson.ends_at)
  return runCommand(ctx, 'lessons.done', async (t, audit) => {
    const fresh = marks.filter((mk) => mk.fresh)
    if (fresh.length)
      await t
        .insert(attendance)
        .values(fresh.map((mk) => ({ lessonId: lesson.id, clientId: mk.clientId, status: mk.status, at, by: actor.id })))
        .onConflictDoNothing()
    const attended = marks.filter((mk) => ATTENDED.has(mk.status)).map((mk) => mk.clientId)
    const absentUnexcused = marks.filter((mk) => mk.status === 'absent').map((mk) => mk.clientId)
    const [completion] = await t
      .insert(lessonCompletions)
      .values({ lessonId: lesson.id, doneAt: at, doneBy: actor.id })
      .returning()
    if (attended.length)
      await t.insert(visits).values(
        marks
          .filter((mk) => ATTENDED.has(mk.status))
          .map((mk) => ({
            completionId: completion.id,
            lessonId: lesson.id,
            clientId: mk.clientId,
            status: mk.status,
            at,
            by: actor.id,
          })),
      )
    // the consumables the activity's norms say a lesson uses (stock writes them off in its step)
    const norms = lesson.consumables ?? []
    if (norms.length)
      await t.insert(consumableUses).values(
        norms.map((n) => ({
          completionId: completion.id,
          lessonId: lesson.id,
          item: n.item,
          quantity: String(n.quantity),
          unit: n.unit,
          by: actor.id,
        })),
      )
    const events: CommandEvent[] = []
    for (const step of DONE_STEPS)
      await step({
        tx: t,
        lessonId: lesson.id,
        activityId: lesson.activity_id,
        completionId: completion.id,
        attended,
        absentUnexcused,
        by: actor.id,
        audit,
        events,
      })
    const minutes = Math.round((at.getTime() - new Date(lesson.starts_at).getTime()) / 60_000)
    await t.insert(teacherServices).values({
      completionId: completion.id,
      lessonId: lesson.id,
      teacherId: lesson.teacher_id,
      activityId: lesson.activity_id,
      durationMinutes: minutes,
      attending: attended.length,
      at,
      by: actor.id,
    })
    await t
      .update(lessons)
      .set({ status: 'done', updatedAt: sql`now()` })
      .where(eq(lessons.id, lesson.id))
    return {
      result: attended.length,
      entity: 'lesson',
      entityId: lesson.id,
      after: {
        completionId: completion.id,
        visits: attended.length,
        teacherId: lesson.teacher_id,
        durationMinutes: minutes,
        consumables: norms,
      },
      events: [{ name: 'entity.changed', payload: { type: 'lesson', id: lesson.id, action: 'done', branchId } }, ...events],
    }
  })
}
