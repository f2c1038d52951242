import type { Locale } from './locales'

/**
 * Dates and times as people type them, in their language's numeric order: "03.12.2026" in
 * Armenian and Russian, "03/12/2026" in English (the centers' English is British: day first),
 * "14:05" everywhere. The browser's own date and time fields follow the machine's language instead
 * (an Armenian receptionist on an American laptop would get "12/03/2026" and "2:05 PM"), so the
 * forms use text fields with these rules and keep ISO values ("2026-12-03", "14:05") inside.
 */

/** How a language writes a date in figures: the separator (the order is day, month, year in all three). */
const SEPARATOR: Record<Locale, string> = { hy: '.', ru: '.', en: '/' }

const pad = (n: number) => String(n).padStart(2, '0')

/** Is this "YYYY-MM-DD" a day of the calendar (no 31 April, 29 February only in leap years)? */
export function isRealDay(iso: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso)
  if (!m) return false
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])]
  if (y < 1 || mo < 1 || mo > 12 || d < 1) return false
  return d <= new Date(Date.UTC(y, mo, 0)).getUTCDate()
}

/** "2026-12-03" → "03.12.2026" / "03/12/2026"; anything else (an empty or half-typed value) unchanged. */
export function formatDateEntry(iso: string | null | undefined, locale: Locale): string {
  if (!iso) return ''
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso)
  if (!m) return iso
  const sep = SEPARATOR[locale]
  return `${m[3]}${sep}${m[2]}${sep}${m[1]}`
}

/**
 * What someone typed as a date → "YYYY-MM-DD", or null when it is not a day of the calendar.
 * Day, month and year in that order, separated by a dot, slash, dash or space ("3.12.2026",
 * "03/12/26", "3 12 2026"), or eight figures in a row ("03122026"); an ISO date ("2026-12-03") is
 * understood in every language. A two-figure year is the nearest one: up to ten years ahead of
 * `today`'s year, else in the century before ("26" → 2026, "98" → 1998).
 */
export function parseDateEntry(text: string, today: Date = new Date()): string | null {
  const s = text.trim()
  if (!s) return null
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s)
  const parts = iso
    ? [iso[3], iso[2], iso[1]]
    : /^\d{8}$/.test(s)
      ? [s.slice(0, 2), s.slice(2, 4), s.slice(4)]
      : s.split(/\s*[./\-\s]\s*/)
  if (parts.length !== 3 || !parts.every((p) => /^\d+$/.test(p))) return null
  const [d, m, yText] = parts
  if (d.length > 2 || m.length > 2 || (yText.length !== 2 && yText.length !== 4)) return null
  let y = Number(yText)
  if (yText.length === 2) {
    const now = today.getFullYear()
    y += Math.floor(now / 100) * 100
    if (y > now + 10) y -= 100
  }
  const out = `${String(y).padStart(4, '0')}-${pad(Number(m))}-${pad(Number(d))}`
  return isRealDay(out) ? out : null
}

/** "14:05" → "14:05": the 24-hour time people read in all three languages. */
export const formatTimeEntry = (hhmm: string | null | undefined): string => hhmm ?? ''

/**
 * What someone typed as a time → "HH:MM" (24-hour), or null: "14:05", "14.05", "9:5", "1405",
 * "905", or an hour alone ("9" → "09:00").
 */
export function parseTimeEntry(text: string): string | null {
  const s = text.trim()
  if (!s) return null
  let h: number
  let min: number
  const sep = /^(\d{1,2})\s*[:.\s]\s*(\d{1,2})$/.exec(s)
  if (sep) [h, min] = [Number(sep[1]), Number(sep[2])]
  else if (/^\d{1,2}$/.test(s)) [h, min] = [Number(s), 0]
  else if (/^\d{3,4}$/.test(s)) [h, min] = [Number(s.slice(0, -2)), Number(s.slice(-2))]
  else return null
  return h <= 23 && min <= 59 ? `${pad(h)}:${pad(min)}` : null
}
