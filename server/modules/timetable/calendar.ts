import { createHash, randomBytes } from 'node:crypto'
import { createRoute, z } from '@hono/zod-openapi'
import { and, asc, eq, gte, isNull, sql } from 'drizzle-orm'
import { Hono } from 'hono'
import ical from 'ical-generator'
import type { Db } from '../../../db/client'
import { activities, calendarFeeds, groups, lessons, rooms, users } from '../../../db/schema/index'
import { AuthorizationError, NotFoundError, ValidationError } from '../../errors'
import { authorize, authorizeInBranch } from '../../http/authorize'
import { runCommand } from '../../http/command'
import type { AppEnv } from '../../http/context'
import { IdParam, createRouter, jsonBody, noContent, responses, security } from '../../http/openapi'
import { Uuid } from '../../http/values'

const FeedInput = z.object({ kind: z.enum(['room', 'teacher', 'group']), subjectId: Uuid }).openapi('CalendarFeedInput')
const FeedSchema = z
  .object({ id: z.string(), kind: z.string(), subjectId: z.string(), createdAt: z.string(), revokedAt: z.string().nullable() })
  .openapi('CalendarFeed')
const hash = (token: string) => createHash('sha256').update(token).digest('hex')

export const calendarRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/calendar-feeds',
      tags: ['timetable'],
      summary: 'iCalendar feeds (owner, manager)',
      security,
      responses: responses(200, z.object({ items: z.array(FeedSchema) })),
    }),
    async (c) => {
      authorize(c.var.actor, 'manage', 'timetable')
      const rows = await c.var.deps.database.db.select().from(calendarFeeds).orderBy(asc(calendarFeeds.createdAt))
      return c.json(
        {
          items: rows.map((r) => ({
            id: r.id,
            kind: r.kind,
            subjectId: r.subjectId,
            createdAt: r.createdAt.toISOString(),
            revokedAt: r.revokedAt?.toISOString() ?? null,
          })),
        },
        200,
      )
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/calendar-feeds',
      tags: ['timetable'],
      summary: 'Create an .ics feed per room, teacher or group; the URL carries a secret token (shown once)',
      security,
      request: jsonBody(FeedInput),
      responses: responses(201, z.object({ id: z.string(), url: z.string() })),
    }),
    async (c) => {
      const actor = authorize(c.var.actor, 'read', 'timetable')
      const input = c.req.valid('json')
      // a teacher may subscribe to their own lessons; everything else is for managers, in their branches
      const ownLessons = input.kind === 'teacher' && input.subjectId === actor.id && actor.roles.includes('teacher')
      if (!ownLessons) authorize(actor, 'manage', 'timetable')
      const db = c.var.deps.database.db
      if (input.kind === 'teacher') {
        if (!(await db.select({ id: users.id }).from(users).where(eq(users.id, input.subjectId))).length)
          throw ValidationError({ subjectId: 'No such teacher' })
      } else {
        const table = input.kind === 'room' ? rooms : groups
        const [subject] = await db.select({ branchId: table.branchId }).from(table).where(eq(table.id, input.subjectId))
        if (!subject) throw ValidationError({ subjectId: `No such ${input.kind}` })
        authorizeInBranch(actor, 'manage', 'timetable', subject.branchId)
      }
      const token = randomBytes(24).toString('base64url')
      const row = await runCommand(c.var.ctx, 'calendar_feeds.create', async (tx) => {
        const [f] = await tx
          .insert(calendarFeeds)
          .values({ ...input, tokenHash: hash(token), createdBy: actor.id })
          .returning()
        return { result: f, entity: 'calendar_feed', entityId: f.id, after: { kind: f.kind, subjectId: f.subjectId } }
      })
      const origin = c.var.deps.config.PUBLIC_URL ? new URL(c.var.deps.config.PUBLIC_URL).origin : new URL(c.req.url).origin
      return c.json({ id: row.id, url: `${origin}/ical/${token}.ics` }, 201)
    },
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/calendar-feeds/{id}',
      tags: ['timetable'],
      summary: 'Revoke a feed (owner)',
      security,
      request: { params: IdParam },
      responses: noContent(),
    }),
    async (c) => {
      const actor = authorize(c.var.actor, 'read', 'timetable')
      if (!actor.roles.includes('owner')) throw AuthorizationError('Only the owner may revoke a feed')
      const { id } = c.req.valid('param')
      await runCommand(c.var.ctx, 'calendar_feeds.revoke', async (tx) => {
        const [f] = await tx
          .update(calendarFeeds)
          .set({ revokedAt: sql`now()`, revokedBy: actor.id })
          .where(and(eq(calendarFeeds.id, id), isNull(calendarFeeds.revokedAt)))
          .returning()
        if (!f) throw NotFoundError('Feed')
        return { result: null, entity: 'calendar_feed', entityId: id, after: { revoked: true } }
      })
      return c.body(null, 204)
    },
  )

/** The calendar of a feed: its lessons from 30 days ago on, as iCalendar. */
export async function feedCalendar(db: Db, token: string): Promise<string | null> {
  const [feed] = await db
    .select()
    .from(calendarFeeds)
    .where(and(eq(calendarFeeds.tokenHash, hash(token)), isNull(calendarFeeds.revokedAt)))
  if (!feed) return null
  const column = feed.kind === 'room' ? lessons.roomId : feed.kind === 'group' ? lessons.groupId : lessons.teacherId
  const rows = await db
    .select({ l: lessons, activity: activities.name, room: rooms.name, group: groups.name, teacher: users.name })
    .from(lessons)
    .leftJoin(activities, eq(activities.id, lessons.activityId))
    .leftJoin(rooms, eq(rooms.id, lessons.roomId))
    .leftJoin(groups, eq(groups.id, lessons.groupId))
    .leftJoin(users, eq(users.id, lessons.teacherId))
    .where(
      and(
        eq(column, feed.subjectId),
        eq(lessons.deleted, false),
        eq(lessons.valid, true),
        gte(lessons.startsAt, new Date(Date.now() - 30 * 86_400_000)),
      ),
    )
    .orderBy(asc(lessons.startsAt))
    .limit(5000)
  const cal = ical({ name: `Clubroom ${feed.kind}`, prodId: { company: 'Clubroom', product: 'timetable' } })
  for (const { l, activity, room, group, teacher } of rows) {
    if (!l.startsAt || !l.endsAt) continue
    cal.createEvent({
      id: `${l.id}@clubroom`,
      start: l.startsAt,
      end: l.endsAt,
      summary: `${l.status === 'cancelled' ? 'CANCELLED: ' : ''}${activity ?? 'Lesson'}${group ? ` — ${group}` : ''}`,
      location: room ?? undefined,
      description: [teacher ? `Teacher: ${teacher}` : '', l.note].filter(Boolean).join('\n'),
    })
  }
  return cal.toString()
}

/** Public, token-authenticated: GET /ical/<token>.ics (outside /api, no session). */
export function icalRoute() {
  return new Hono<AppEnv>().get('/ical/:file', async (c) => {
    const file = c.req.param('file')
    const m = /^([A-Za-z0-9_-]{20,64})\.ics$/.exec(file)
    if (!m) return c.json({ error: { code: 'not_found', message: 'No such calendar' } }, 404)
    const body = await feedCalendar(c.var.deps.database.db, m[1])
    if (!body) return c.json({ error: { code: 'not_found', message: 'No such calendar (revoked?)' } }, 404)
    return c.body(body, 200, { 'content-type': 'text/calendar; charset=utf-8', 'cache-control': 'private, max-age=300' })
  })
}
