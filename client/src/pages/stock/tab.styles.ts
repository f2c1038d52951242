import { css } from 'lit'

/** The stock tabs: a toolbar over a table or a card; red for stock at or below its reorder point. */
export const stockTabStyles = css`
  :host {
    display: flex;
    flex-direction: column;
    gap: 16px;
  }
  .card {
    padding: 16px 18px;
  }
  .toolbar {
    display: flex;
    gap: 12px;
    align-items: flex-end;
    flex-wrap: wrap;
  }
  .toolbar .field {
    margin: 0;
  }
  .toolbar .spacer {
    flex: 1;
  }
  .toolbar .grow {
    flex: 1 1 260px;
    max-width: 420px;
  }
  h2 {
    margin-bottom: 10px;
  }
`

/** What the stock tables' cells render (added to crm-data-table's styles). */
export const stockCellStyles = css`
  .muted {
    color: var(--crm-muted);
    font-size: 0.85rem;
  }
  .amount,
  .qty {
    font-variant-numeric: tabular-nums;
    white-space: nowrap;
  }
  .chip {
    display: inline-block;
    padding: 1px 8px;
    border-radius: 6px;
    font-size: 0.75rem;
    font-weight: 600;
    white-space: nowrap;
    border: 1px solid var(--crm-border);
    background: var(--crm-surface-2);
  }
  .chip.posted {
    background: var(--crm-success-soft, #e6f4ea);
    border-color: var(--crm-success);
    color: var(--crm-success);
  }
  .chip.draft {
    background: var(--crm-warning-soft);
    border-color: #f0d68a;
    color: var(--crm-warning);
  }
  .low {
    color: var(--crm-danger);
    font-weight: 700;
  }
  .stock-cell {
    display: inline-flex;
    gap: 4px;
    align-items: baseline;
    white-space: nowrap;
  }
  .stock-cell.low::before {
    content: '';
    display: inline-block;
    width: 8px;
    height: 8px;
    border-radius: 50%;
    background: var(--crm-danger);
  }
  button.small {
    padding: 3px 10px;
    font-size: 0.85rem;
  }
  a {
    color: var(--crm-primary);
  }
`
