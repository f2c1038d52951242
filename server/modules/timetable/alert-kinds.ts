import { ERASED_CLIENT_NAME, type ClientNameParts } from '../../../domain/clients/names'
import type { MessageParams } from '../../../domain/i18n/catalogue'
import { capacityOf, type Clash, type ClashInput } from '../../../domain/timetable/rules'
import { alertKind } from '../../contracts/alerts'
import type { AlertMessage, AlertParam } from '../alerts/index'
import type { TimetableContext } from './context'

/** The alerts the timetable's rules raise. */
export const timetableAlerts = {
  room_clash: alertKind({ kind: 'room_clash', severity: 'critical', roles: ['owner', 'manager', 'receptionist'] }),
  teacher_clash: alertKind({
    kind: 'teacher_clash',
    severity: 'critical',
    roles: ['owner', 'manager', 'receptionist', 'teacher'],
  }),
  over_capacity: alertKind({ kind: 'over_capacity', severity: 'warning', roles: ['owner', 'manager', 'receptionist'] }),
  waiting_list_offer: alertKind({ kind: 'waiting_list_offer', severity: 'info', roles: ['owner', 'manager', 'receptionist'] }),
  lesson_cancelled: alertKind({
    kind: 'lesson_cancelled',
    severity: 'info',
    roles: ['owner', 'manager', 'receptionist', 'teacher'],
  }),
}

// ── their messages: kind + parameters, rendered for each reader (server/modules/alerts/messages.ts) ──

/** A name as a message of a list (a name is not translated). */
const named = (text: string) => ({ id: 'alerts.legacy' as const, params: { text } satisfies MessageParams })

/** An erased client's name: the label, rendered for each reader (their row keeps no name). */
const erasedName = { id: ERASED_CLIENT_NAME }

/** A client's name as an alert's parameter: the name as written, or an erased client's label. */
const clientParam = (c: ClientNameParts): AlertParam => (c.erased ? { messages: [erasedName] } : `${c.first} ${c.last}`)

/** Clients' names as one parameter, joined by the reader's language: a list, with labels where some were erased. */
const clientsParam = (cs: ClientNameParts[]): AlertParam =>
  cs.some((c) => c.erased)
    ? { messages: cs.map((c) => (c.erased ? erasedName : named(`${c.first} ${c.last}`))) }
    : { list: cs.map((c) => `${c.first} ${c.last}`) }

/** A lesson's time as its branch reads it. */
export const lessonTime = (startsAt: Date, endsAt: Date, timeZone: string): AlertParam => ({
  span: [startsAt.toISOString(), endsAt.toISOString()],
  timeZone,
})

/** A clash's alert message: the room or teacher, the lesson's time, and the lessons that clash. */
export function clashAlertMessage(clash: Clash, lessons: Map<string, ClashInput>, ctx: TimetableContext): AlertMessage {
  const l = lessons.get(clash.lessonId)
  const labelOf = (x: ClashInput | undefined) => {
    const name =
      (x?.groupId ? ctx.groups.get(x.groupId)?.name : undefined) ??
      (x?.activityId ? ctx.activities.get(x.activityId)?.name : undefined)
    return name ? named(name) : { id: 'alerts.aLesson' as const }
  }
  const when: AlertParam = l?.startsAt && l.endsAt ? lessonTime(l.startsAt, l.endsAt, ctx.timeZones.get(l.branchId) ?? 'UTC') : ''
  const list: AlertParam = { messages: [labelOf(l), ...clash.others.map((id) => labelOf(lessons.get(id)))] }
  if (clash.kind === 'room_clash')
    return {
      id: 'alerts.roomClash',
      params: { room: (l?.roomId ? ctx.rooms.get(l.roomId)?.name : undefined) ?? '', when, lessons: list },
    }
  if (clash.kind === 'teacher_clash') {
    const name = l?.teacherId ? ctx.teachers.get(l.teacherId) : undefined
    return {
      id: 'alerts.teacherClash',
      params: { teacher: name ?? { messages: [{ id: 'alerts.theTeacher' }] }, when, lessons: list },
    }
  }
  const g = l?.groupId ? ctx.groups.get(l.groupId) : undefined
  return {
    id: 'alerts.overCapacity',
    params: {
      group: g?.name ?? '',
      when,
      members: g?.memberCount ?? 0,
      capacity: l ? (capacityOf(l, ctx.rooms, ctx.groups, ctx.activities) ?? 0) : 0,
    },
  }
}

/** A place freed up in a group: offer it to the first on its waiting list. */
export const waitingListOfferMessage = (group: string, client: ClientNameParts, groupId?: string): AlertMessage => ({
  id: 'alerts.waitingListOffer',
  // the group's id: the alert's link opens its waiting list (client/src/components/alert-list.ts)
  params: { group, client: clientParam(client), ...(groupId ? { groupId } : {}) },
})

/** A lesson was cancelled: whom to notify, why, and whether a make-up lesson is offered. */
export const lessonCancelledMessage = (p: {
  when: AlertParam
  reason: string | null | undefined
  /** The members to notify. */
  names: ClientNameParts[]
  makeUp: boolean
}): AlertMessage => ({
  id: 'alerts.lessonCancelled',
  params: {
    when: p.when,
    hasReason: p.reason ? 'yes' : 'no',
    reason: p.reason ?? '',
    members: p.names.length,
    names: clientsParam(p.names),
    makeUp: p.makeUp ? 'yes' : 'no',
  },
})
