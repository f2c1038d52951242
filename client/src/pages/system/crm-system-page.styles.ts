import { css } from 'lit'

/** crm-system-page: a row of facts (version, database, last backup), then the instances and the errors. */
export const systemPageStyles = css`
  .facts {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(220px, 1fr));
    gap: 12px;
    margin-bottom: 20px;
  }
  .fact {
    padding: 14px 16px;
    min-width: 0;
  }
  .fact h2,
  section h2 {
    font-size: 0.8125rem;
    font-weight: 600;
    text-transform: uppercase;
    letter-spacing: 0.03em;
    color: var(--crm-muted);
    margin: 0 0 6px;
  }
  .fact .value {
    font-size: 1.25rem;
    font-weight: 600;
    overflow-wrap: anywhere;
  }
  .fact .detail {
    color: var(--crm-muted);
    font-size: 0.875rem;
    margin-top: 2px;
    overflow-wrap: anywhere;
  }
  section {
    margin-bottom: 20px;
  }
  section .lead {
    color: var(--crm-muted);
    font-size: 0.875rem;
    margin: -2px 0 8px;
  }
  .alert {
    margin-bottom: 14px;
  }
`

/** The cells of the two tables (they render inside crm-data-table). */
export const systemCellStyles = css`
  td.when {
    white-space: nowrap;
    font-variant-numeric: tabular-nums;
    color: var(--crm-muted);
    font-size: 0.875rem;
  }
  code {
    font-size: 0.8125rem;
  }
  .chip {
    margin-left: 6px;
  }
  .detail {
    display: block;
    color: var(--crm-muted);
    font-size: 0.8125rem;
    overflow-wrap: anywhere;
  }
  td.message {
    font-family: ui-monospace, monospace;
    font-size: 0.8125rem;
    overflow-wrap: anywhere;
  }
`
