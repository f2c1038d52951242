import { css } from 'lit'

/** The colours of a pass or a client in the passes area: red (used up, expired, owed), amber (running out, debt). */
export const toneStyles = css`
  .tone {
    display: inline-flex;
    align-items: center;
    gap: 4px;
    padding: 1px 8px;
    border-radius: 6px;
    font-size: 0.75rem;
    font-weight: 600;
    white-space: nowrap;
    border: 1px solid var(--crm-border);
    background: var(--crm-surface-2);
  }
  .tone.red {
    background: var(--crm-danger);
    border-color: var(--crm-danger);
    color: #fff;
  }
  .tone.amber {
    background: var(--crm-warning-soft);
    border-color: #f0d68a;
    color: var(--crm-warning);
  }
  .pass {
    border: 1px solid var(--crm-border);
    border-left: 6px solid var(--crm-success);
    border-radius: var(--crm-radius);
    padding: 10px 12px;
    background: var(--crm-surface);
  }
  .pass[data-tone='red'] {
    border-left-color: var(--crm-danger);
    background: var(--crm-danger-soft);
  }
  .pass[data-tone='amber'] {
    border-left-color: #d4a106;
    background: var(--crm-warning-soft);
  }
  .pass[data-status='ended'] {
    border-left-color: var(--crm-border);
    opacity: 0.8;
  }
  .pass-head {
    display: flex;
    gap: 8px;
    align-items: baseline;
    flex-wrap: wrap;
  }
  .pass-head strong {
    font-size: 1rem;
  }
  .pass-facts {
    display: flex;
    gap: 4px 16px;
    flex-wrap: wrap;
    font-size: 0.875rem;
    margin-top: 4px;
  }
  .pass-actions {
    display: flex;
    gap: 6px;
    flex-wrap: wrap;
    margin-top: 8px;
  }
  .amount {
    font-variant-numeric: tabular-nums;
    white-space: nowrap;
  }
  .debt {
    color: var(--crm-danger);
    font-weight: 600;
  }
  .figures {
    display: flex;
    gap: 12px;
    flex-wrap: wrap;
  }
  .figure {
    border: 1px solid var(--crm-border);
    border-radius: var(--crm-radius);
    padding: 8px 14px;
    min-width: 140px;
    background: var(--crm-surface);
  }
  .figure .label {
    display: block;
    font-size: 0.8125rem;
    color: var(--crm-muted);
  }
  .figure .value {
    display: block;
    font-size: 1.25rem;
    font-weight: 600;
    font-variant-numeric: tabular-nums;
  }
  .figure.red .value {
    color: var(--crm-danger);
  }
`

/** crm-data-table cells of the area. */
export const passCellStyles = css`
  .num,
  .amount {
    font-variant-numeric: tabular-nums;
    white-space: nowrap;
  }
  .debt {
    color: var(--crm-danger);
    font-weight: 600;
  }
  .muted {
    color: var(--crm-muted);
  }
  a {
    color: var(--crm-primary);
  }
`
