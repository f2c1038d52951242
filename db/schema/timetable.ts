import { sql } from 'drizzle-orm'
import {
  bigint,
  bigserial,
  boolean,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core'
import { branches, rooms } from './center'
import { clients } from './clients'

/** Consumables one lesson of an activity uses (stock write-off arrives with the stock area). */
export interface ConsumableNorm {
  item: string
  quantity: number
  unit: string
}

/** An activity type with its norms: the reference book managers edit. */
export const activities = pgTable('activities', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull().unique(),
  /** Catalogue section: sport, art, music, science, language, games, event. */
  category: text('category').notNull(),
  description: text('description').notNull().default(''),
  color: text('color').notNull().default('#4f7cff'),
  durationMinutes: integer('duration_minutes').notNull(),
  minGroupSize: integer('min_group_size').notNull().default(1),
  maxGroupSize: integer('max_group_size').notNull(),
  ageMin: integer('age_min'),
  ageMax: integer('age_max'),
  /** Clients per member of staff (e.g. 8 for swimming). */
  staffRatio: integer('staff_ratio').notNull(),
  pricePerSession: numeric('price_per_session', { precision: 12, scale: 2 }).notNull(),
  consumables: jsonb('consumables')
    .$type<ConsumableNorm[]>()
    .notNull()
    .default(sql`'[]'::jsonb`),
  /** Kind of timetable entry: group lessons, individual lessons or one-off events. */
  kind: text('kind').notNull().default('group'),
  active: boolean('active').notNull().default(true),
  /** Its type in the catalogue: course, club, event (one-off) or party (migration 0018). */
  activityType: text('activity_type').notNull().default('course'),
  /** What a room needs for it (norms reference, as written). */
  roomRequirements: text('room_requirements').notNull().default(''),
  /** Safety and hygiene notes (norms reference, as written). */
  safetyNotes: text('safety_notes').notNull().default(''),
  /** The date the current norms apply from (null: always). */
  normsFrom: date('norms_from', { mode: 'string' }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  createdBy: uuid('created_by'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  updatedBy: uuid('updated_by'),
})

/** The norms an activity had from a date on: one row per version, written with each change of its norms. */
export interface ActivityNorms {
  durationMinutes: number
  minGroupSize: number
  maxGroupSize: number
  ageMin: number | null
  ageMax: number | null
  staffRatio: number
  consumables: ConsumableNorm[]
  roomRequirements: string
  safetyNotes: string
}

export const activityNormVersions = pgTable(
  'activity_norm_versions',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    activityId: uuid('activity_id')
      .notNull()
      .references(() => activities.id),
    validFrom: date('valid_from', { mode: 'string' }).notNull(),
    norms: jsonb('norms').$type<ActivityNorms>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    createdBy: uuid('created_by'),
  },
  (t) => [index('activity_norm_versions_activity_idx').on(t.activityId, t.validFrom)],
)

/** A slot of a group's weekly pattern: ISO weekday 1 (Mon) … 7 (Sun), local times. */
export interface PatternSlot {
  weekday: number
  start: string
  end: string
}

/** A group: activity, teacher, room, members and a weekly pattern over a term. */
export const groups = pgTable(
  'groups',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    branchId: uuid('branch_id')
      .notNull()
      .references(() => branches.id),
    activityId: uuid('activity_id')
      .notNull()
      .references(() => activities.id),
    name: text('name').notNull(),
    teacherId: uuid('teacher_id').notNull(),
    assistantId: uuid('assistant_id'),
    roomId: uuid('room_id')
      .notNull()
      .references(() => rooms.id),
    pattern: jsonb('pattern').$type<PatternSlot[]>().notNull(),
    termStart: date('term_start', { mode: 'string' }).notNull(),
    termEnd: date('term_end', { mode: 'string' }).notNull(),
    /** Overrides the activity's max group size. */
    capacity: integer('capacity'),
    ageMin: integer('age_min'),
    ageMax: integer('age_max'),
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    createdBy: uuid('created_by'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    updatedBy: uuid('updated_by'),
  },
  (t) => [index('groups_branch_idx').on(t.branchId)],
)

/** Membership of a client in a group (left members keep their row with leftAt). */
export const groupMembers = pgTable(
  'group_members',
  {
    groupId: uuid('group_id')
      .notNull()
      .references(() => groups.id),
    clientId: uuid('client_id')
      .notNull()
      .references(() => clients.id),
    joinedAt: timestamp('joined_at', { withTimezone: true }).notNull().defaultNow(),
    joinedBy: uuid('joined_by'),
    leftAt: timestamp('left_at', { withTimezone: true }),
    leftBy: uuid('left_by'),
    /** Why they left: a code of LEAVE_REASONS (domain/clients/vocabulary.ts; null: none given). */
    leftReasonCode: text('left_reason_code'),
    /** The note given with it, as typed (never translated). */
    leftReason: text('left_reason'),
  },
  (t) => [
    primaryKey({ columns: [t.groupId, t.clientId, t.joinedAt] }),
    index('group_members_client_idx').on(t.clientId),
    index('group_members_left_idx')
      .on(t.leftAt)
      .where(sql`${t.leftAt} is not null`),
  ],
)

/** The waiting list of a group; the first waiting client is offered a freed place. */
export const waitingList = pgTable(
  'waiting_list',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    groupId: uuid('group_id')
      .notNull()
      .references(() => groups.id),
    clientId: uuid('client_id')
      .notNull()
      .references(() => clients.id),
    /** waiting → offered → enrolled | declined | removed */
    status: text('status').notNull().default('waiting'),
    addedAt: timestamp('added_at', { withTimezone: true }).notNull().defaultNow(),
    addedBy: uuid('added_by'),
    /** The receptionist's order (1 first); null for entries the previous release added: after the ordered ones, by addedAt (0020). */
    position: integer('position'),
    offeredAt: timestamp('offered_at', { withTimezone: true }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
  },
  (t) => [
    index('waiting_list_group_idx').on(t.groupId, t.addedAt),
    index('waiting_list_group_position_idx').on(t.groupId, t.position),
  ],
)

/** Holidays and closures, per branch (null branch = every branch). */
export const closures = pgTable('closures', {
  id: uuid('id').primaryKey().defaultRandom(),
  branchId: uuid('branch_id'),
  fromDate: date('from_date', { mode: 'string' }).notNull(),
  toDate: date('to_date', { mode: 'string' }).notNull(),
  name: text('name').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  createdBy: uuid('created_by'),
})

/** Lessons: the projection of the week documents, for lists, clash checks, the journal and reports. */
export const lessons = pgTable(
  'lessons',
  {
    id: text('id').primaryKey(),
    branchId: uuid('branch_id').notNull(),
    /** The week document it lives in. */
    doc: text('doc').notNull(),
    roomId: uuid('room_id'),
    startsAt: timestamp('starts_at', { withTimezone: true }),
    endsAt: timestamp('ends_at', { withTimezone: true }),
    activityId: uuid('activity_id'),
    groupId: uuid('group_id'),
    teacherId: uuid('teacher_id'),
    status: text('status').notNull().default('planned'),
    note: text('note').notNull().default(''),
    /**
     * A cancelled lesson's reason as typed (never translated), from the week document's
     * `cancelReason` (domain/timetable/cancellation.ts); null when not cancelled or none was given.
     */
    cancelReason: text('cancel_reason'),
    /** False when the document holds something the server refuses to project (shown flagged). */
    valid: boolean('valid').notNull().default(true),
    /** Why not: messages `{ id, params }` (rows projected before that: English texts; read with domain/timetable/problems). */
    problems: jsonb('problems')
      .$type<unknown[]>()
      .notNull()
      .default(sql`'[]'::jsonb`),
    clashes: jsonb('clashes')
      .$type<string[]>()
      .notNull()
      .default(sql`'[]'::jsonb`),
    deleted: boolean('deleted').notNull().default(false),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('lessons_branch_time_idx').on(t.branchId, t.startsAt),
    index('lessons_room_time_idx').on(t.roomId, t.startsAt),
    index('lessons_teacher_time_idx').on(t.teacherId, t.startsAt),
    index('lessons_group_idx').on(t.groupId, t.startsAt),
    index('lessons_doc_idx').on(t.doc),
  ],
)

/** Attendance and the electronic journal: one row per member per lesson. */
export const attendance = pgTable(
  'attendance',
  {
    lessonId: text('lesson_id').notNull(),
    clientId: uuid('client_id')
      .notNull()
      .references(() => clients.id),
    /** present | late | absent | excused | walk_in */
    status: text('status').notNull(),
    grade: smallint('grade'),
    comment: text('comment'),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    by: uuid('by'),
  },
  (t) => [primaryKey({ columns: [t.lessonId, t.clientId] }), index('attendance_client_idx').on(t.clientId, t.at)],
)

/**
 * A lesson marked done (and undone): the header of everything it recorded. Undo never deletes:
 * it writes compensating rows that point back here.
 */
export const lessonCompletions = pgTable(
  'lesson_completions',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    lessonId: text('lesson_id').notNull(),
    doneAt: timestamp('done_at', { withTimezone: true }).notNull().defaultNow(),
    doneBy: uuid('done_by').notNull(),
    undoneAt: timestamp('undone_at', { withTimezone: true }),
    undoneBy: uuid('undone_by'),
  },
  (t) => [
    uniqueIndex('lesson_completions_open_idx')
      .on(t.lessonId)
      .where(sql`${t.undoneAt} is null`),
  ],
)

