import { z } from '@hono/zod-openapi'
import { ITEM_KINDS, SCHEDULES } from '../../../domain/checklists/checklist'
import { ROLES } from '../../../domain/roles'
import { patchOf } from '../../http/patch'
import { IsoDate, IsoTime, Uuid } from '../../http/values'

/** The bodies, queries and answers of the checklists routes (every message a catalogue id: 400s name the field). */

export const ItemInput = z
  .object({
    /** Stable within its template (letters, digits, dashes): the live document keys values by it. */
    key: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'checklists.itemKeyFormat')
      .optional(),
    text: z.string().trim().min(1).max(300),
    kind: z.enum(ITEM_KINDS),
    min: z.number().finite().nullable().optional(),
    max: z.number().finite().nullable().optional(),
    unit: z.string().trim().max(20).nullable().optional(),
  })
  .strict()
  .refine((i) => i.kind !== 'number' || i.min == null || i.max == null || i.min <= i.max, {
    message: 'checklists.minAboveMax',
    path: ['max'],
  })

export const TemplateInput = z
  .object({
    branchId: Uuid,
    roomId: Uuid.nullable().optional(),
    name: z.string().trim().min(1).max(120),
    items: z.array(ItemInput).min(1, 'checklists.noItems').max(100),
    schedule: z.enum(SCHEDULES),
    weekday: z.number().int().min(1).max(7).nullable().optional(),
    monthDay: z.number().int().min(1).max(28).nullable().optional(),
    dueTime: IsoTime.default('12:00'),
    responsibleRole: z.enum(ROLES.filter((r) => r !== 'auditor') as [string, ...string[]]),
    active: z.boolean().default(true),
  })
  .strict()
  .openapi('ChecklistTemplateInput')

export const TemplatePatch = patchOf(TemplateInput).strict().openapi('ChecklistTemplatePatch')

const Item = z.object({
  key: z.string(),
  text: z.string(),
  kind: z.enum(ITEM_KINDS),
  min: z.number().nullable().optional(),
  max: z.number().nullable().optional(),
  unit: z.string().nullable().optional(),
})

export const TemplateSchema = z
  .object({
    id: z.string(),
    branchId: z.string(),
    roomId: z.string().nullable(),
    name: z.string(),
    items: z.array(Item),
    schedule: z.enum(SCHEDULES),
    weekday: z.number().nullable(),
    monthDay: z.number().nullable(),
    dueTime: z.string(),
    responsibleRole: z.string(),
    active: z.boolean(),
  })
  .openapi('ChecklistTemplate')

const Filled = z.object({
  value: z.unknown(),
  note: z.string().optional(),
  by: z.string().optional(),
  byName: z.string().optional(),
  at: z.string().optional(),
})

export const ChecklistSchema = z
  .object({
    id: z.string(),
    /** Its live document `checklist:<id>`. */
    name: z.string(),
    templateId: z.string(),
    branchId: z.string(),
    roomId: z.string().nullable(),
    title: z.string(),
    items: z.array(Item),
    responsibleRole: z.string(),
    dueOn: z.string(),
    dueAt: z.string(),
    /** Its branch's time zone (its times are read there). */
    timeZone: z.string(),
    status: z.enum(['open', 'submitted']),
    /** open, overdue, on time, late (submitted after it was due). */
    timeliness: z.enum(['open', 'overdue', 'onTime', 'late']),
    result: z.enum(['ok', 'failed']).nullable(),
    submittedAt: z.string().nullable(),
    submittedBy: z.string().nullable(),
    /** Once submitted, the values kept; before, the live document's (on a single checklist's read). */
    values: z.record(z.string(), Filled).nullable(),
    /** The safety and hygiene norms of the activities held where it is checked (on a single checklist's read). */
    norms: z.array(z.object({ activity: z.string(), safetyNotes: z.string() })).optional(),
    photos: z
      .array(
        z.object({ id: z.string(), itemKey: z.string().nullable(), fileName: z.string(), mime: z.string(), size: z.number() }),
      )
      .optional(),
  })
  .openapi('Checklist')

export const TemplatesQuery = z.object({ branchId: Uuid.optional() })
export const ChecklistsQuery = z.object({
  branchId: Uuid.optional(),
  from: IsoDate.optional(),
  to: IsoDate.optional(),
  status: z.enum(['open', 'submitted']).optional(),
})
export const ReportQuery = z.object({
  branchId: Uuid,
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'errors.field.format'),
})
export const GenerateInput = z.object({ branchId: Uuid }).strict().openapi('ChecklistsGenerateInput')

export const PhotoForm = z.object({
  file: z.any().openapi({ type: 'string', format: 'binary' }),
  itemKey: z.string().max(40).optional(),
})
export const PhotoParams = z.object({ id: Uuid, photoId: Uuid })
