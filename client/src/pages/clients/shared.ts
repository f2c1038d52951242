import { css, html, nothing } from 'lit'
import { flagLabel, statusLabel } from '../../data/clients'

/** Styles shared by the Clients pages: status chips and red-flag badges. */
export const clientStyles = css`
  .status {
    display: inline-block;
    padding: 1px 9px;
    border-radius: 999px;
    font-size: 0.8125rem;
    font-weight: 500;
    border: 1px solid var(--crm-border);
    background: var(--crm-surface-2);
    white-space: nowrap;
  }
  .status.lead {
    background: #eef2ff;
    border-color: #c7d2fe;
    color: #3730a3;
  }
  .status.trial {
    background: var(--crm-warning-soft);
    border-color: #f0d68a;
    color: var(--crm-warning);
  }
  .status.active {
    background: var(--crm-success-soft);
    border-color: #bfe3c9;
    color: var(--crm-success);
  }
  .status.paused {
    background: var(--crm-surface-2);
    color: var(--crm-muted);
  }
  .status.left {
    background: var(--crm-surface-2);
    color: var(--crm-muted);
    text-decoration: line-through;
    text-decoration-color: rgb(94 107 104 / 50%);
  }
  .flags {
    display: inline-flex;
    gap: 4px;
    flex-wrap: wrap;
  }
  .badge {
    display: inline-flex;
    align-items: center;
    gap: 4px;
    padding: 1px 8px;
    border-radius: 6px;
    font-size: 0.75rem;
    font-weight: 600;
    white-space: nowrap;
    border: 1px solid transparent;
  }
  .badge.red {
    background: var(--crm-danger);
    color: #fff;
  }
  .badge.allergy {
    background: #fff1e6;
    border-color: #f4b183;
    color: #9a3412;
  }
  .badge.other {
    background: var(--crm-danger-soft);
    border-color: #f5c2bd;
    color: var(--crm-danger);
  }
`

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
