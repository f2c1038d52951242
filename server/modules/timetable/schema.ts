import { z } from '@hono/zod-openapi'
import { ATTENDANCE_STATUSES } from '../../../domain/timetable/rules'
import { patchOf } from '../../http/patch'
import { IsoDate, IsoTime, SerialId, Uuid, dateSpan } from '../../http/values'

/** The timetable's request and response schemas (zod, in the OpenAPI document). */

const q = (name: string) => ({ param: { name, in: 'query' as const } })
const path = (name: string) => ({ param: { name, in: 'path' as const } })

// ── lessons ──────────────────────────────────────────────────────────────────

export const LessonParam = z.object({
  id: z
    .string()
    .min(1)
    .max(120)
    .regex(/^[A-Za-z0-9_-]+$/, 'errors.timetable.lessonId')
    .openapi(path('id')),
})

export const GenerateInput = z
  .object({ branchId: Uuid, from: IsoDate, to: IsoDate })
  .superRefine(dateSpan('from', 'to', 366))
  .openapi('GenerateInput')
export type GenerateInput = z.infer<typeof GenerateInput>

/** A message as sent: its catalogue id and parameters (names as written), rendered by the reader in their language. */
const MessageSchema = z.object({ id: z.string(), params: z.record(z.string(), z.union([z.string(), z.number()])).optional() })

export const GenerateResultSchema = z.object({
  created: z.number(),
  skipped: z.number(),
  weeks: z.array(z.string()),
  clashes: z.array(
    z.object({
      kind: z.string(),
      lessonId: z.string(),
      others: z.array(z.string()),
      /** What the clash is, as stored for its alert (domain/alerts/messages.ts renders it). */
      messageId: z.string(),
      params: z.unknown(),
      /** …rendered in the request's language. */
      message: z.string(),
    }),
  ),
})

export const LessonsQuery = z
  .object({
    branchId: Uuid.openapi(q('branchId')),
    from: IsoDate.openapi(q('from')),
    to: IsoDate.openapi(q('to')),
    teacherId: Uuid.optional().openapi(q('teacherId')),
  })
  .superRefine(dateSpan('from', 'to', 93))
export type LessonsQuery = z.infer<typeof LessonsQuery>

export const AttendanceInput = z
  .object({
    entries: z
      .array(
        z.object({
          clientId: Uuid,
          status: z.enum(ATTENDANCE_STATUSES),
          grade: z.number().int().min(1).max(5).nullable().optional(),
          comment: z.string().trim().max(2000).nullable().optional(),
        }),
      )
      .max(500),
  })
  .openapi('AttendanceInput')
export type AttendanceEntry = z.infer<typeof AttendanceInput>['entries'][number]

export const CancelInput = z
  .object({ reason: z.string().trim().max(500).optional(), offerMakeUp: z.boolean().optional() })
  .openapi('CancelInput')
export type CancelInput = z.infer<typeof CancelInput>

/** A group member who owes, and why (the owing checks' messages). */
const OwingSchema = z.object({
  clientId: z.string(),
  name: z.string().openapi({ description: 'First and last name; an erased client’s label in the request’s language' }),
  erased: z.boolean().openapi({ description: 'The client was erased: their name is the label `clients.erased.name`' }),
  reasons: z.array(MessageSchema),
})

export const LessonSchema = z
  .object({
    id: z.string(),
    branchId: z.string(),
    roomId: z.string().nullable(),
    start: z.string().nullable(),
    end: z.string().nullable(),
    activityId: z.string().nullable(),
    groupId: z.string().nullable(),
    teacherId: z.string().nullable(),
    status: z.string(),
    note: z.string().openapi({ description: 'The lesson’s own note (never the cancellation’s reason)' }),
    cancelReason: z.string().nullable().openapi({
      description:
        'A cancelled lesson’s reason as typed (never translated); null when it is not cancelled or no reason was given',
    }),
    valid: z.boolean(),
    problems: z.array(MessageSchema),
    clashes: z.array(z.string()),
    memberCount: z.number(),
    capacity: z.number().nullable(),
    red: z.boolean(),
    owing: z.array(OwingSchema),
    done: z.boolean(),
  })
  .openapi('Lesson')

