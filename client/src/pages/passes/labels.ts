import { formatMoney, formatNumber, type Currency } from '../../../../domain/i18n/format'
import type { MessageId } from '../../../../domain/i18n/catalogue'
import { currentCenter } from '../../data/auth'
import type { Pass, PaymentMethod, Tone } from '../../data/passes'
import { PASS_FLAG_ROLES } from '../../data/passes'
import { currentLocale, t } from '../../i18n/locale'

/** The center's currency (AMD when the server did not say). */
export const currency = (): Currency => currentCenter()?.currency ?? 'AMD'

/** Minor units as money in the center's currency and the language shown. */
export const money = (minor: number | null | undefined): string =>
  formatMoney(Math.round(minor ?? 0), currency(), currentLocale())

export const count = (n: number) => formatNumber(n, currentLocale())

/** Today (`YYYY-MM-DD`) in a time zone. */
export function todayIn(timeZone: string, now = new Date()): string {
  const p = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(now)
  const get = (type: string) => p.find((x) => x.type === type)?.value ?? ''
  return `${get('year')}-${get('month')}-${get('day')}`
}

/** A day `YYYY-MM-DD` plus n days. */
export function plusDays(day: string, n: number): string {
  const d = new Date(`${day}T12:00:00Z`)
  d.setUTCDate(d.getUTCDate() + n)
  return d.toISOString().slice(0, 10)
}

const METHOD: Record<string, MessageId> = {
  cash: 'passes.screens.method.cash',
  card: 'passes.screens.method.card',
  transfer: 'passes.screens.method.transfer',
  credit: 'passes.screens.method.credit',
}
export const methodLabel = (m: PaymentMethod | string) => (Object.hasOwn(METHOD, m) ? t(METHOD[m]) : m)

const FLAG: Record<string, MessageId> = {
  pass_running_out: 'passes.screens.flag.runningOut',
  pass_used_up: 'passes.screens.flag.usedUp',
  pass_expired: 'passes.screens.flag.expired',
  visit_owed: 'passes.screens.flag.visitOwed',
  debt: 'passes.screens.flag.debt',
  invoice_overdue: 'passes.screens.flag.overdue',
}
export const flagLabel = (kind: string) => (Object.hasOwn(FLAG, kind) ? t(FLAG[kind]) : kind)

const STATUS: Record<string, MessageId> = {
  active: 'passes.screens.status.active',
  frozen: 'passes.screens.status.frozen',
  used_up: 'passes.screens.status.usedUp',
  expired: 'passes.screens.status.expired',
  ended: 'passes.screens.status.ended',
  running_out: 'passes.screens.status.runningOut',
  not_started: 'passes.screens.status.notStarted',
}
export const passStatusLabel = (s: string) => (Object.hasOwn(STATUS, s) ? t(STATUS[s]) : s)

/** "3 of 8 left" / "unlimited". */
export const sessionsText = (p: Pass) =>
  p.sessionsLeft === null
    ? t('passes.screens.pass.unlimited')
    : p.sessionsTotal !== null && p.sessionsTotal !== undefined
      ? t('passes.screens.pass.leftOf', { left: p.sessionsLeft, total: p.sessionsTotal })
      : t('passes.screens.pass.left', { left: p.sessionsLeft })

/** The words for a tone (beside the colour, never colour alone). */
export const toneLabel = (tone: Tone) =>
  tone === 'red' ? t('passes.screens.tone.red') : tone === 'amber' ? t('passes.screens.tone.amber') : ''

/** Does this user receive the pass flags (else a pass is coloured from its state)? */
export const getsPassFlags = (roles: readonly string[]) => roles.some((r) => (PASS_FLAG_ROLES as readonly string[]).includes(r))

const VISIT_SOURCE: Record<string, MessageId> = {
  lesson: 'passes.screens.visit.lesson',
  absence: 'passes.screens.visit.absence',
  check_in: 'passes.screens.visit.checkIn',
  make_up: 'passes.screens.visit.makeUp',
}
export const visitSourceLabel = (s: string) => (Object.hasOwn(VISIT_SOURCE, s) ? t(VISIT_SOURCE[s]) : s)

/** Who may do what in the area (mirrors server/modules/passes/policies.ts; the server decides). */
export function passAbilities(roles: readonly string[]) {
  const any = (...rs: string[]) => roles.some((r) => rs.includes(r))
  return {
    read: any('owner', 'manager', 'receptionist', 'accountant', 'auditor'),
    sell: any('owner', 'manager', 'receptionist'),
    pay: any('owner', 'manager', 'receptionist', 'accountant'),
    refund: any('owner', 'manager', 'accountant'),
    checkIn: any('owner', 'manager', 'receptionist'),
    freeze: any('owner', 'manager', 'receptionist'),
    managePlans: any('owner', 'manager'),
    cashDesk: any('owner', 'manager', 'receptionist', 'accountant', 'auditor'),
    closeDay: any('owner', 'manager', 'accountant'),
    debtors: any('owner', 'manager', 'accountant', 'auditor'),
    exportDebtors: any('owner', 'manager', 'accountant'),
    taxReport: any('owner', 'manager', 'accountant', 'auditor'),
  }
}
export type PassAbilities = ReturnType<typeof passAbilities>
