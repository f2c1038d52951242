import ical from 'ical-generator'
import type { activities, activityNormVersions, calendarFeeds, closures } from '../../../db/schema/index'
import { problemsOf } from '../../../domain/timetable/problems'
import { cancellationOf } from '../../../domain/timetable/cancellation'
import { clientName, type ClientNameParts } from '../../../domain/clients/names'
import { translatorFor } from '../../../domain/i18n/translator'
import type { Locale } from '../../../domain/i18n/locales'
import type { OwingReason } from '../../contracts/owing'
import { renderAlertMessage } from '../alerts'
import type { GenerateResult } from './generate'
import type { feedLessons } from './queries/catalogue'
import type { GroupFacts, GroupRow, groupMemberList, groupWaitingList } from './queries/groups'
import type { LessonFacts, LessonRow, RosterFacts } from './queries/lessons'
import { rosterIds } from './queries/lessons'
import type { ActivityInput } from './schema'

/**
 * Rows → the JSON the timetable's clients see (pure: every fact is loaded by queries.ts first).
 * A client's `name` is an erased client's label in `locale` (the request's language) where they
 * were erased, with `erased: true`: a screen words it again in the language it shows.
 */

/** A client's name and whether they were erased, as lists send them. */
const named = (c: ClientNameParts, locale: Locale) => ({ name: clientName(c, locale), erased: c.erased })

const owingOf = (
  members: Array<{ clientId: string } & ClientNameParts>,
  owing: Map<string, OwingReason[]> | undefined,
  locale: Locale,
): Array<{ clientId: string; name: string; erased: boolean; reasons: OwingReason[] }> =>
  owing
    ? members
        .filter((m) => owing.has(m.clientId))
        .map((m) => ({ clientId: m.clientId, ...named(m, locale), reasons: owing.get(m.clientId) ?? [] }))
    : []

/** A lesson as the timetable shows it: the projection plus members, capacity, who owes and "done". */
export function presentLesson(r: LessonRow, facts: LessonFacts, locale: Locale) {
  // (a row the projection wrote before migration 0015 may hold "Cancelled: <reason>" as its note)
  const { reason, note } = cancellationOf(r)
  const mine = r.groupId ? facts.members.filter((m) => m.groupId === r.groupId) : []
  const owing = r.groupId ? facts.owingByGroup.get(r.groupId) : undefined
  const g = facts.groups.find((x) => x.id === r.groupId)
  const caps = [
    g?.capacity ?? (r.activityId ? facts.activityMax.get(r.activityId) : undefined),
    r.roomId ? facts.roomCapacity.get(r.roomId) : undefined,
  ].filter((x): x is number => typeof x === 'number')
  return {
    id: r.id,
    branchId: r.branchId,
    roomId: r.roomId,
    start: r.startsAt?.toISOString() ?? null,
    end: r.endsAt?.toISOString() ?? null,
    activityId: r.activityId,
    groupId: r.groupId,
    teacherId: r.teacherId,
    status: r.status,
    note,
    // why it was cancelled, as typed (never translated: screens word "Cancelled: …" themselves)
    cancelReason: reason,
    valid: r.valid,
    // messages (rows projected by earlier versions hold English texts: mapped to their messages)
    problems: problemsOf(r.problems),
    clashes: r.clashes ?? [],
    memberCount: mine.length,
    capacity: caps.length ? Math.min(...caps) : null,
    red: (owing?.size ?? 0) > 0,
    owing: owingOf(mine, owing, locale),
    done: facts.done.has(r.id),
  }
}

/**
 * What a generation did, for a reader: each clash's message as stored (id + parameters: the
 * client renders it in the language it shows, again on a switch) and rendered in `locale`.
 */
export const presentGenerateResult = (r: GenerateResult, locale: Locale) => ({
  created: r.created,
  skipped: r.skipped,
  weeks: r.weeks,
  clashes: r.clashes.map((c) => ({
    kind: c.kind,
    lessonId: c.lessonId,
    others: c.others,
    messageId: c.message.id,
    params: c.message.params ?? {},
    message: renderAlertMessage(locale, c.message.id, c.message.params),
  })),
})

/**
 * A lesson's roster: each member and walk-in with their mark, grade, comment and allergy badge; the
 * allergies and emergency instructions only when the facts carry them (the reader may see them).
 */
export function presentRoster(r: RosterFacts, locale: Locale) {
  return rosterIds(r).map((cid) => {
    const m = r.members.find((x) => x.clientId === cid)
    const mark = r.marks.find((x) => x.a.clientId === cid)
    const who = m ?? mark
    const med = r.emergency?.get(cid)
    return {
      clientId: cid,
      ...(who ? named(who, locale) : { name: '', erased: false }),
      member: Boolean(m),
      status: mark?.a.status ?? null,
      grade: mark?.a.grade ?? null,
      comment: mark?.a.comment ?? null,
      allergy: r.withAllergy.has(cid),
      ...(r.emergency ? { allergies: med?.allergies || null, emergencyInstructions: med?.emergencyInstructions || null } : {}),
    }
  })
}

