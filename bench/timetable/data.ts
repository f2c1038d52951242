/**
 * A realistic timetable branch for the timetable benchmarks, written straight into a migrated,
 * demo-seeded Clubroom database (a copy of bench/lib/template's): one branch ("Bench Campus",
 * Europe/Berlin) with 30 rooms, 40 teachers, receptionists, and 200 groups of the demo activities,
 * each with a two-slot weekly pattern (the same time on two weekdays, 14:00–21:00) placed greedily
 * so that no room or teacher is booked twice — except `clashes` groups deliberately put on top of
 * another group's room (clashes are rare, but they exist), and members from the demo clients.
 *
 * Staff get the demo password (the owner's hash is copied: no argon2 cost here).
 */
import { and, eq, isNull, ne, sql } from 'drizzle-orm'
import { openDatabase } from '../../db/client'
import { activities, branches, clients, closures, groupMembers, groups, rooms, users } from '../../db/schema/index'
import { addDays, isoWeekOf, isoWeekday } from '../../domain/docs/timetable-week'
import type { Closure, PatternSlot, PlannedGroup } from '../../domain/timetable/rules'
import { seededRandom } from '../../db/seeded-random'

export interface BenchBranch {
  branchId: string
  timezone: string
  roomIds: string[]
  teacherIds: string[]
  activityIds: string[]
  receptionists: string[]
  groups: number
  /** Groups placed on another group's room and time on purpose. */
  clashGroups: number
  members: number
  from: string
  to: string
  /** What the generator should create between from and to (planLessons of the same rows). */
  expectedLessons: number
  expectedWeeks: number
  closures: Array<{ fromDate: string; toDate: string; name: string }>
}

/** The first Monday after the demo's winter holidays (they end on 6 January): a spring term. */
export function springTermStart(today = new Date().toISOString().slice(0, 10)): string {
  const year = Number(today.slice(0, 4)) + (today.slice(5) >= '01-07' ? 1 : 0)
  let d = `${year}-01-07`
  while (isoWeekday(d) !== 1) d = addDays(d, 1)
  return d
}

const PAIRS: Array<[number, number]> = [
  [1, 3],
  [2, 4],
  [3, 5],
  [1, 4],
  [2, 5],
  [1, 5],
]
const hm = (min: number) => `${String(Math.floor(min / 60)).padStart(2, '0')}:${String(min % 60).padStart(2, '0')}`

