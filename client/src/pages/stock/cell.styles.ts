import { css } from 'lit'

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