// ── groups ───────────────────────────────────────────────────────────────────

const Slot = z.object({ weekday: z.number().int().min(1).max(7), start: IsoTime, end: IsoTime })

export const GroupInput = z
  .object({
    branchId: Uuid,
    activityId: Uuid,
    name: z.string().trim().min(1).max(100),
    teacherId: Uuid,
    assistantId: Uuid.nullable().optional(),
    roomId: Uuid,
    pattern: z.array(Slot).min(1).max(14),
    termStart: IsoDate,
    termEnd: IsoDate,
    capacity: z.number().int().min(1).max(500).nullable().optional(),
    ageMin: z.number().int().min(0).max(120).nullable().optional(),
    ageMax: z.number().int().min(0).max(120).nullable().optional(),
  })
  .openapi('GroupInput')
export type GroupInput = z.infer<typeof GroupInput>
export const GroupPatch = GroupInput.omit({ branchId: true }).partial()
export type GroupPatch = z.infer<typeof GroupPatch>

export const GroupsQuery = z.object({ branchId: Uuid.optional().openapi(q('branchId')) })

export const MemberInput = z.object({ clientId: Uuid, overrideCapacity: z.boolean().optional() }).openapi('GroupMemberInput')
export const MemberParams = z.object({ id: Uuid.openapi(path('id')), clientId: Uuid.openapi(path('clientId')) })
export const WaitingInput = z.object({ clientId: Uuid })
export const WaitingMoveInput = z
  .object({
    /** The entry to move before; null moves it to the end of the list. */
    before: SerialId('errors.field.invalidId').nullable(),
  })
  .openapi('WaitingMoveInput')
export const WaitingParams = z.object({
  id: Uuid.openapi(path('id')),
  entryId: SerialId('errors.field.invalidId').openapi(path('entryId')),
})

export const GroupSchema = z
  .object({
    id: z.string(),
    branchId: z.string(),
    activityId: z.string(),
    name: z.string(),
    teacherId: z.string(),
    assistantId: z.string().nullable(),
    roomId: z.string(),
    pattern: z.array(Slot),
    termStart: z.string(),
    termEnd: z.string(),
    capacity: z.number(),
    ageMin: z.number().nullable(),
    ageMax: z.number().nullable(),
    memberCount: z.number(),
    waitingCount: z.number(),
    red: z.boolean(),
    owing: z.array(OwingSchema),
  })
  .openapi('Group')

// ── the catalogue and closures ───────────────────────────────────────────────