/** Visits recorded when a lesson is done; a reversal row (reversal_of) compensates on undo. */
export const visits = pgTable(
  'visits',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    completionId: bigint('completion_id', { mode: 'number' }).notNull(),
    lessonId: text('lesson_id').notNull(),
    clientId: uuid('client_id').notNull(),
    status: text('status').notNull(),
    /** +1 for a visit, −1 for its reversal. */
    sign: smallint('sign').notNull().default(1),
    reversalOf: bigint('reversal_of', { mode: 'number' }),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    by: uuid('by').notNull(),
  },
  (t) => [index('visits_client_idx').on(t.clientId, t.at), index('visits_lesson_idx').on(t.lessonId)],
)

/** The service a teacher gave (lesson, duration, attendance): payroll is computed from these. */
export const teacherServices = pgTable(
  'teacher_services',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    completionId: bigint('completion_id', { mode: 'number' }).notNull(),
    lessonId: text('lesson_id').notNull(),
    teacherId: uuid('teacher_id').notNull(),
    activityId: uuid('activity_id'),
    durationMinutes: integer('duration_minutes').notNull(),
    attending: integer('attending').notNull(),
    sign: smallint('sign').notNull().default(1),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    by: uuid('by').notNull(),
  },
  (t) => [index('teacher_services_teacher_idx').on(t.teacherId, t.at), index('teacher_services_lesson_idx').on(t.lessonId)],
)