export async function seedBenchBranch(
  url: string,
  opts: {
    rooms?: number
    teachers?: number
    groups?: number
    receptionists?: number
    weeks?: number
    clashes?: number
    seed?: number
    from?: string
  } = {},
): Promise<BenchBranch> {
  const nRooms = opts.rooms ?? 30
  const nTeachers = opts.teachers ?? 40
  const nGroups = opts.groups ?? 200
  const nRecept = opts.receptionists ?? 20
  const weeks = opts.weeks ?? 16
  const nClash = opts.clashes ?? 2
  const rand = seededRandom(opts.seed ?? 7)
  const from = opts.from ?? springTermStart()
  const to = addDays(from, weeks * 7 - 1)
  const timezone = 'Europe/Berlin'
  const database = await openDatabase({ url, max: 2 })
  try {
    const db = database.db
    return await db.transaction(async (tx) => {
      const [owner] = await tx.select({ hash: users.passwordHash }).from(users).where(eq(users.login, 'owner'))
      const [branch] = await tx
        .insert(branches)
        .values({ name: 'Bench Campus', address: '1 Benchmark Road', timezone })
        .returning({ id: branches.id })
      const open = Object.fromEntries(
        ['mon', 'tue', 'wed', 'thu', 'fri', 'sat'].map((d) => [d, ['08:00', '22:00'] as [string, string]]),
      )
      const roomRows = await tx
        .insert(rooms)
        .values(
          Array.from({ length: nRooms }, (_, i) => ({
            branchId: branch.id,
            name: `Room ${String(i + 1).padStart(2, '0')}`,
            capacity: 10 + Math.floor(rand() * 15),
            hourlyCost: '25.00',
            openingHours: open,
          })),
        )
        .returning({ id: rooms.id, capacity: rooms.capacity })
      const teacherRows = await tx
        .insert(users)
        .values(
          Array.from({ length: nTeachers }, (_, i) => ({
            login: `bench.teacher${String(i + 1).padStart(2, '0')}`,
            name: `Bench Teacher ${i + 1}`,
            roles: ['teacher'],
            passwordHash: owner.hash,
            branchIds: [branch.id],
          })),
        )
        .returning({ id: users.id })
      const receptLogins = Array.from({ length: nRecept }, (_, i) => `bench.reception${String(i + 1).padStart(2, '0')}`)
      if (receptLogins.length)
        await tx.insert(users).values(
          receptLogins.map((login, i) => ({
            login,
            name: `Bench Receptionist ${i + 1}`,
            roles: ['receptionist'],
            passwordHash: owner.hash,
            branchIds: [branch.id],
          })),
        )
      // the demo catalogue's group activities (not the individual piano lessons or birthday parties)
      const acts = await tx
        .select({ id: activities.id, duration: activities.durationMinutes, max: activities.maxGroupSize, kind: activities.kind })
        .from(activities)
        .where(eq(activities.kind, 'group'))
      const pool = await tx
        .select({ id: clients.id })
        .from(clients)
        .where(and(isNull(clients.erasedAt), ne(clients.status, 'left')))

      // greedy placement: no room and no teacher booked twice (but for the deliberate clashes)
      const busy = new Map<string, Array<[number, number]>>()
      const free = (key: string, a: number, b: number) => !(busy.get(key) ?? []).some(([x, y]) => a < y && x < b)
      const book = (key: string, a: number, b: number) => busy.set(key, [...(busy.get(key) ?? []), [a, b]])
      const placed: Array<{ room: number; teacher: number; act: (typeof acts)[number]; pattern: PatternSlot[] }> = []
      for (let g = 0; g < nGroups - nClash; g++) {
        const act = acts[Math.floor(rand() * acts.length)]
        const teacher = g % nTeachers
        let done = false
        for (let attempt = 0; attempt < 500 && !done; attempt++) {
          const [d1, d2] = PAIRS[Math.floor(rand() * PAIRS.length)]
          const start = 14 * 60 + 15 * Math.floor(rand() * ((21 * 60 - act.duration - 14 * 60) / 15 + 1))
          const end = start + act.duration
          const room = Math.floor(rand() * nRooms)
          if (![d1, d2].every((d) => free(`r${room}|${d}`, start, end) && free(`t${teacher}|${d}`, start, end))) continue
          for (const d of [d1, d2]) {
            book(`r${room}|${d}`, start, end)
            book(`t${teacher}|${d}`, start, end)
          }
          placed.push({ room, teacher, act, pattern: [d1, d2].map((weekday) => ({ weekday, start: hm(start), end: hm(end) })) })
          done = true
        }
        if (!done) throw new Error(`could not place group ${g} without a clash`)
      }
      for (let c = 0; c < nClash; c++) {
        // on top of an earlier group's room and time, with another teacher: a room clash every week
        const victim = placed[Math.floor(rand() * placed.length)]
        placed.push({ ...victim, teacher: (victim.teacher + 1 + c) % nTeachers })
      }
      const groupRows = await tx
        .insert(groups)
        .values(
          placed.map((p, i) => ({
            branchId: branch.id,
            activityId: p.act.id,
            name: `Bench group ${String(i + 1).padStart(3, '0')}`,
            teacherId: teacherRows[p.teacher].id,
            roomId: roomRows[p.room].id,
            pattern: p.pattern,
            termStart: from,
            termEnd: to,
          })),
        )
        .returning()
      const members: Array<typeof groupMembers.$inferInsert> = []
      placed.forEach((p, i) => {
        const cap = Math.min(p.act.max, roomRows[p.room].capacity)
        const n = Math.max(1, Math.min(cap, 4 + Math.floor(rand() * 9)))
        const picked = new Set<string>()
        while (picked.size < Math.min(n, pool.length)) picked.add(pool[Math.floor(rand() * pool.length)].id)
        for (const clientId of picked) members.push({ groupId: groupRows[i].id, clientId })
      })
      for (let i = 0; i < members.length; i += 1000) await tx.insert(groupMembers).values(members.slice(i, i + 1000))
      // a staff training day in the ninth week (a Friday): the generator must skip it
      const training = addDays(from, 8 * 7 + 4)
      const closureList = [{ fromDate: training, toDate: training, name: 'Staff training day' }]
      await tx.insert(closures).values(closureList.map((c) => ({ ...c, branchId: branch.id })))
      const allClosures = await tx
        .select()
        .from(closures)
        .where(sql`(${closures.branchId} is null or ${closures.branchId} = ${branch.id})`)
      const plan = countPlan(groupRows, allClosures, from, to)
      return {
        branchId: branch.id,
        timezone,
        roomIds: roomRows.map((r) => r.id),
        teacherIds: teacherRows.map((t) => t.id),
        activityIds: acts.map((a) => a.id),
        receptionists: receptLogins,
        groups: groupRows.length,
        clashGroups: nClash,
        members: members.length,
        from,
        to,
        expectedLessons: plan.lessons,
        expectedWeeks: plan.weeks,
        closures: closureList,
      }
    })
  } finally {
    await database.close()
  }
}

/**
 * What `planLessons` produces (how many lessons, in how many weeks), counted without computing the
 * zoned times — planLessons itself is what the benchmark measures, and it is slow (see generate.ts).
 */
export function countPlan(
  list: PlannedGroup[],
  closureRows: Closure[],
  from: string,
  to: string,
): { lessons: number; weeks: number } {
  let lessons = 0
  const weeks = new Set<string>()
  for (let date = from; date <= to; date = addDays(date, 1)) {
    const weekday = isoWeekday(date)
    for (const g of list) {
      if (date < g.termStart || date > g.termEnd) continue
      if (closureRows.some((c) => (c.branchId === null || c.branchId === g.branchId) && date >= c.fromDate && date <= c.toDate))
        continue
      const n = g.pattern.filter((s) => s.weekday === weekday).length
      if (n) {
        lessons += n
        weeks.add(isoWeekOf(date))
      }
    }
  }
  return { lessons, weeks: weeks.size }
}

/** Lessons of the branch in the projection (not deleted), counted in PostgreSQL. */
export async function projectedCount(sqlc: import('postgres').Sql, branchId: string): Promise<number> {
  const [row] = await sqlc`select count(*)::int as n from lessons where branch_id = ${branchId} and deleted = false`
  return Number(row.n)
}
