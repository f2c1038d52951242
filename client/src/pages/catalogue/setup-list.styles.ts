import { css } from 'lit'

/** The setup screens' lists (activities, groups, closures, rooms): a toolbar above a virtualised table. */
export const setupListStyles = css`
  .toolbar {
    display: flex;
    flex-wrap: wrap;
    gap: 10px 12px;
    align-items: flex-end;
    margin-bottom: 12px;
  }
  .toolbar .field {
    margin: 0;
    min-width: 160px;
  }
  .toolbar .field.search {
    flex: 1 1 220px;
  }
  .toolbar label.check {
    display: inline-flex;
    gap: 6px;
    align-items: center;
    padding-bottom: 8px;
    font-size: 0.9375rem;
  }
  crm-data-table {
    height: max(320px, calc(100vh - 300px));
  }
  .empty-state {
    padding: 24px;
    text-align: center;
  }
  .empty-state p {
    margin: 0 0 12px;
    color: var(--crm-muted);
  }
  .alert {
    margin-bottom: 14px;
  }
`

/** Cells of the setup lists (they render inside crm-data-table's shadow root). */
export const setupCellStyles = css`
  /* long names wrap rather than being cut (rows of the virtualised table may differ in height) */
  .cell {
    white-space: normal;
    overflow-wrap: anywhere;
  }
  .head .cell {
    overflow-wrap: normal;
  }
  .cell.end {
    justify-content: flex-end;
    text-align: right;
  }
  td {
    overflow-wrap: anywhere;
  }
  .num {
    font-variant-numeric: tabular-nums;
  }
  .name {
    font-weight: 600;
    overflow-wrap: anywhere;
  }
  .sub {
    display: block;
    color: var(--crm-muted);
    font-size: 0.8125rem;
    font-weight: 400;
  }
  .dot {
    display: inline-block;
    width: 10px;
    height: 10px;
    border-radius: 50%;
    margin-inline-end: 6px;
    vertical-align: baseline;
  }
  .actions {
    display: flex;
    gap: 6px;
    flex-wrap: wrap;
    justify-content: flex-end;
    white-space: nowrap;
  }
  .row.archived .name,
  tr.archived .name {
    color: var(--crm-muted);
    font-weight: 400;
  }
  a.name {
    color: var(--crm-text);
    text-decoration: none;
  }
  a.name:hover {
    text-decoration: underline;
    color: var(--crm-primary);
  }
`