/** A group as lists show it: effective capacity, counts and who owes (red line). */
export function presentGroup(g: GroupRow, facts: GroupFacts, locale: Locale) {
  const mine = facts.members.filter((m) => m.groupId === g.id)
  const owing = facts.owingByGroup.get(g.id)
  return {
    id: g.id,
    branchId: g.branchId,
    activityId: g.activityId,
    name: g.name,
    teacherId: g.teacherId,
    assistantId: g.assistantId,
    roomId: g.roomId,
    pattern: g.pattern,
    termStart: g.termStart,
    termEnd: g.termEnd,
    capacity: Math.min(
      g.capacity ?? facts.activityMax.get(g.activityId) ?? 0,
      facts.roomCapacity.get(g.roomId) ?? Number.MAX_SAFE_INTEGER,
    ),
    ageMin: g.ageMin,
    ageMax: g.ageMax,
    memberCount: mine.length,
    waitingCount: facts.waiting.get(g.id) ?? 0,
    red: (owing?.size ?? 0) > 0,
    owing: owingOf(mine, owing, locale),
  }
}

/** A group's members (allergy badge only) and open waiting list, as its page shows them. */
export function presentGroupPeople(
  members: Awaited<ReturnType<typeof groupMemberList>>,
  waiting: Awaited<ReturnType<typeof groupWaitingList>>,
  locale: Locale,
) {
  return {
    members: members.map((m) => ({
      clientId: m.clientId,
      ...named(m, locale),
      birthDate: m.birthDate,
      joinedAt: m.joinedAt.toISOString(),
      allergy: Boolean(m.allergies),
    })),
    waiting: waiting.map((w) => ({
      entryId: String(w.entryId),
      clientId: w.clientId,
      ...named(w, locale),
      status: w.status,
      addedAt: w.addedAt.toISOString(),
    })),
  }
}

/** An activity of the catalogue with its norms. */
export const presentActivity = (a: typeof activities.$inferSelect) => ({
  id: a.id,
  name: a.name,
  category: a.category as ActivityInput['category'],
  description: a.description,
  color: a.color,
  durationMinutes: a.durationMinutes,
  minGroupSize: a.minGroupSize,
  maxGroupSize: a.maxGroupSize,
  ageMin: a.ageMin,
  ageMax: a.ageMax,
  staffRatio: a.staffRatio,
  pricePerSession: a.pricePerSession,
  consumables: a.consumables,
  kind: a.kind as ActivityInput['kind'],
  active: a.active,
  activityType: a.activityType as ActivityInput['activityType'],
  roomRequirements: a.roomRequirements,
  safetyNotes: a.safetyNotes,
  normsFrom: a.normsFrom,
})

/** One version of an activity's norms. */
export const presentNormVersion = (v: typeof activityNormVersions.$inferSelect) => ({
  validFrom: v.validFrom,
  createdAt: v.createdAt.toISOString(),
  norms: v.norms,
})

/** A holiday or closure (branchId null: the whole center). */
export const presentClosure = (r: typeof closures.$inferSelect) => ({
  id: r.id,
  branchId: r.branchId,
  fromDate: r.fromDate,
  toDate: r.toDate,
  name: r.name,
})

/** A calendar feed (never its token). */
export const presentFeed = (r: typeof calendarFeeds.$inferSelect) => ({
  id: r.id,
  kind: r.kind,
  subjectId: r.subjectId,
  createdAt: r.createdAt.toISOString(),
  revokedAt: r.revokedAt?.toISOString() ?? null,
})

/**
 * A feed's lessons as iCalendar, worded in `locale` (the request's language, else the center's:
 * calendar apps rarely say theirs); cancelled ones say so in their summary.
 */
export function presentCalendar(kind: string, rows: Awaited<ReturnType<typeof feedLessons>>, locale: Locale): string {
  const { t } = translatorFor(locale)
  const cal = ical({ name: t('timetable.feed.name', { kind }), prodId: { company: 'Clubroom', product: 'timetable' } })
  for (const { l, activity, room, group, teacher } of rows) {
    if (!l.startsAt || !l.endsAt) continue
    const title = `${activity ?? t('timetable.block.lesson')}${group ? ` — ${group}` : ''}`
    const { reason, note } = cancellationOf(l)
    cal.createEvent({
      id: `${l.id}@clubroom`,
      start: l.startsAt,
      end: l.endsAt,
      summary: l.status === 'cancelled' ? t('timetable.feed.cancelled', { summary: title }) : title,
      location: room ?? undefined,
      description: [
        teacher ? t('timetable.describe.teacher', { name: teacher }) : '',
        reason ? t('timetable.cancelled.reason', { reason }) : '',
        note,
      ]
        .filter(Boolean)
        .join('\n'),
    })
  }
  return cal.toString()
}
