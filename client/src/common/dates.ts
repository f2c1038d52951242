/** Date and time formatting in the browser's locale. */

const dateLong = new Intl.DateTimeFormat(undefined, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' })
const dateTime = new Intl.DateTimeFormat(undefined, {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
})
const timeShort = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' })

/** "Tuesday, 3 March 2026" */
export const formatLongDate = (d: Date) => dateLong.format(d)
/** "3 Mar 2026, 14:05:09" */
export const formatDateTime = (iso: string | Date) => dateTime.format(typeof iso === 'string' ? new Date(iso) : iso)

/** "14:05" for today, else the date and time. */
export function formatWhen(iso: string, now: Date = new Date()): string {
  const d = new Date(iso)
  return d.toDateString() === now.toDateString() ? timeShort.format(d) : formatDateTime(d)
}

/** "Good morning" / "Good afternoon" / "Good evening" for the hour ("Hello" in the small hours). */
export function greeting(d: Date = new Date()): string {
  const h = d.getHours()
  return h < 5 ? 'Hello' : h < 12 ? 'Good morning' : h < 18 ? 'Good afternoon' : 'Good evening'
}

/** datetime-local value ("2026-03-03T09:30") → ISO with offset, or undefined. */
export function localToIso(v: string): string | undefined {
  if (!v) return undefined
  const d = new Date(v)
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString()
}

/** ISO → datetime-local value in the browser's zone. */
export function isoToLocal(iso: string | null): string {
  if (!iso) return ''
  const d = new Date(iso)
  if (Number.isNaN(d.getTime())) return ''
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`
}
