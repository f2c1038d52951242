/**
 * The Clients pages' words and formats in the language shown now: the shared vocabulary
 * (statuses, leave reasons, lead sources, record kinds, flags, age categories) through typed maps
 * from each value to its catalogue id, ages by plural rules, and days, dates and times through
 * domain/i18n/format.ts in the current language and the client's branch's time zone. Call these
 * while rendering a component that holds a LocaleController.
 */
import type { MessageId } from '../../../../domain/i18n/catalogue'
import { formatDate, formatDay, formatNumber } from '../../../../domain/i18n/format'
import { DEFAULT_AGE_CATEGORIES } from '../../../../domain/clients/rules'
import { formatDateTime, formatWhen, localTimeZone } from '../../common/dates'
import { fetchBranches } from '../../data/branches'
import type { ClientStatus, LeadSource, LeaveReason, RecordKind } from '../../data/clients'
import { currentLocale, t } from '../../i18n/locale'

const STATUS: Record<ClientStatus, MessageId> = {
  lead: 'clients.status.lead',
  trial: 'clients.status.trial',
  active: 'clients.status.active',
  paused: 'clients.status.paused',
  left: 'clients.status.left',
}
const LEAVE_REASON: Record<LeaveReason, MessageId> = {
  moved: 'clients.leaveReason.moved',
  price: 'clients.leaveReason.price',
  schedule: 'clients.leaveReason.schedule',
  lost_interest: 'clients.leaveReason.lost_interest',
  health: 'clients.leaveReason.health',
  unhappy: 'clients.leaveReason.unhappy',
  teacher_conflict: 'clients.leaveReason.teacher_conflict',
  other: 'clients.leaveReason.other',
}
const LEAD_SOURCE: Record<LeadSource, MessageId> = {
  referral: 'clients.source.referral',
  walk_in: 'clients.source.walk_in',
  website: 'clients.source.website',
  social: 'clients.source.social',
  search: 'clients.source.search',
  school: 'clients.source.school',
  event: 'clients.source.event',
  returning: 'clients.source.returning',
  other: 'clients.source.other',
}
const RECORD_KIND: Record<RecordKind, MessageId> = {
  achievement: 'clients.recordKind.achievement',
  award: 'clients.recordKind.award',
  penalty: 'clients.recordKind.penalty',
  certificate: 'clients.recordKind.certificate',
  diploma: 'clients.recordKind.diploma',
}
/** The flags the server sets on a client (server/modules/clients/file-projection.ts). */
const FLAG: Record<'file_incomplete' | 'allergy', MessageId> = {
  file_incomplete: 'clients.flag.file_incomplete',
  allergy: 'clients.flag.allergy',
}
/** The default age categories (domain/clients/rules.ts DEFAULT_AGE_CATEGORIES), by key. */
const AGE_CATEGORY: Record<string, MessageId> = {
  preschool: 'clients.ageCategory.preschool',
  junior: 'clients.ageCategory.junior',
  middle: 'clients.ageCategory.middle',
  teen: 'clients.ageCategory.teen',
  adult: 'clients.ageCategory.adult',
}

export const FITNESS_LEVELS = ['low', 'average', 'good', 'athletic'] as const
const FITNESS: Record<(typeof FITNESS_LEVELS)[number], MessageId> = {
  low: 'clients.fitness.low',
  average: 'clients.fitness.average',
  good: 'clients.fitness.good',
  athletic: 'clients.fitness.athletic',
}
export const fitnessLabel = (level: (typeof FITNESS_LEVELS)[number]) => t(FITNESS[level])

/** Suggestions for a guardian's relation (free text: what is typed is stored as typed). */
const RELATIONS: MessageId[] = [
  'clients.relation.mother',
  'clients.relation.father',
  'clients.relation.grandmother',
  'clients.relation.grandfather',
  'clients.relation.aunt',
  'clients.relation.uncle',
  'clients.relation.legalGuardian',
  'clients.relation.other',
]
export const relationSuggestions = () => RELATIONS.map((id) => t(id))

const label = <K extends string>(map: Record<K, MessageId>, value: string): string =>
  Object.hasOwn(map, value) ? t(map[value as K]) : value

export const statusLabel = (s: string) => label(STATUS, s)
export const leaveReasonLabel = (s: string) => label(LEAVE_REASON, s)
export const leadSourceLabel = (s: string) => label(LEAD_SOURCE, s)
export const recordKindLabel = (s: string) => label(RECORD_KIND, s)
/** A flag's name (an unknown flag as its words: "needs_review" → "needs review"). */
export const flagLabel = (f: string) => (Object.hasOwn(FLAG, f) ? t(FLAG[f as keyof typeof FLAG]) : f.replace(/_/g, ' '))

/**
 * An age category's name: a default category the center kept as it was in the reader's language,
 * a category the center named itself as named.
 */
export function ageCategoryLabel(c: { key: string; label: string }): string {
  const known = DEFAULT_AGE_CATEGORIES.find((d) => d.key === c.key)
  return known && known.label === c.label && Object.hasOwn(AGE_CATEGORY, c.key) ? t(AGE_CATEGORY[c.key]) : c.label
}
/** The same from the label alone (the list's rows carry the category's label). */
export function ageCategoryLabelOf(label: string): string {
  const known = DEFAULT_AGE_CATEGORIES.find((d) => d.label === label)
  return known ? ageCategoryLabel(known) : label
}

/** "9 years" / "9 лет" / "9 տարեկան"; "" without an age. */
export const ageText = (age: number | null) => (age === null ? '' : t('clients.age', { age }))

/** A number in the language shown. */
export const num = (n: number) => formatNumber(n, currentLocale())

/** A calendar day (YYYY-MM-DD: a birth date, a record's date), no time zone shift. */
export function dayText(d: string | null): string {
  if (!d || !/^\d{4}-\d{2}-\d{2}$/.test(d)) return d ?? ''
  return formatDay(d, currentLocale())
}

// ——— Points in time, in the branch's time zone ———

let zones: Map<string, string> | null = null
let loading: Promise<void> | null = null

/** Loads the branches' time zones once (a failure leaves the browser's zone). */
export function loadZones(): Promise<void> {
  loading ??= fetchBranches()
    .then((bs) => {
      zones = new Map(bs.map((b) => [b.id, b.timezone]))
    })
    .catch(() => {
      loading = null
    })
  return loading
}

/** The time zone of a client's branch (the only branch's, or the browser's, when unknown). */
export function zoneOf(branchId: string | null | undefined): string {
  if (!zones) return localTimeZone()
  const own = branchId ? zones.get(branchId) : undefined
  if (own) return own
  const all = new Set(zones.values())
  return all.size === 1 ? [...all][0] : localTimeZone()
}

/** Date and 24-hour time. */
export const dateTimeText = (iso: string | Date, zone: string) => formatDateTime(iso, zone)
/** A date only. */
export const dateText = (iso: string | Date, zone: string) =>
  formatDate(typeof iso === 'string' ? new Date(iso) : iso, currentLocale(), zone)

/** "14:05" for today (in the branch's zone), else the date and time. */
export const whenText = (iso: string, zone: string, now: Date = new Date()) => formatWhen(iso, now, zone)

/** The parts of a list ("A, B and C") in the language shown, for lists of links. */
export function listParts(items: readonly string[]): Array<{ type: 'element' | 'literal'; value: string }> {
  return new Intl.ListFormat(currentLocale(), { type: 'conjunction' }).formatToParts(items)
}