/** An activity's type in the catalogue: a course, a club, a one-off event, a party. */
export const ACTIVITY_TYPES = ['course', 'club', 'event', 'party'] as const
export const ACTIVITY_CATEGORIES = ['sport', 'art', 'music', 'science', 'language', 'games', 'dance', 'event'] as const
export const ActivityInput = z
  .object({
    name: z.string().trim().min(1).max(100),
    category: z.enum(ACTIVITY_CATEGORIES),
    description: z.string().trim().max(2000).default(''),
    color: z
      .string()
      .regex(/^#[0-9a-fA-F]{6}$/, 'errors.field.color')
      .default('#4f7cff'),
    durationMinutes: z.number().int().min(5).max(720),
    minGroupSize: z.number().int().min(1).max(500).default(1),
    maxGroupSize: z.number().int().min(1).max(500),
    ageMin: z.number().int().min(0).max(120).nullable().optional(),
    ageMax: z.number().int().min(0).max(120).nullable().optional(),
    staffRatio: z.number().int().min(1).max(500),
    pricePerSession: z.number().min(0).max(100000),
    consumables: z
      .array(
        z.object({
          item: z.string().trim().min(1).max(100),
          quantity: z.number().positive().max(10000),
          unit: z.string().trim().min(1).max(20),
        }),
      )
      .max(50)
      .default([]),
    kind: z.enum(['group', 'individual', 'event']).default('group'),
    active: z.boolean().default(true),
    /** Its type in the catalogue (the catalogue's sections). */
    activityType: z.enum(ACTIVITY_TYPES).default('course'),
    roomRequirements: z.string().trim().max(2000).default(''),
    safetyNotes: z.string().trim().max(2000).default(''),
    /** The date these norms apply from (null: always); each change of the norms keeps a version. */
    normsFrom: IsoDate.nullable().optional(),
  })
  .openapi('ActivityInput')
export type ActivityInput = z.infer<typeof ActivityInput>
export const ActivityPatch = patchOf(ActivityInput)
export type ActivityPatch = z.infer<typeof ActivityPatch>
export const ActivitySchema = ActivityInput.extend({
  id: z.string().uuid(),
  pricePerSession: z.string(),
  normsFrom: z.string().nullable(),
}).openapi('Activity')

/** One version of an activity's norms: what applied from `validFrom` on. */
export const NormVersionSchema = z
  .object({
    validFrom: z.string(),
    createdAt: z.string(),
    norms: z.object({
      durationMinutes: z.number(),
      minGroupSize: z.number(),
      maxGroupSize: z.number(),
      ageMin: z.number().nullable(),
      ageMax: z.number().nullable(),
      staffRatio: z.number(),
      consumables: z.array(z.object({ item: z.string(), quantity: z.number(), unit: z.string() })),
      roomRequirements: z.string(),
      safetyNotes: z.string(),
    }),
  })
  .openapi('ActivityNormVersion')

export const TeacherSchema = z.object({ id: z.string(), name: z.string(), branchIds: z.array(z.string()) })

export const ClosureInput = z
  .object({ branchId: Uuid.nullable(), fromDate: IsoDate, toDate: IsoDate, name: z.string().trim().min(1).max(200) })
  .openapi('ClosureInput')
export type ClosureInput = z.infer<typeof ClosureInput>
export const ClosureSchema = ClosureInput.extend({ id: z.string().uuid() }).openapi('Closure')

/** A new closure, and whether the lessons already planned in it are cancelled (with make-up credits). */
export const ClosureCreateInput = ClosureInput.extend({
  cancelLessons: z.boolean().optional(),
  offerMakeUp: z.boolean().optional(),
}).openapi('ClosureCreateInput')
export type ClosureCreateInput = z.infer<typeof ClosureCreateInput>

/** Which lessons a closure would cancel: one branch's or the whole center's (branchId left out), between two dates. */
export const ClosurePreviewQuery = z
  .object({
    branchId: Uuid.optional().openapi(q('branchId')),
    fromDate: IsoDate.openapi(q('fromDate')),
    toDate: IsoDate.openapi(q('toDate')),
  })
  .superRefine(dateSpan('fromDate', 'toDate', 366))
export type ClosurePreviewQuery = z.infer<typeof ClosurePreviewQuery>

export const ClosureLessonSchema = z
  .object({
    id: z.string(),
    branchId: z.string(),
    start: z.string().nullable(),
    end: z.string().nullable(),
    activityId: z.string().nullable(),
    groupId: z.string().nullable(),
    roomId: z.string().nullable(),
    teacherId: z.string().nullable(),
    memberCount: z.number(),
  })
  .openapi('ClosureLesson')

export const ClosureResultSchema = z.object({
  closure: ClosureSchema,
  cancelled: z.array(ClosureLessonSchema),
  makeUpCredits: z.number(),
})

// ── transfers and the waiting list ───────────────────────────────────────────

export const TransferInput = z.object({ toGroupId: Uuid, overrideCapacity: z.boolean().optional() }).openapi('GroupTransferInput')
export type TransferInput = z.infer<typeof TransferInput>

// ── calendar feeds ───────────────────────────────────────────────────────────

/** What a feed follows: a room, a teacher, a group, or every lesson of a branch (its subject the branch). */
export const FEED_KINDS = ['room', 'teacher', 'group', 'branch'] as const
export const FeedInput = z.object({ kind: z.enum(FEED_KINDS), subjectId: Uuid }).openapi('CalendarFeedInput')
export type FeedInput = z.infer<typeof FeedInput>
export const FeedSchema = z
  .object({ id: z.string(), kind: z.string(), subjectId: z.string(), createdAt: z.string(), revokedAt: z.string().nullable() })
  .openapi('CalendarFeed')
