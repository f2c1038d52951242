import { html, nothing } from 'lit'
import { flagLabel, statusLabel } from '../../data/clients'

/** A client's status as a coloured chip (styles: `clientStyles` in shared.styles.ts). */
export const statusChip = (status: string) => html`<span class="status ${status}">${statusLabel(status)}</span>`

/** Red badge for an incomplete file, an allergy badge, and any other flag as a soft red badge. */
export function flagBadges(flags: readonly string[]) {
  if (!flags.length) return nothing
  return html`<span class="flags"
    >${flags.map((f) => {
      const cls = f === 'file_incomplete' ? 'red' : f === 'allergy' ? 'allergy' : 'other'
      return html`<span class="badge ${cls}" data-flag=${f}>${f === 'file_incomplete' ? '⚑ ' : ''}${flagLabel(f)}</span>`
    })}</span
  >`
}

/** "9 years", "1 year", "" */
export const ageText = (age: number | null) => (age === null ? '' : `${age} ${age === 1 ? 'year' : 'years'}`)

/** "12 Apr 2017" from YYYY-MM-DD (no time zone shift). */
export function formatDay(d: string | null): string {
  if (!d || !/^\d{4}-\d{2}-\d{2}$/.test(d)) return d ?? ''
  const [y, m, day] = d.split('-').map(Number)
  return new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(Date.UTC(y, m - 1, day)),
  )
}
