import { createRoute, z } from '@hono/zod-openapi'
import type { Queryable } from '../../../../db/client'
import type { Actor } from '../../../../domain/roles'
import { NotFoundError, ValidationError } from '../../../errors'
import { contentDisposition } from '../../../http/disposition'
import { IdParam, createRouter, jsonBody, responses, security } from '../../../http/openapi'
import { Uuid } from '../../../http/values'
import { branchesOf } from '../../../policies/branches'
import { authorize, authorizeRole } from '../../../policies/policy'
import { centerTimeZone } from '../../center/index'
import { addPayAdjustment, addStaffService } from '../commands/adjustments'
import { attachEmployeeDocument } from '../commands/documents'
import { addEmployeeNote, createEmployee, updateEmployee } from '../commands/employees'
import { setPayScheme } from '../commands/schemes'
import { staffPolicies } from '../policies'
import { currentScheme, presentAdjustment, presentDocument, presentPerson, presentScheme, presentService } from '../presenters'
import {
  approvedMonthsOf,
  dayIn,
  employeeOfUser,
  fileParts,
  findEmployeeDocument,
  freeLogins,
  listEmployees,
  loadEmployee,
  servicesOfMonth,
  timeZoneOf,
  type EmployeeRow,
} from '../queries/employees'
import {
  AdjustmentInput,
  AdjustmentSchema,
  DocParams,
  DocumentForm,
  DocumentSchema,
  EmployeeFileSchema,
  EmployeeInput,
  EmployeeListItemSchema,
  EmployeePatch,
  EmployeesQuery,
  FileQuery,
  NoteInput,
  NoteSchema,
  SchemeInput,
  SchemeSchema,
  ServiceInput,
  StaffServiceSchema,
} from '../schemas'

/** What the staff policies judge an employee by: their branches and their login. */
const subjectOf = (e: Pick<EmployeeRow, 'branchIds' | 'userId'>) => ({ branchIds: e.branchIds, userId: e.userId })

/** An employee's whole file for a month (default: this month in their branch's time zone). */
async function employeeFile(db: Queryable, e: EmployeeRow, month?: string) {
  const tz = await timeZoneOf(db, e)
  const today = dayIn(tz)
  const m = month ?? today.slice(0, 7)
  const parts = await fileParts(db, e)
  const given = await servicesOfMonth(db, e, m)
  return {
    ...presentPerson(e, parts.login),
    schemes: parts.schemes.map(presentScheme),
    currentScheme: currentScheme(parts.schemes, today),
    adjustments: parts.adjustments.map(presentAdjustment),
    notes: parts.notes.map((n) => ({ ...n, at: n.at.toISOString() })),
    documents: parts.documents.map(presentDocument),
    approvedMonths: [...(await approvedMonthsOf(db, e))].sort(),
    month: m,
    lessons: given.lessons,
    services: given.services.map(presentService),
    totals: given.totals,
  }
}

/** An employee the actor may manage (role and branch), loaded. */
async function managed(db: Queryable, actor: Actor | null, id: string, p: typeof staffPolicies.manage) {
  authorizeRole(actor, p)
  const e = await loadEmployee(db, id)
  return { e, actor: authorize(actor, p, subjectOf(e)) }
}

const FileBody = z.object({ employee: EmployeeFileSchema })

const LoginsQuery = z.object({
  employeeId: Uuid.optional().openapi({ param: { name: 'employeeId', in: 'query' } }),
})
const LoginSchema = z.object({ id: z.string(), login: z.string(), name: z.string() }).openapi('EmployeeLoginChoice')

/**
 * Employees and their files: the list of a branch, a file (person, positions, branches, login,
 * pay schemes dated, bonuses and deductions, observations, documents, and what they gave in a
 * month), one's own file, and every change to them. Pay is private: staff.read (owner, managers,
 * accountant, auditor) in their branches; a teacher reads their own through /staff/me.
 */
