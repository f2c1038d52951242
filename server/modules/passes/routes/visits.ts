import { createRoute, z } from '@hono/zod-openapi'
import { sql } from 'drizzle-orm'
import { queryRows, type Queryable } from '../../../../db/client'
import { NotFoundError, ValidationError } from '../../../errors'
import { createRouter, IdParam, jsonBody, responses, security } from '../../../http/openapi'
import { IsoDate, Uuid } from '../../../http/values'
import { authorize, authorizeRole } from '../../../policies/policy'
import { checkIn, findCheckInLesson, passBasics, todaysLessonOf, type CheckInTarget } from '../commands/check-in'
import { freezePass, resumePass } from '../commands/freeze'
import { findBatch, massFreeze, undoMassFreeze } from '../commands/mass-freeze'
import { todayIn } from '../pass-alerts'
import { passesPolicies } from '../policies'
import { clientPasses, passOwner, passViews } from '../queries/passes'
import { makeUpCandidates } from '../queries/make-up'
import { MakeUpCandidatesSchema, presentMakeUpCandidates } from '../presenters-makeup'
import { branchesOf } from '../../../policies/branches'

// ── schemas ──────────────────────────────────────────────────────────────────

const LessonId = z
  .string()
  .min(1)
  .max(120)
  .regex(/^[A-Za-z0-9_-]+$/, 'errors.timetable.lessonId')

const CheckInInput = z
  .object({
    clientId: Uuid,
    lessonId: LessonId.optional(),
    passId: Uuid.optional(),
    makeUpCreditId: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER).optional(),
  })
  .strict()
  .openapi('CheckInInput')

const LessonParam = z.object({ id: LessonId.openapi({ param: { name: 'id', in: 'path' } }) })

const MakeUpInput = z
  .object({ clientId: Uuid, creditId: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER) })
  .strict()
  .openapi('MakeUpInput')

const VisitSchema = z
  .object({
    id: z.string(),
    passId: z.string().nullable(),
    owed: z.boolean(),
    lessonId: z.string().nullable(),
    source: z.enum(['lesson', 'absence', 'check_in', 'make_up']),
  })
  .openapi('Visit')

const CheckInResultSchema = z.object({
  visit: VisitSchema,
  /** What the lesson's roster now says of the client (null: no lesson, or it is done already). */
  attendance: z.enum(['present', 'walk_in']).nullable(),
  /** The pass written off, as shown (null when the visit is owed). */
  pass: z.any().nullable(),
})

