import { html } from 'lit'
import { areaWords, lineSentence, plainLines, type PlainFormat, type PlainLine } from '../../../../domain/audit/plain-change'
import { dateInput, timeInput } from '../../components/date-input'
import { currentCenter } from '../../data/auth'
import type { AuditChange } from '../../data/audit'
import { currentLocale, t } from '../../i18n/locale'

/** The words of the Audit screens: areas, kinds, a change's lines (domain/audit/plain-change). */

/** The plain-words format for the language shown, in `timeZone`. */
export function plainFormat(timeZone: string): PlainFormat {
  return {
    t: (id, params) => t(id, params),
    locale: currentLocale(),
    timeZone,
    currency: currentCenter()?.currency ?? 'AMD',
  }
}

/** An area's name in the language shown (its code when the catalogue has none: a newer server). */
export const areaName = (area: string): string => areaWords(area, plainFormat('UTC'))

/** A change's lines in words. */
export const changeLines = (item: AuditChange, f: PlainFormat): PlainLine[] => plainLines(item, f)

/** A change's lines as sentences ("teacher: Anna → Karen"). */
export const changeSentences = (item: AuditChange, f: PlainFormat): string[] => plainLines(item, f).map((l) => lineSentence(l, f))

/**
 * A moment typed in the language's order (components/date-input.ts): a date field and a 24-hour
 * time field side by side, posted as `<name>Date` (YYYY-MM-DD) and `<name>Time` (HH:MM).
 * `local` is the datetime value shown ("2026-11-03T09:30", '' for none).
 */
export function momentFields(id: string, label: string, local: string) {
  const [date = '', time = ''] = local ? local.split('T') : []
  return html`<div class="field moment">
    <label for=${id}>${label}</label>
    <label class="visually-hidden" for=${`${id}-time`}>${t('audit.filters.time', { label })}</label>
    <span class="moment-inputs">
      ${dateInput({ id, name: `${id}Date`, value: date, onChange: () => {} })}
      ${timeInput({ id: `${id}-time`, name: `${id}Time`, value: time, onChange: () => {} })}
    </span>
  </div>`
}

/**
 * The moment a form's `momentFields(id)` hold, as a datetime value ("2026-11-03T09:30"); a date
 * without a time is its start, or with `endOfDay` the start of the next day; null when no date.
 */
export function momentOf(data: FormData, id: string, endOfDay = false): string | null {
  const date = String(data.get(`${id}Date`) ?? '').trim()
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return null
  const time = String(data.get(`${id}Time`) ?? '').trim()
  if (/^\d{2}:\d{2}$/.test(time)) return `${date}T${time}`
  if (!endOfDay) return `${date}T00:00`
  const next = new Date(`${date}T12:00:00Z`)
  next.setUTCDate(next.getUTCDate() + 1)
  return `${next.toISOString().slice(0, 10)}T00:00`
}
