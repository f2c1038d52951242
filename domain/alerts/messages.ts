import { isMessageId, type MessageId, type MessageParams } from '../i18n/catalogue'
import { formatDate, formatList, formatTime, formatWeekday } from '../i18n/format'
import { LOCALES, type Locale } from '../i18n/locales'
import { translatorFor } from '../i18n/translator'

/**
 * An alert's message as stored (`alerts.message_id` + `alerts.params`): a kind and its parameters,
 * never the rendered text, so that each reader gets it in their own language. Besides text and
 * numbers, a parameter may be a value only the reader's language can format:
 * - `{ span: [startIso, endIso], timeZone }`: a lesson's time as its branch reads it;
 * - `{ at: iso, timeZone }`: a point in time;
 * - `{ list: [...] }`: names joined by the language's rules ("A, B and C" / "A, B и C");
 * - `{ messages: [{ id, params }] }`: catalogue messages, rendered and joined as a list (with
 *   `separate`, by semicolons: sentences such as a form's problems).
 */
export type AlertParam =
  | string
  | number
  | null
  | { span: [string, string]; timeZone: string }
  | { at: string; timeZone: string }
  | { list: string[] }
  | { messages: Array<{ id: MessageId; params?: MessageParams }>; separate?: boolean }

export type AlertParams = Record<string, AlertParam>

export interface AlertMessage {
  id: MessageId
  params?: AlertParams
}

/** An old alert whose text is all we know (rows from before messages were stored as kind + parameters). */
export const legacyAlertMessage = (text: string): AlertMessage => ({ id: 'alerts.legacy', params: { text } })

/** (the language's list, also where the browser has no Armenian data) */
const joinList = (items: string[], locale: Locale): string => formatList(items, locale)

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)
const validDate = (iso: unknown): Date | null => {
  if (typeof iso !== 'string') return null
  const d = new Date(iso)
  return Number.isNaN(d.getTime()) ? null : d
}
const zone = (tz: unknown): string => (typeof tz === 'string' && tz ? tz : 'UTC')

/** One parameter in the reader's language (stored JSON is read defensively: a row may be old or odd). */
function renderParam(value: unknown, locale: Locale): string | number | null {
  if (value === null || value === undefined) return null
  if (typeof value === 'string' || typeof value === 'number') return value
  if (!isObject(value)) return JSON.stringify(value)
  if (Array.isArray(value.span)) {
    const [s, e] = value.span.map(validDate)
    if (!s || !e) return ''
    const tz = zone(value.timeZone)
    return `${formatWeekday(s, locale, tz, 'short')} ${formatDate(s, locale, tz)} ${formatTime(s, locale, tz)}–${formatTime(e, locale, tz)}`
  }
  if ('at' in value) {
    const at = validDate(value.at)
    if (!at) return ''
    const tz = zone(value.timeZone)
    return `${formatDate(at, locale, tz)} ${formatTime(at, locale, tz)}`
  }
  if (Array.isArray(value.list)) return joinList(value.list.map(String), locale)
  if (Array.isArray(value.messages)) {
    const t = translatorFor(locale)
    const texts = value.messages.flatMap((m: unknown) =>
      isObject(m) && isMessageId(m.id) ? [t.t(m.id, isObject(m.params) ? (m.params as MessageParams) : undefined)] : [],
    )
    return value.separate === true ? texts.join('; ') : joinList(texts, locale)
  }
  return JSON.stringify(value)
}

/**
 * A stored alert message in the reader's language. An id the catalogue no longer knows falls back
 * to the English text stored beside it (`fallback`).
 */
export function renderAlertMessage(locale: Locale, id: string, params: unknown, fallback = ''): string {
  if (!isMessageId(id)) return fallback
  const rendered: MessageParams = {}
  if (isObject(params)) for (const [k, v] of Object.entries(params)) rendered[k] = renderParam(v, locale)
  try {
    return translatorFor(locale).t(id, rendered)
  } catch {
    // a parameter the message needs is missing (a row older than its message): what was stored
    return fallback
  }
}

/** The message in every language (the live feed sends each recipient theirs). */
export function renderAlertMessages(id: string, params: unknown, fallback = ''): Record<Locale, string> {
  return Object.fromEntries(LOCALES.map((l) => [l, renderAlertMessage(l, id, params, fallback)])) as Record<Locale, string>
}
