import { css } from 'lit'

/** crm-sales-page: the till (scan, buyer, the sale and its totals, or the receipt) and the day's sales. */
export const salesPageStyles = css`
  .till {
    display: grid;
    grid-template-columns: minmax(260px, 1fr) minmax(0, 2fr);
    gap: 16px;
    align-items: start;
  }
  @media (max-width: 860px) {
    .till {
      grid-template-columns: 1fr;
    }
  }
  .card {
    padding: 16px 18px;
    margin-bottom: 16px;
  }
  .store {
    min-width: 220px;
  }
  ul.results {
    list-style: none;
    margin: 8px 0 0;
    padding: 0;
  }
  ul.results li button {
    width: 100%;
    text-align: start;
    border: none;
    border-radius: var(--crm-radius);
    background: none;
    padding: 8px 10px;
    display: flex;
    gap: 8px;
    align-items: baseline;
    justify-content: space-between;
  }
  ul.results li button:hover,
  ul.results li button:focus-visible {
    background: var(--crm-primary-soft);
  }
  .sub {
    color: var(--crm-muted);
    font-size: 0.85em;
  }
  table.lines {
    width: 100%;
    border-collapse: collapse;
  }
  table.lines th,
  table.lines td {
    padding: 6px 8px;
    border-bottom: 1px solid var(--crm-border);
    text-align: start;
    vertical-align: middle;
  }
  table.lines .num {
    text-align: end;
    white-space: nowrap;
    font-variant-numeric: tabular-nums;
  }
  table.lines input[type='number'] {
    width: 5.5em;
  }
  .totals {
    display: grid;
    grid-template-columns: auto auto;
    justify-content: end;
    gap: 4px 24px;
    margin: 12px 0;
    font-variant-numeric: tabular-nums;
  }
  .totals .num {
    text-align: end;
  }
  .totals .grand {
    font-weight: 700;
    font-size: 1.15em;
  }
  .pay {
    display: flex;
    gap: 12px;
    align-items: flex-end;
    flex-wrap: wrap;
    justify-content: flex-end;
  }
  .buyer {
    display: flex;
    gap: 8px;
    align-items: center;
    justify-content: space-between;
    flex-wrap: wrap;
  }
  .actions {
    display: flex;
    gap: 8px;
    flex-wrap: wrap;
    margin-top: 12px;
  }
  .returns {
    margin-top: 12px;
  }
  h2 {
    margin-bottom: 8px;
  }
  dl.day-totals {
    display: flex;
    flex-wrap: wrap;
    justify-content: flex-end;
    gap: 8px 24px;
    margin: 12px 0 0;
    font-variant-numeric: tabular-nums;
  }
  dl.day-totals div {
    display: flex;
    gap: 8px;
  }
  dl.day-totals dt {
    color: var(--crm-muted);
  }
  dl.day-totals dd {
    margin: 0;
  }
  dl.day-totals .grand dt,
  dl.day-totals .grand dd {
    color: inherit;
    font-weight: 700;
  }
`

/** The day's sales table's cells. */
export const salesCellStyles = css`
  .num {
    text-align: end;
    white-space: nowrap;
    font-variant-numeric: tabular-nums;
  }
`
