import { fireEvent } from '../common/fire-event'
import type { MessageId } from '../../../domain/i18n/catalogue'
import { renderAlertMessage } from '../../../domain/alerts/messages'
import type { LiveEvent } from '../data/live-events'
import { currentLocale, t } from '../i18n/locale'

/** Alerts raised per lesson for one timetable clash (both lessons of a double booking, room and teacher). */
const CLASH_KINDS: Record<string, { label: MessageId; order: number }> = {
  room_clash: { label: 'common.alerts.roomClash', order: 0 },
  teacher_clash: { label: 'common.alerts.teacherClash', order: 1 },
  over_capacity: { label: 'common.alerts.overCapacity', order: 2 },
}
/** Clash alerts arriving this close together come from one change (one projection): one toast. */
export const CLASH_BURST_MS = 400
/** Alert toasts stay a little longer than plain ones (unless the alert clears first). */
export const ALERT_TOAST_MS = 8000

type Raised = LiveEvent<'alert.raised'>
type Cleared = LiveEvent<'alert.cleared'>

interface Group {
  key: string
  alerts: Map<string, Raised>
  lastAt: number
  expires: ReturnType<typeof setTimeout> | undefined
}

/** The part of LiveEvents this needs (a fake in tests). */
export interface AlertSource {
  on(event: 'alert.raised', listener: (a: Raised) => void): () => void
  on(event: 'alert.cleared', listener: (a: Cleared) => void): () => void
}

/**
 * Shows alerts as toasts, one per cause, gone when the alert clears. The timetable raises a clash
 * alert per lesson and kind (a room booked twice with the same teacher is four alerts: two lessons ×
 * room and teacher); the alerts of one change arrive together and make one toast, which lists the
 * kinds and stays until every one of its alerts cleared (or it times out).
 * @example const off = showAlertToasts(live, this)
 */
export function showAlertToasts(live: AlertSource, target: EventTarget, now: () => number = Date.now): () => void {
  const groups = new Map<string, Group>()
  const groupOf = new Map<string, Group>()
  let burst: Group | null = null

  const show = (g: Group) => {
    const list = [...g.alerts.values()]
    const critical = list.some((a) => a.severity === 'critical')
    fireEvent(target, 'crm-toast', {
      // rendered when shown, in the language shown then: a switch of language re-renders it
      message: () => describe(list),
      kind: critical ? 'error' : 'info',
      key: g.key,
      duration: ALERT_TOAST_MS,
    })
    clearTimeout(g.expires)
    // after the toast is gone, forget the group (a late clear has nothing to take away)
    g.expires = setTimeout(() => forget(g), ALERT_TOAST_MS + CLASH_BURST_MS)
  }
  const forget = (g: Group) => {
    clearTimeout(g.expires)
    groups.delete(g.key)
    for (const id of g.alerts.keys()) if (groupOf.get(id) === g) groupOf.delete(id)
    if (burst === g) burst = null
  }

  const offRaised = live.on('alert.raised', (a) => {
    if (groupOf.has(a.id)) return
    let g: Group | undefined
    if (CLASH_KINDS[a.kind]) {
      // the clash alerts of the same change (whichever lesson comes first), else a toast open about the same lesson
      if (burst && groups.has(burst.key) && now() - burst.lastAt <= CLASH_BURST_MS) g = burst
      else
        g = [...groups.values()].find((x) => [...x.alerts.values()].some((y) => CLASH_KINDS[y.kind] && y.subject === a.subject))
    }
    if (!g) {
      g = { key: `alert:${a.id}`, alerts: new Map(), lastAt: 0, expires: undefined }
      groups.set(g.key, g)
    }
    g.alerts.set(a.id, a)
    g.lastAt = now()
    groupOf.set(a.id, g)
    if (CLASH_KINDS[a.kind]) burst = g
    show(g)
  })

  const offCleared = live.on('alert.cleared', (a) => {
    const g = groupOf.get(a.id)
    if (!g) return
    groupOf.delete(a.id)
    g.alerts.delete(a.id)
    // the toast goes when the last of its alerts clears (it is not shown again for a partial clear)
    if (g.alerts.size === 0) {
      forget(g)
      fireEvent(target, 'crm-toast-dismiss', { key: g.key })
    }
  })

  return () => {
    offRaised()
    offCleared()
    for (const g of [...groups.values()]) forget(g)
  }
}

/**
 * An alert's text in the language shown now, from its stored kind + parameters (the text the
 * server rendered for this reader when the message id is missing or unknown: an older server).
 */
export const alertText = (a: Raised): string =>
  a.messageId ? renderAlertMessage(currentLocale(), a.messageId, a.params, a.message) : a.message

/** What a clash is about: its room, teacher or group (both lessons of one double booking name the same one). */
function clashPlace(a: Raised): string {
  const p = (a.params ?? {}) as Record<string, unknown>
  const place = p.room ?? p.teacher ?? p.group
  return place === undefined ? alertText(a) : JSON.stringify(place)
}

/**
 * One line for a group of alerts: a plain alert's message; for a clash, the first message (room
 * before teacher before capacity), what else the same change did, and how many other clashes came with it.
 * @example describe([roomA, roomB, teacherA, teacherB]) // 'Room Studio double-booked Fri 27 Nov 19:00–20:00: Painting and Chess (teacher double-booked too)'
 */
export function describe(alerts: Raised[]): string {
  const clashes = alerts.filter((a) => CLASH_KINDS[a.kind]).sort((x, y) => CLASH_KINDS[x.kind].order - CLASH_KINDS[y.kind].order)
  if (!clashes.length) return alerts[0] ? alertText(alerts[0]) : ''
  const first = clashes[0]
  const also = [...new Set(clashes.map((a) => a.kind))].filter((k) => k !== first.kind).map((k) => t(CLASH_KINDS[k].label))
  // both lessons of one double booking name the same room (or teacher); another room is another clash
  const others = new Set(clashes.filter((a) => a.kind === first.kind).map(clashPlace)).size - 1
  const kinds = also.join(', ')
  const text = alertText(first)
  const message = also.length ? t('common.alerts.also', { message: text, kinds }) : text
  return others > 0 ? t('common.alerts.more', { message, count: others }) : message
}
