import { z } from '@hono/zod-openapi'
import { Uuid } from '../../http/values'

/** The requests and answers of the payroll (every message a catalogue id: a 400 names the field). */

export const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'payroll.monthFormat')

export const PayrollQuery = z.object({
  branchId: Uuid.openapi({ param: { name: 'branchId', in: 'query' } }),
  month: Month.openapi({ param: { name: 'month', in: 'query' } }),
})

export const PayslipQuery = PayrollQuery.extend({
  employeeId: Uuid.openapi({ param: { name: 'employeeId', in: 'query' } }),
})

export const ApproveInput = z.object({ branchId: Uuid, month: Month }).strict().openapi('PayrollApproveInput')

const Kind = z.enum(['lesson', 'client', 'revenue', 'hourly', 'monthly', 'service', 'bonus', 'deduction', 'correction'])

export const PayrollLineSchema = z.object({
  kind: Kind,
  day: z.string(),
  lessonId: z.string().nullable(),
  lesson: z.string().nullable(),
  activity: z.string().nullable(),
  attendees: z.number().int().nullable(),
  minutes: z.number().int().nullable(),
  rate: z
    .number()
    .int()
    .nullable()
    .openapi({ description: 'Minor units per lesson, client, hour or month; basis points for a revenue share' }),
  base: z.number().int().nullable().openapi({ description: 'The revenue a share is of; for monthly pay, the days paid' }),
  amount: z.number().int(),
  corrects: z.string().nullable(),
  reason: z.string().nullable(),
})

export const PayrollSchema = z
  .object({
    branchId: z.string(),
    branchName: z.string(),
    timezone: z.string(),
    month: z.string(),
    currency: z.enum(['AMD', 'RUB', 'EUR', 'USD']),
    status: z.enum(['draft', 'approved']),
    approvedAt: z.string().nullable(),
    approvedBy: z.object({ id: z.string(), name: z.string() }).nullable(),
    total: z.number().int(),
    employees: z.array(
      z.object({
        employeeId: z.string().nullable(),
        name: z.string(),
        userId: z.string().nullable(),
        total: z.number().int(),
        lines: z.array(PayrollLineSchema),
      }),
    ),
    problems: z.array(
      z.object({
        kind: z.enum(['noScheme']),
        employeeId: z.string().nullable(),
        name: z.string(),
        day: z.string(),
        lessonId: z.string().nullable(),
        lesson: z.string().nullable(),
      }),
    ),
  })
  .openapi('Payroll')

export const ApprovedSchema = z.object({ payrollId: z.string(), lines: z.number().int(), total: z.number().int() })
