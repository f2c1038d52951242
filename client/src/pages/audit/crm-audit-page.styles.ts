import { css } from 'lit'

/** crm-audit-page: the filter bar above the log. */
export const auditPageStyles = css`
  form.filters {
    display: flex;
    flex-wrap: wrap;
    align-items: flex-end;
    gap: 12px;
    padding: 14px 16px;
    margin-bottom: 16px;
  }
  form.filters .field {
    margin: 0;
    min-width: 170px;
    flex: 1 1 170px;
  }
  form.filters .buttons {
    display: flex;
    gap: 8px;
  }
  .alert {
    margin-bottom: 14px;
  }
`

/** The log's cells (they render inside crm-data-table): time, action code, entity id and the before → after list. */
export const auditCellStyles = css`
  td.when {
    white-space: nowrap;
    font-variant-numeric: tabular-nums;
    color: var(--crm-muted);
    font-size: 0.875rem;
  }
  td.action span {
    font-size: 0.875rem;
  }
  .entity-id {
    display: block;
    color: var(--crm-muted);
    font-size: 0.75rem;
    font-family: ui-monospace, monospace;
  }
  ul.changes {
    margin: 0;
    padding: 0;
    list-style: none;
    font-size: 0.875rem;
  }
  ul.changes .key {
    font-weight: 600;
  }
  ul.changes .before {
    color: var(--crm-danger);
    text-decoration: line-through;
    text-decoration-color: rgb(180 35 24 / 40%);
  }
  ul.changes .after {
    color: var(--crm-success);
  }
`
