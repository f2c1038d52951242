import { css } from 'lit'

/** crm-loans-page: the toolbar and table come from setup-list.styles. */
export const loansPageStyles = css`
  .toolbar select {
    min-width: 160px;
  }
`

/** The loans table's cells (inside crm-data-table's shadow root). */
export const loansCellStyles = css`
  .status {
    display: inline-block;
    padding: 2px 8px;
    border-radius: 10px;
    font-size: 0.8125rem;
    font-weight: 600;
    background: var(--crm-surface-2);
  }
  .status.overdue {
    background: var(--crm-danger-soft);
    color: var(--crm-danger);
  }
  .status.returned {
    color: var(--crm-muted);
    font-weight: 400;
  }
  .row.overdue .due,
  tr.overdue .due {
    color: var(--crm-danger);
    font-weight: 600;
  }
  .row.overdue,
  tr.overdue {
    box-shadow: inset 3px 0 0 var(--crm-danger);
  }
  .num {
    font-variant-numeric: tabular-nums;
  }
  .in {
    color: var(--crm-success);
  }
  .out {
    color: var(--crm-danger);
  }
`
