import { renderAlertMessage } from '../../../domain/alerts/messages'
import type { MessageId } from '../../../domain/i18n/catalogue'
import { formatNumber } from '../../../domain/i18n/format'
import { READ_ONLY_ROLES } from '../../../domain/roles'
import { formatWhen } from '../common/dates'
import type { OpenAlert } from '../data/alerts'
import { currentLocale, t } from '../i18n/locale'
import { resolveRoute } from '../layouts/nav'

/**
 * What the Alerts panel (crm-alerts.ts) shows of an alert, in the language shown now: its text,
 * its time, who acknowledged it, where its subject opens. Lit-free, so unit tests reach it.
 */

/** An alert's text from its stored kind + parameters (the server's rendering when it sent no id, or an id we do not know). */
export const alertText = (a: Pick<OpenAlert, 'messageId' | 'params' | 'message'>): string =>
  a.messageId ? renderAlertMessage(currentLocale(), a.messageId, a.params, a.message) : a.message

/** When it was raised: "14:05" today (in its time zone), else the date and time. */
export const raisedText = (a: Pick<OpenAlert, 'raisedAt' | 'timeZone'>, now: Date = new Date()): string =>
  formatWhen(a.raisedAt, now, a.timeZone)

/** "Acknowledged by Anna Petrova, 14:10", or null while nobody has. */
export function acknowledgedText(
  a: Pick<OpenAlert, 'acknowledgedAt' | 'acknowledgedByName' | 'timeZone'>,
  now: Date = new Date(),
): string | null {
  if (!a.acknowledgedAt) return null
  const name = a.acknowledgedByName ?? ''
  return t('alertPanel.acknowledged', {
    hasName: name ? 'yes' : 'no',
    name,
    when: formatWhen(a.acknowledgedAt, now, a.timeZone),
  })
}

const SEVERITY: Record<string, MessageId> = {
  critical: 'alertPanel.severity.critical',
  warning: 'alertPanel.severity.warning',
  info: 'alertPanel.severity.info',
}

/** The severity the panel colours by (an unknown one as a warning) and its name for screen readers. */
export function severityOf(a: Pick<OpenAlert, 'severity'>): { level: 'critical' | 'warning' | 'info'; label: string } {
  const level = a.severity === 'critical' || a.severity === 'info' ? a.severity : 'warning'
  return { level, label: t(SEVERITY[level]) }
}

/** The badge on the Alerts button: the count, "99+" beyond 99, nothing at none. */
export function badgeText(unread: number): string {
  if (unread <= 0) return ''
  return unread > 99 ? t('alertPanel.badgeMore', { count: 99 }) : formatNumber(unread, currentLocale())
}

/** Acknowledging is for everyone who may read alerts but the read-only roles (`alerts.acknowledge`); the server decides. */
export const canAcknowledge = (roles: readonly string[]): boolean =>
  roles.some((r) => !(READ_ONLY_ROLES as readonly string[]).includes(r))

/** A lesson's day (YYYY-MM-DD) in its branch's time zone, from an alert's `{ span: [start, end], timeZone }`. */
export function lessonDay(params: unknown): string | null {
  const when = (params as { when?: unknown } | null)?.when as { span?: unknown; timeZone?: unknown } | undefined
  if (!when || !Array.isArray(when.span) || typeof when.span[0] !== 'string') return null
  const start = new Date(when.span[0])
  if (Number.isNaN(start.getTime())) return null
  const zone = typeof when.timeZone === 'string' && when.timeZone ? when.timeZone : 'UTC'
  try {
    const parts = new Intl.DateTimeFormat('en-CA', {
      timeZone: zone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    }).formatToParts(start)
    const part = (type: string) => parts.find((p) => p.type === type)?.value ?? ''
    return `${part('year')}-${part('month')}-${part('day')}`
  } catch {
    return null
  }
}

/** The group a freed place's alert names (its `groupId` parameter), if any. */
function groupOf(params: unknown): string | null {
  const id = params && typeof params === 'object' ? (params as Record<string, unknown>).groupId : undefined
  return typeof id === 'string' && id ? id : null
}

/** Where an alert's subject opens, and the link's words. */
export interface AlertLink {
  href: string
  label: MessageId
}

/**
 * Where the alert's subject is: a client → the client file; a lesson or a room → the timetable
 * (its branch, the lesson's day); the backups → the Backups screen. Null for a subject without a
 * screen, or a screen this user's roles do not open.
 * @example alertLink({ subject: 'client:6f…', … }, ['receptionist']) // { href: '/clients/6f…', label: 'alertPanel.open.client' }
 */
export function alertLink(a: Pick<OpenAlert, 'subject' | 'branchId' | 'params'>, roles: readonly string[]): AlertLink | null {
  const [kind, ...rest] = a.subject.split(':')
  const id = rest.join(':')
  let link: AlertLink | null = null
  if (kind === 'client' && id) link = { href: `/clients/${encodeURIComponent(id)}`, label: 'alertPanel.open.client' }
  else if ((kind === 'lesson' || kind === 'room') && id) {
    const q = new URLSearchParams()
    if (a.branchId) q.set('branch', a.branchId)
    const day = kind === 'lesson' ? lessonDay(a.params) : null
    if (day) q.set('date', day)
    const qs = q.toString()
    link = { href: qs ? `/timetable?${qs}` : '/timetable', label: 'alertPanel.open.timetable' }
  } else if (kind === 'waiting' && id && groupOf(a.params)) {
    // a freed place offered: the group's waiting list, that entry marked
    link = {
      href: `/groups/${encodeURIComponent(groupOf(a.params) ?? '')}?waiting=${encodeURIComponent(id)}`,
      label: 'setup.alert.openWaitingList',
    }
  } else if (a.subject === 'backups') link = { href: '/backups', label: 'alertPanel.open.backups' }
  if (!link) return null
  return resolveRoute(link.href.split('?')[0], roles) ? link : null
}
