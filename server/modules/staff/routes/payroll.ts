import { createRoute, z } from '@hono/zod-openapi'
import { sql } from 'drizzle-orm'
import { queryRows } from '../../../../db/client'
import { NotFoundError } from '../../../errors'
import { contentDisposition } from '../../../http/disposition'
import { createRouter, jsonBody, responses, security } from '../../../http/openapi'
import { allowed, authorize, authorizeRole } from '../../../policies/policy'
import { approvePayroll } from '../commands/approve-payroll'
import { readPayroll } from '../payroll'
import { payrollCsv } from '../payroll-csv'
import { ApprovedSchema, ApproveInput, PayrollQuery, PayrollSchema, PayslipQuery } from '../payroll-schemas'
import { payslipPdf } from '../payslip-pdf'
import { staffPolicies } from '../policies'

/**
 * A branch's payroll for a month: the preview (computed now, every line explained) or the approved
 * snapshot, its approval (locked from then on), an employee's payslip (PDF) and the accounting CSV.
 * Pay is private: the payers and the auditor of the branch; a teacher gets their own payslip only.
 */
export const payrollRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/payroll',
      tags: ['payroll'],
      summary: 'A branch’s payroll for a month: the approved snapshot, or a draft computed from what was done',
      description:
        'Per employee, every line explained (lesson, day, attendees, rate, amount) with totals; the problems to check (a lesson of a teacher without a pay scheme that day); draft or approved (by whom, when).',
      security,
      request: { query: PayrollQuery },
      responses: responses(200, z.object({ payroll: PayrollSchema })),
    }),
    async (c) => {
      const q = c.req.valid('query')
      authorize(authorizeRole(c.var.actor, staffPolicies.readPayroll), staffPolicies.readPayroll, { branchId: q.branchId })
      return c.json({ payroll: await readPayroll(c.var.deps.database.db, q.branchId, q.month) }, 200)
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/payroll/approve',
      tags: ['payroll'],
      summary: 'Approve a branch’s payroll for a month: its lines are stored as computed now and locked',
      description:
        'Refused with 409 naming `month`, nothing written: already approved (`payroll.alreadyApproved`), the month not over yet in the branch’s time zone (`payroll.notEnded`), nothing to pay (`payroll.empty`).',
      security,
      request: jsonBody(ApproveInput),
      responses: {
        ...responses(201, z.object({ approved: ApprovedSchema, payroll: PayrollSchema })),
        409: { description: 'Already approved, not ended, or empty' },
      },
    }),
    async (c) => {
      const input = c.req.valid('json')
      authorizeRole(c.var.actor, staffPolicies.approvePayroll)
      const actor = authorize(c.var.actor, staffPolicies.approvePayroll, { branchId: input.branchId })
      const approved = await approvePayroll(c.var.ctx, actor, input.branchId, input.month)
      return c.json({ approved, payroll: await readPayroll(c.var.deps.database.db, input.branchId, input.month) }, 201)
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/payroll/payslip.pdf',
      tags: ['payroll'],
      summary: 'An employee’s payslip for a month as PDF in the reader’s language (marked DRAFT until approved)',
      description: 'The payers and the auditor of the branch; a teacher (any employee with a login) their own.',
      security,
      request: { query: PayslipQuery },
      responses: { 200: { description: 'PDF', content: { 'application/pdf': { schema: z.string() } } } },
    }),
    async (c) => {
      const q = c.req.valid('query')
      const db = c.var.deps.database.db
      if (!allowed(c.var.actor, staffPolicies.readPayroll, { branchId: q.branchId })) {
        const [e] = await queryRows<{ branch_ids: string[]; user_id: string | null }>(
          db,
          sql`select branch_ids, user_id from employees where id = ${q.employeeId}`,
        )
        authorize(c.var.actor, staffPolicies.readOwn, { branchIds: e?.branch_ids ?? [], userId: e?.user_id ?? null })
      }
      const payroll = await readPayroll(db, q.branchId, q.month)
      const employee = payroll.employees.find((e) => e.employeeId === q.employeeId)
      if (!employee) throw NotFoundError('payroll.unknownEmployee')
      const pdf = await payslipPdf(payroll, employee, c.var.locale)
      return c.body(new Uint8Array(pdf), 200, {
        'content-type': 'application/pdf',
        'content-disposition': contentDisposition(`payslip-${q.month}-${employee.name}.pdf`, 'inline'),
      })
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/payroll/export.csv',
      tags: ['payroll'],
      summary: 'A branch’s payroll for a month as CSV for accounting: one row per line (UTF-8 with a BOM)',
      security,
      request: { query: PayrollQuery },
      responses: { 200: { description: 'CSV', content: { 'text/csv': { schema: z.string() } } } },
    }),
    async (c) => {
      const q = c.req.valid('query')
      authorize(authorizeRole(c.var.actor, staffPolicies.readPayroll), staffPolicies.readPayroll, { branchId: q.branchId })
      const payroll = await readPayroll(c.var.deps.database.db, q.branchId, q.month)
      return c.body(payrollCsv(payroll, c.var.locale), 200, {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': contentDisposition(`payroll-${q.month}.csv`, 'attachment'),
      })
    },
  )