const PassViewSchema = z
  .object({
    id: z.string(),
    clientId: z.string(),
    branchId: z.string(),
    planId: z.string(),
    planName: z.string(),
    activityIds: z.array(z.string()),
    sessionsTotal: z.number().nullable(),
    sessionsUsed: z.number(),
    sessionsLeft: z.number().nullable(),
    startsOn: z.string(),
    validUntil: z.string(),
    soldValidUntil: z.string(),
    burnsUnexcused: z.boolean(),
    freezeMaxDays: z.number(),
    freezeMaxTimes: z.number(),
    freezeDaysUsed: z.number(),
    freezesUsed: z.number(),
    frozenUntil: z.string().nullable(),
    invoiceId: z.string().nullable(),
    status: z.enum(['active', 'running_out', 'used_up', 'expired', 'frozen', 'ended']),
    alert: z.enum(['pass_running_out', 'pass_used_up', 'pass_expired']).nullable(),
    colour: z.enum(['red', 'amber']).nullable(),
    endedAt: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi('PassView')

const Reason = z.string().trim().max(500)

const FreezeInput = z
  .object({
    from: IsoDate,
    days: z.number().int().min(1).max(366).optional(),
    to: IsoDate.optional(),
    reason: Reason.optional(),
  })
  .strict()
  .openapi('FreezeInput')

const ResumeInput = z.object({ on: IsoDate.optional() }).strict().openapi('ResumeInput')

const MassFreezeInput = z
  .object({
    scope: z.enum(['group', 'branch']),
    groupId: Uuid.optional(),
    branchId: Uuid,
    from: IsoDate,
    to: IsoDate,
    reason: Reason.optional(),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.to < v.from) ctx.addIssue({ code: 'custom', path: ['to'], message: 'errors.visits.freezeToBeforeFrom' })
    else if (Date.parse(v.to) - Date.parse(v.from) > 365 * 86_400_000)
      ctx.addIssue({ code: 'custom', path: ['to'], message: 'errors.field.spanTooLong', params: { maxDays: 366, other: 'from' } })
    if (v.scope === 'group' && !v.groupId)
      ctx.addIssue({ code: 'custom', path: ['groupId'], message: 'errors.visits.groupRequired' })
  })
  .openapi('MassFreezeInput')

const BatchSchema = z
  .object({
    id: z.string(),
    scope: z.enum(['group', 'branch']),
    groupId: z.string().nullable(),
    branchId: z.string(),
    from: z.string(),
    to: z.string(),
    days: z.number(),
    passes: z.number(),
    undone: z.boolean(),
  })
  .openapi('FreezeBatch')

// ── lookups (what the policy needs) ──────────────────────────────────────────

async function clientRow(db: Queryable, id: string): Promise<{ id: string; branchId: string | null } | null> {
  const [row] = await queryRows<{ id: string; branch_id: string | null }>(
    db,
    sql`select id, branch_id from clients where id = ${id}::uuid and erased_at is null`,
  )
  return row ? { id: row.id, branchId: row.branch_id } : null
}

async function groupRow(db: Queryable, id: string): Promise<{ branchId: string; activityId: string } | null> {
  const [row] = await queryRows<{ branch_id: string; activity_id: string }>(
    db,
    sql`select branch_id, activity_id from groups where id = ${id}::uuid and deleted_at is null`,
  )
  return row ? { branchId: row.branch_id, activityId: row.activity_id } : null
}

/**
 * The visit routes: check-ins (with make-up credits), a client's passes, freezing and resuming a
 * pass, and mass freezes of a group or a branch with their undo. Every route authorises role and
 * branch through passesPolicies (the lesson's branch, the pass's, the client's, the group's).
 */
export const visitRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'post',
      path: '/check-ins',
      tags: ['passes'],
      summary:
        'Check a client in: a session off their pass for a lesson (automatic choice, or passId; none usable: an owed visit), optionally with a make-up credit; the roster marks them present',
      description: [
        'With `lessonId`: the lesson’s activity and day; a second check-in of the client for the lesson (or one after "done" wrote them off) is 409 naming `clientId`.',
        'Without it: with `passId`, a visit on that pass today; without either, today’s next lesson of the client’s groups (none: 400 naming `lessonId`).',
        '`passId` must be the client’s and usable that day for the activity, else 409 naming `passId`.',
        '`makeUpCreditId`: a make-up credit of the client for a lesson of the same activity in another group (marked used).',
      ].join(' '),
      security,
      request: jsonBody(CheckInInput),
      responses: responses(201, CheckInResultSchema),
    }),
    async (c) => {
      const input = c.req.valid('json')
      const someone = authorizeRole(c.var.actor, passesPolicies.checkIn)
      const db = c.var.deps.database.db
      const client = await clientRow(db, input.clientId)
      if (!client) throw ValidationError({ clientId: 'errors.field.noSuchClient' })
      let target: CheckInTarget
      let lessonId = input.lessonId
      if (!lessonId && !input.passId) {
        lessonId = (await todaysLessonOf(db, input.clientId, branchesOf(someone))) ?? undefined
        if (!lessonId) throw ValidationError({ lessonId: 'errors.visits.lessonOrPass' })
      }
      if (lessonId) {
        const lesson = await findCheckInLesson(db, lessonId)
        if (!lesson) throw ValidationError({ lessonId: 'errors.notFound.lesson' })
        target = { kind: 'lesson', lesson }
      } else {
        const pass = await passBasics(db, input.passId as string)
        if (!pass) throw ValidationError({ passId: 'errors.visits.passNotFound' })
        target = {
          kind: 'pass',
          branchId: pass.branchId,
          activityId: pass.activityIds.length === 1 ? pass.activityIds[0] : null,
          on: todayIn(pass.tz),
        }
      }
      const actor = authorize(c.var.actor, passesPolicies.checkIn, {
        branchId: target.kind === 'lesson' ? target.lesson.branchId : target.branchId,
      })
      const out = await checkIn(c.var.ctx, actor, { ...input, lessonId }, target)
      const [pass] = out.visit.passId ? await passViews(db, [out.visit.passId]) : []
      return c.json({ visit: { ...out.visit, id: String(out.visit.id) }, attendance: out.attendance, pass: pass ?? null }, 201)
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/lessons/{id}/make-up',
      tags: ['passes'],
      summary:
        'From the lesson panel: a client comes to this lesson with a make-up credit (same activity, another group); the credit is used and the visit written off as at the check-in',
      security,
      request: { params: LessonParam, ...jsonBody(MakeUpInput) },
      responses: responses(201, CheckInResultSchema),
    }),
    async (c) => {
      const { id } = c.req.valid('param')
      const input = c.req.valid('json')
      authorizeRole(c.var.actor, passesPolicies.checkIn)
      const db = c.var.deps.database.db
      const lesson = await findCheckInLesson(db, id)
      if (!lesson) throw NotFoundError('errors.notFound.lesson')
      const actor = authorize(c.var.actor, passesPolicies.checkIn, lesson)
      const client = await clientRow(db, input.clientId)
      if (!client) throw ValidationError({ clientId: 'errors.field.noSuchClient' })
      const out = await checkIn(
        c.var.ctx,
        actor,
        { clientId: input.clientId, lessonId: id, makeUpCreditId: input.creditId },
        { kind: 'lesson', lesson },
        'creditId',
      )
      const [pass] = out.visit.passId ? await passViews(db, [out.visit.passId]) : []
      return c.json({ visit: { ...out.visit, id: String(out.visit.id) }, attendance: out.attendance, pass: pass ?? null }, 201)
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/lessons/{id}/make-up-candidates',
      tags: ['passes'],
      summary:
        'For the lesson panel’s make-up: the clients holding an open make-up credit usable for this lesson (same activity, a cancelled lesson of another group in the lesson’s branch), not checked in for it yet, each with those credits',
      description:
        'Who may use it is who may add them (`POST /api/lessons/{id}/make-up`): the front desk of the lesson’s branch. Each credit names the cancelled lesson it came from, its day and time in the branch’s time zone.',
      security,
      request: { params: LessonParam },
      responses: responses(200, MakeUpCandidatesSchema),
    }),
    async (c) => {
      const { id } = c.req.valid('param')
      authorizeRole(c.var.actor, passesPolicies.checkIn)
      const db = c.var.deps.database.db
      const lesson = await findCheckInLesson(db, id)
      if (!lesson) throw NotFoundError('errors.notFound.lesson')
      authorize(c.var.actor, passesPolicies.checkIn, lesson)
      return c.json(presentMakeUpCandidates(await makeUpCandidates(db, lesson)), 200)
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/clients/{id}/passes',
      tags: ['passes'],
      summary:
        'A client’s passes: sessions left, last valid day (freezes included), status, and the open flag with its colour (amber running out, red used up or expired)',
      security,
      request: { params: IdParam },
      responses: responses(200, z.object({ items: z.array(PassViewSchema) })),
    }),
    async (c) => {
      const { id } = c.req.valid('param')
      authorizeRole(c.var.actor, passesPolicies.readAccount)
      const db = c.var.deps.database.db
      const client = await clientRow(db, id)
      if (!client) throw NotFoundError('errors.notFound.client')
      authorize(c.var.actor, passesPolicies.readAccount, client)
      return c.json({ items: await clientPasses(db, id) }, 200)
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/passes/{id}/freeze',
      tags: ['passes'],
      summary:
        'Freeze a pass from a day for some days (or to a last day), within its plan’s rules (days in all, times); its last valid day moves by the days',
      security,
      request: { params: IdParam, ...jsonBody(FreezeInput) },
      responses: responses(201, z.object({ freeze: z.any(), pass: PassViewSchema })),
    }),
    async (c) => {
      const { id } = c.req.valid('param')
      const input = c.req.valid('json')
      authorizeRole(c.var.actor, passesPolicies.freeze)
      const db = c.var.deps.database.db
      const pass = await passOwner(db, id)
      if (!pass) throw NotFoundError('errors.visits.passNotFound')
      const actor = authorize(c.var.actor, passesPolicies.freeze, pass)
      const freeze = await freezePass(c.var.ctx, actor, id, input)
      const [view] = await passViews(db, [id])
      return c.json({ freeze, pass: view }, 201)
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/passes/{id}/resume',
      tags: ['passes'],
      summary: 'Resume a frozen pass (on a day, default today): the freeze’s unused days are given back',
      security,
      request: { params: IdParam, ...jsonBody(ResumeInput) },
      responses: responses(200, z.object({ resume: z.any(), pass: PassViewSchema })),
    }),
    async (c) => {
      const { id } = c.req.valid('param')
      const input = c.req.valid('json')
      authorizeRole(c.var.actor, passesPolicies.freeze)
      const db = c.var.deps.database.db
      const pass = await passOwner(db, id)
      if (!pass) throw NotFoundError('errors.visits.passNotFound')
      const actor = authorize(c.var.actor, passesPolicies.freeze, pass)
      const resume = await resumePass(c.var.ctx, actor, id, input)
      const [view] = await passViews(db, [id])
      return c.json({ resume, pass: view }, 200)
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/freezes',
      tags: ['passes'],
      summary:
        'Mass freeze (a closure): every valid pass of a group’s members, or of a branch, frozen for the days in one action (the plans’ freeze limits do not apply); undoable',
      security,
      request: jsonBody(MassFreezeInput),
      responses: responses(201, z.object({ batch: BatchSchema })),
    }),
    async (c) => {
      const input = c.req.valid('json')
      authorizeRole(c.var.actor, passesPolicies.massFreeze)
      const db = c.var.deps.database.db
      let activityId: string | null = null
      if (input.scope === 'group') {
        const group = await groupRow(db, input.groupId as string)
        if (!group) throw ValidationError({ groupId: 'errors.notFound.group' })
        if (group.branchId !== input.branchId) throw ValidationError({ groupId: 'errors.visits.groupOtherBranch' })
        activityId = group.activityId
      } else {
        const [b] = await queryRows<{ id: string }>(db, sql`select id from branches where id = ${input.branchId}::uuid`)
        if (!b) throw ValidationError({ branchId: 'errors.notFound.branch' })
      }
      const actor = authorize(c.var.actor, passesPolicies.massFreeze, { branchId: input.branchId })
      const batch = await massFreeze(c.var.ctx, actor, {
        ...input,
        groupId: input.scope === 'group' ? input.groupId : undefined,
        activityId,
      })
      return c.json({ batch }, 201)
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/freezes/{id}/undo',
      tags: ['passes'],
      summary: 'Undo a mass freeze: every pass it froze gets back its last valid day exactly',
      security,
      request: { params: IdParam },
      responses: responses(200, z.object({ batch: BatchSchema })),
    }),
    async (c) => {
      const { id } = c.req.valid('param')
      authorizeRole(c.var.actor, passesPolicies.massFreeze)
      const db = c.var.deps.database.db
      const batch = await findBatch(db, id)
      if (!batch) throw NotFoundError('errors.visits.batchNotFound')
      const actor = authorize(c.var.actor, passesPolicies.massFreeze, { branchId: batch.branch_id })
      return c.json({ batch: await undoMassFreeze(c.var.ctx, actor, id) }, 200)
    },
  )