/** Consumables used by a done lesson, by the activity's norms: the stock area writes them off. */
export const consumableUses = pgTable(
  'consumable_uses',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    completionId: bigint('completion_id', { mode: 'number' }).notNull(),
    lessonId: text('lesson_id').notNull(),
    item: text('item').notNull(),
    quantity: numeric('quantity', { precision: 12, scale: 3 }).notNull(),
    unit: text('unit').notNull(),
    sign: smallint('sign').notNull().default(1),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    by: uuid('by').notNull(),
  },
  (t) => [index('consumable_uses_lesson_idx').on(t.lessonId)],
)

/** A make-up lesson owed to a client after a cancellation, usable in another group of the activity. */
export const makeUpCredits = pgTable(
  'make_up_credits',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    clientId: uuid('client_id').notNull(),
    activityId: uuid('activity_id').notNull(),
    fromLessonId: text('from_lesson_id').notNull(),
    usedLessonId: text('used_lesson_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    createdBy: uuid('created_by'),
  },
  (t) => [index('make_up_credits_client_idx').on(t.clientId)],
)

/** Secret tokens of iCalendar feeds (per room, teacher or group); only the hash is stored. */
export const calendarFeeds = pgTable('calendar_feeds', {
  id: uuid('id').primaryKey().defaultRandom(),
  kind: text('kind').notNull(),
  subjectId: uuid('subject_id').notNull(),
  tokenHash: text('token_hash').notNull().unique(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  createdBy: uuid('created_by'),
  revokedAt: timestamp('revoked_at', { withTimezone: true }),
  revokedBy: uuid('revoked_by'),
})
