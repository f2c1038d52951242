import { z } from '@hono/zod-openapi'
import { IsoDate, Uuid } from '../../http/values'

/** The requests and answers of employees' files (every message a catalogue id: a 400 names the field). */

const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'staff.monthFormat')
const Text = (max: number) => z.string().trim().max(max)
/** A rate: whole minor units, never negative (the scheme's own check says so too, naming the field). */
const Rate = z.number().int('errors.field.wholeMinorUnits').min(0, 'staff.scheme.negativeRate').max(1_000_000_000)

/** An employee's fields, none defaulted (a patch changes only what it names). */
const EmployeeFields = z.object({
  name: Text(200).min(1, 'staff.nameRequired'),
  positions: z.array(Text(60).min(1)).max(10),
  branchIds: z.array(Uuid).max(20),
  userId: Uuid.nullable().optional(),
  phone: Text(40).nullable().optional(),
  email: Text(200).nullable().optional(),
  hiredOn: IsoDate.nullable().optional(),
  leftOn: IsoDate.nullable().optional(),
})

export const EmployeeInput = EmployeeFields.extend({
  positions: EmployeeFields.shape.positions.default([]),
  branchIds: EmployeeFields.shape.branchIds.default([]),
})
  .strict()
  .openapi('EmployeeInput')

/**
 * A change: only the fields it names. Not `EmployeeInput.partial()`: zod fills an omitted field's
 * default even when it is optional, so a patch of the phone alone emptied the positions and branches
 * (and a manager of some branches was refused: "no branch" is the whole center's).
 */
export const EmployeePatch = EmployeeFields.partial().strict().openapi('EmployeePatch')

export const SchemeInput = z
  .object({
    validFrom: IsoDate,
    validTo: IsoDate.nullable().optional(),
    perLesson: Rate.default(0),
    perClient: Rate.default(0),
    /** A share of the lesson's revenue in basis points (1000 = 10 %). */
    revenueBp: z.number().int().min(0, 'staff.scheme.negativeRate').max(10_000, 'staff.scheme.rateTooHigh').default(0),
    hourly: Rate.default(0),
    monthly: Rate.default(0),
    note: Text(500).default(''),
  })
  .strict()
  .openapi('PaySchemeInput')

export const AdjustmentInput = z
  .object({
    kind: z.enum(['bonus', 'deduction', 'correction']),
    on: IsoDate,
    /** Minor units: positive for a bonus or a deduction; a correction is signed. */
    amount: z.number().int('errors.field.wholeMinorUnits').min(-1_000_000_000).max(1_000_000_000),
    reason: Text(500).min(1, 'staff.reasonRequired'),
    corrects: Month.nullable().optional(),
  })
  .strict()
  .openapi('PayAdjustmentInput')

export const ServiceInput = z
  .object({
    on: IsoDate,
    kind: z.enum(['party', 'consultation', 'other']),
    minutes: z
      .number()
      .int()
      .min(1, 'staff.minutesPositive')
      .max(24 * 60),
    clients: z.number().int().min(0).max(10_000).default(0),
    fee: Rate.default(0),
    note: Text(500).default(''),
  })
  .strict()
  .openapi('StaffServiceInput')

export const NoteInput = z
  .object({ text: Text(5000).min(1, 'staff.noteRequired') })
  .strict()
  .openapi('EmployeeNoteInput')

export const DocumentForm = z.object({
  file: z.any().openapi({ type: 'string', format: 'binary' }),
  kind: z.enum(['contract', 'certificate', 'other']).default('other'),
})

export const EmployeesQuery = z.object({
  branchId: Uuid.optional().openapi({ param: { name: 'branchId', in: 'query' } }),
})

export const FileQuery = z.object({
  month: Month.optional().openapi({ param: { name: 'month', in: 'query' } }),
})

export const DocParams = z.object({
  id: Uuid.openapi({ param: { name: 'id', in: 'path' } }),
  docId: Uuid.openapi({ param: { name: 'docId', in: 'path' } }),
})

const Rates = {
  perLesson: z.number(),
  perClient: z.number(),
  revenueBp: z.number(),
  hourly: z.number(),
  monthly: z.number(),
}

export const SchemeSchema = z
  .object({ id: z.string(), validFrom: z.string(), validTo: z.string().nullable(), note: z.string(), ...Rates })
  .openapi('PayScheme')

export const EmployeeListItemSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    positions: z.array(z.string()),
    branchIds: z.array(z.string()),
    userId: z.string().nullable(),
    login: z.string().nullable(),
    currentScheme: SchemeSchema.nullable(),
    minutesThisMonth: z.number(),
  })
  .openapi('EmployeeListItem')

export const AdjustmentSchema = z
  .object({
    id: z.string(),
    kind: z.string(),
    on: z.string(),
    amount: z.number(),
    reason: z.string(),
    corrects: z.string().nullable(),
    branchId: z.string(),
  })
  .openapi('PayAdjustment')

export const StaffServiceSchema = z
  .object({
    id: z.string(),
    on: z.string(),
    kind: z.string(),
    minutes: z.number(),
    clients: z.number(),
    fee: z.number(),
    note: z.string(),
  })
  .openapi('StaffService')

export const NoteSchema = z.object({
  id: z.number(),
  text: z.string(),
  at: z.string(),
  by: z.string().nullable(),
  byName: z.string().nullable(),
})

export const DocumentSchema = z.object({
  id: z.string(),
  kind: z.string(),
  fileName: z.string(),
  mime: z.string(),
  size: z.number(),
  createdAt: z.string(),
})

export const LessonGivenSchema = z.object({
  lessonId: z.string(),
  day: z.string(),
  startsAt: z.string().nullable(),
  groupName: z.string().nullable(),
  activityName: z.string().nullable(),
  minutes: z.number(),
  attending: z.number(),
})

export const EmployeeFileSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    positions: z.array(z.string()),
    branchIds: z.array(z.string()),
    userId: z.string().nullable(),
    login: z.string().nullable(),
    phone: z.string().nullable(),
    email: z.string().nullable(),
    hiredOn: z.string().nullable(),
    leftOn: z.string().nullable(),
    schemes: z.array(SchemeSchema),
    currentScheme: SchemeSchema.nullable(),
    adjustments: z.array(AdjustmentSchema),
    notes: z.array(NoteSchema),
    documents: z.array(DocumentSchema),
    approvedMonths: z.array(z.string()),
    month: z.string(),
    lessons: z.array(LessonGivenSchema),
    services: z.array(StaffServiceSchema),
    totals: z.object({
      lessons: z.number(),
      lessonMinutes: z.number(),
      serviceMinutes: z.number(),
      minutes: z.number(),
      clientsTaught: z.number(),
    }),
  })
  .openapi('EmployeeFile')