export const employeeRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/staff/employees',
      tags: ['staff'],
      summary:
        'The employees of a branch (or the user’s branches): positions, login, the pay scheme in force, minutes worked this month',
      security,
      request: { query: EmployeesQuery },
      responses: responses(200, z.object({ items: z.array(EmployeeListItemSchema), month: z.string() })),
    }),
    async (c) => {
      const actor = authorizeRole(c.var.actor, staffPolicies.read)
      const { branchId } = c.req.valid('query')
      if (branchId) authorize(actor, staffPolicies.read, { branchIds: [branchId], userId: null })
      const db = c.var.deps.database.db
      const today = dayIn(await centerTimeZone(db))
      const month = today.slice(0, 7)
      const rows = await listEmployees(db, branchId ? [branchId] : branchesOf(actor), month)
      return c.json(
        {
          month,
          items: rows.map((r) => ({
            id: r.id,
            name: r.name,
            positions: r.positions,
            branchIds: r.branchIds,
            userId: r.userId,
            login: r.login,
            currentScheme: currentScheme(r.schemes, today),
            minutesThisMonth: r.minutes,
          })),
        },
        200,
      )
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/staff/logins',
      tags: ['staff'],
      summary:
        'The logins an employee may be linked to: active accounts of the user’s branches that no employee has, and the one `employeeId` has',
      description: 'The keepers of staff files (staff.manage); with `employeeId`, only for an employee they may manage.',
      security,
      request: { query: LoginsQuery },
      responses: responses(200, z.object({ items: z.array(LoginSchema) })),
    }),
    async (c) => {
      const db = c.var.deps.database.db
      const { employeeId } = c.req.valid('query')
      const actor = employeeId
        ? (await managed(db, c.var.actor, employeeId, staffPolicies.manage)).actor
        : authorizeRole(c.var.actor, staffPolicies.manage)
      return c.json({ items: await freeLogins(db, branchesOf(actor), employeeId ?? null) }, 200)
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/staff/employees',
      tags: ['staff'],
      summary: 'Add an employee: their name, positions, branches (the first is where they are paid), a login if they have one',
      security,
      request: jsonBody(EmployeeInput),
      responses: { ...responses(201, FileBody), 409: { description: 'The login is another employee’s' } },
    }),
    async (c) => {
      const input = c.req.valid('json')
      authorizeRole(c.var.actor, staffPolicies.manage)
      const actor = authorize(c.var.actor, staffPolicies.manage, { branchIds: input.branchIds, userId: input.userId ?? null })
      const e = await createEmployee(c.var.ctx, actor, input)
      return c.json({ employee: await employeeFile(c.var.deps.database.db, e) }, 201)
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/staff/me',
      tags: ['staff'],
      summary: 'One’s own employee file (a teacher: their schemes, bonuses, lessons given this month)',
      security,
      request: { query: FileQuery },
      responses: responses(200, FileBody),
    }),
    async (c) => {
      const actor = authorizeRole(c.var.actor, staffPolicies.readOwn)
      const db = c.var.deps.database.db
      const e = await employeeOfUser(db, actor.id)
      if (!e) throw NotFoundError('staff.noOwnFile')
      authorize(actor, staffPolicies.readOwn, subjectOf(e))
      return c.json({ employee: await employeeFile(db, e, c.req.valid('query').month) }, 200)
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/staff/employees/{id}',
      tags: ['staff'],
      summary:
        'An employee’s file: person, schemes (all, dated), adjustments, observations, documents, services of a month with hours and clients taught',
      security,
      request: { params: IdParam, query: FileQuery },
      responses: responses(200, FileBody),
    }),
    async (c) => {
      const { e } = await managed(c.var.deps.database.db, c.var.actor, c.req.valid('param').id, staffPolicies.read)
      return c.json({ employee: await employeeFile(c.var.deps.database.db, e, c.req.valid('query').month) }, 200)
    },
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/staff/employees/{id}',
      tags: ['staff'],
      summary: 'Change an employee’s person, positions, branches or login',
      security,
      request: { params: IdParam, ...jsonBody(EmployeePatch) },
      responses: responses(200, FileBody),
    }),
    async (c) => {
      const db = c.var.deps.database.db
      const patch = c.req.valid('json')
      const { e, actor } = await managed(db, c.var.actor, c.req.valid('param').id, staffPolicies.manage)
      // moving them: the new branches must be the actor's too
      if (patch.branchIds) authorize(actor, staffPolicies.manage, { branchIds: patch.branchIds, userId: e.userId })
      const after = await updateEmployee(c.var.ctx, actor, e.id, patch)
      return c.json({ employee: await employeeFile(db, after) }, 200)
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/staff/employees/{id}/schemes',
      tags: ['staff'],
      summary: 'Set an employee’s pay from a day: the open scheme ends the day before; earlier periods never change',
      description:
        'Rates in minor units (revenueBp: basis points of the lesson’s revenue); parts add up. An overlap with another scheme or a start inside an approved month → 409 naming `validFrom`; a negative rate → 400 naming it; nothing is written.',
      security,
      request: { params: IdParam, ...jsonBody(SchemeInput) },
      responses: {
        ...responses(201, z.object({ scheme: SchemeSchema })),
        409: { description: 'Overlaps, or inside an approved month' },
      },
    }),
    async (c) => {
      const input = c.req.valid('json')
      const { e, actor } = await managed(c.var.deps.database.db, c.var.actor, c.req.valid('param').id, staffPolicies.setPay)
      const s = await setPayScheme(c.var.ctx, actor, e.id, input)
      return c.json({ scheme: presentScheme(s) }, 201)
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/staff/employees/{id}/adjustments',
      tags: ['staff'],
      summary:
        'A bonus, a deduction or a correction with its reason, dated in an open month (an approved month → 409 naming `on`)',
      security,
      request: { params: IdParam, ...jsonBody(AdjustmentInput) },
      responses: { ...responses(201, z.object({ adjustment: AdjustmentSchema })), 409: { description: 'The month is approved' } },
    }),
    async (c) => {
      const input = c.req.valid('json')
      const { e, actor } = await managed(c.var.deps.database.db, c.var.actor, c.req.valid('param').id, staffPolicies.setPay)
      const a = await addPayAdjustment(c.var.ctx, actor, e.id, input)
      return c.json({ adjustment: presentAdjustment(a) }, 201)
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/staff/employees/{id}/services',
      tags: ['staff'],
      summary: 'A service given outside the timetable (a birthday party, a consultation), dated in an open month',
      security,
      request: { params: IdParam, ...jsonBody(ServiceInput) },
      responses: { ...responses(201, z.object({ service: StaffServiceSchema })), 409: { description: 'The month is approved' } },
    }),
    async (c) => {
      const input = c.req.valid('json')
      const { e, actor } = await managed(c.var.deps.database.db, c.var.actor, c.req.valid('param').id, staffPolicies.manage)
      const s = await addStaffService(c.var.ctx, actor, e.id, input)
      return c.json({ service: presentService(s) }, 201)
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/staff/employees/{id}/notes',
      tags: ['staff'],
      summary: 'A manager’s observation of an employee (appended, stamped)',
      security,
      request: { params: IdParam, ...jsonBody(NoteInput) },
      responses: responses(201, z.object({ note: NoteSchema })),
    }),
    async (c) => {
      const { text } = c.req.valid('json')
      const { e, actor } = await managed(c.var.deps.database.db, c.var.actor, c.req.valid('param').id, staffPolicies.manage)
      const n = await addEmployeeNote(c.var.ctx, actor, e.id, text)
      return c.json({ note: { id: n.id, text: n.text, at: n.at.toISOString(), by: n.by, byName: actor.name } }, 201)
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/staff/employees/{id}/documents',
      tags: ['staff'],
      summary: 'File a document (contract, certificate; PDF, JPEG or PNG up to 10 MB, type checked by content)',
      security,
      request: { params: IdParam, body: { required: true, content: { 'multipart/form-data': { schema: DocumentForm } } } },
      responses: responses(201, z.object({ document: DocumentSchema })),
    }),
    async (c) => {
      const form = c.req.valid('form')
      const { e, actor } = await managed(c.var.deps.database.db, c.var.actor, c.req.valid('param').id, staffPolicies.manage)
      const file: unknown = form.file
      if (!(file instanceof File)) throw ValidationError({ file: 'staff.fileRequired' })
      const bytes = new Uint8Array(await file.arrayBuffer())
      const d = await attachEmployeeDocument(c.var.ctx, actor, e.id, { name: file.name, bytes, kind: form.kind })
      return c.json({ document: presentDocument(d) }, 201)
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/staff/employees/{id}/documents/{docId}',
      tags: ['staff'],
      summary: 'Download a document of an employee’s file',
      security,
      request: { params: DocParams },
      responses: { 200: { description: 'The file' } },
    }),
    async (c) => {
      const db = c.var.deps.database.db
      const { id, docId } = c.req.valid('param')
      const { e } = await managed(db, c.var.actor, id, staffPolicies.read)
      const d = await findEmployeeDocument(db, e.id, docId)
      return c.body(Buffer.from(d.data), 200, {
        'content-type': d.mime,
        'content-length': String(d.size),
        'content-disposition': contentDisposition(d.fileName, 'attachment'),
        'x-content-sha256': d.sha256,
        'x-content-type-options': 'nosniff',
      })
    },
  )
