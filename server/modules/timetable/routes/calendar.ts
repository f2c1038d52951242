import { createRoute, z } from '@hono/zod-openapi'
import { Hono } from 'hono'
import type { MessageId } from '../../../../domain/i18n/catalogue'
import { NotFoundError, ValidationError } from '../../../errors'
import type { AppEnv } from '../../../http/context'
import { IdParam, createRouter, jsonBody, noContent, responses, security } from '../../../http/openapi'
import { authorize, authorizeRole } from '../../../policies/policy'
import { createCalendarFeed, feedTokenHash } from '../commands/create-calendar-feed'
import { revokeCalendarFeed } from '../commands/revoke-calendar-feed'
import { timetablePolicies } from '../policies'
import { presentCalendar, presentFeed } from '../presenters'
import { feedLessons, feedTarget, findFeed, findOpenFeed, listFeeds } from '../queries/catalogue'
import { FeedInput, FeedSchema } from '../schema'
import { acceptedLanguages, pickLocale } from '../../../../domain/i18n/locales'

/** The field message when a feed's subject does not exist. */
const NO_SUCH: Record<FeedInput['kind'], MessageId> = {
  room: 'errors.field.noSuchRoom',
  teacher: 'errors.field.noSuchTeacher',
  group: 'errors.field.noSuchGroup',
  branch: 'errors.field.noSuchBranch',
}

/** Who sees and manages every feed (the others — teachers — the feeds of their own lessons). */
const seesEveryFeed = (roles: readonly string[]) => roles.includes('owner') || roles.includes('manager')

/** iCalendar feeds of a room, a teacher, a group or a branch: managed under /api, read at /ical/<token>.ics. */
export const calendarRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/calendar-feeds',
      tags: ['timetable'],
      summary: 'iCalendar feeds (owner, manager: every feed; a teacher: the feeds of their own lessons)',
      security,
      responses: responses(200, z.object({ items: z.array(FeedSchema) })),
    }),
    async (c) => {
      const actor = authorize(c.var.actor, timetablePolicies.feedsRead)
      const rows = await listFeeds(c.var.deps.database.db, seesEveryFeed(actor.roles) ? undefined : actor.id)
      return c.json({ items: rows.map(presentFeed) }, 200)
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/calendar-feeds',
      tags: ['timetable'],
      summary:
        'Create an .ics feed per room, teacher, group or branch (all its lessons); the URL carries a secret token (shown once)',
      security,
      request: jsonBody(FeedInput),
      responses: responses(201, z.object({ id: z.string(), url: z.string() })),
    }),
    async (c) => {
      const input = c.req.valid('json')
      const actor = authorize(c.var.actor, timetablePolicies.feedsCreate, input)
      const target = await feedTarget(c.var.deps.database.db, input.kind, input.subjectId)
      if (!target) throw ValidationError({ subjectId: NO_SUCH[input.kind] })
      // a room's, a group's or a branch's feed: in the actor's branches
      authorize(actor, timetablePolicies.feedsCreate, { ...input, branchId: target.branchId })
      const { id, token } = await createCalendarFeed(c.var.ctx, input, actor)
      const origin = c.var.deps.config.PUBLIC_URL ? new URL(c.var.deps.config.PUBLIC_URL).origin : new URL(c.req.url).origin
      return c.json({ id, url: `${origin}/ical/${token}.ics` }, 201)
    },
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/calendar-feeds/{id}',
      tags: ['timetable'],
      summary: 'Revoke a feed (owner; a teacher: a feed of their own lessons)',
      security,
      request: { params: IdParam },
      responses: noContent(),
    }),
    async (c) => {
      authorizeRole(c.var.actor, timetablePolicies.feedsRevoke)
      const { id } = c.req.valid('param')
      const actor = authorize(c.var.actor, timetablePolicies.feedsRevoke, await findFeed(c.var.deps.database.db, id))
      await revokeCalendarFeed(c.var.ctx, id, actor)
      return c.body(null, 204)
    },
  )

/** Public, token-authenticated: GET /ical/<token>.ics (outside /api, no session). */
export function icalRoute() {
  return new Hono<AppEnv>().get('/ical/:file', async (c) => {
    const file = c.req.param('file')
    const m = /^([A-Za-z0-9_-]{20,64})\.ics$/.exec(file)
    if (!m) throw NotFoundError('errors.notFound.calendar')
    const db = c.var.deps.database.db
    const feed = await findOpenFeed(db, feedTokenHash(m[1]))
    if (!feed) throw NotFoundError('errors.notFound.calendarRevoked')
    // (outside /api: the request's language worked out here, else the center's default)
    const locale = pickLocale(acceptedLanguages(c.req.header('accept-language')), await c.var.deps.registry.defaultLocale(db))
    const body = presentCalendar(feed.kind, await feedLessons(db, feed), locale)
    return c.body(body, 200, { 'content-type': 'text/calendar; charset=utf-8', 'cache-control': 'private, max-age=300' })
  })
}
