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
`

/** The rooms table's cells (they render inside crm-data-table). */
export const roomsCellStyles = css`
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
`
