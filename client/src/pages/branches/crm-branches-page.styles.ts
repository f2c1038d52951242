import { css } from 'lit'

/** crm-branches-page: one card per branch, its rooms in a table. */
export const branchesPageStyles = css`
  .branches {
    display: flex;
    flex-direction: column;
    gap: 20px;
  }
  .branch header {
    display: flex;
    justify-content: space-between;
    align-items: flex-start;
    gap: 12px;
    flex-wrap: wrap;
    padding: 16px 18px 12px;
    border-bottom: 1px solid var(--crm-border);
  }
  .branch header p {
    color: var(--crm-muted);
    font-size: 0.9375rem;
    margin-top: 2px;
  }
  .branch header .buttons {
    display: flex;
    gap: 6px;
  }
  .empty {
    padding: 16px 18px;
  }
  .alert {
    margin-bottom: 14px;
  }
  .toolbar {
    display: flex;
    flex-wrap: wrap;
    gap: 10px 12px;
    align-items: flex-end;
    margin-bottom: 14px;
  }
  .toolbar .field {
    margin: 0;
    flex: 1 1 240px;
    max-width: 420px;
  }
  .toolbar label.check {
    display: inline-flex;
    gap: 6px;
    align-items: center;
    padding-bottom: 8px;
  }
`

/** The rooms table's cells (they render inside crm-data-table). */
export const roomsCellStyles = css`
  .cell {
    white-space: normal;
    overflow-wrap: anywhere;
  }
  .head .cell {
    overflow-wrap: normal;
  }
  td.num {
    text-align: right;
    font-variant-numeric: tabular-nums;
  }
  th.num {
    text-align: right;
  }
  .equipment {
    color: var(--crm-muted);
    font-size: 0.875rem;
  }
  .cell.end {
    justify-content: flex-end;
    text-align: right;
    font-variant-numeric: tabular-nums;
  }
  .name {
    font-weight: 600;
    overflow-wrap: anywhere;
  }
  .row.archived .name,
  tr.archived .name {
    color: var(--crm-muted);
    font-weight: 400;
  }
  .actions {
    display: flex;
    gap: 6px;
    flex-wrap: wrap;
    justify-content: flex-end;
  }
`
