import { css } from 'lit'

/** crm-data-table: a card holding a virtualised grid of rows, or (layout="table") a plain table. */
export const crmDataTableStyles = css`
  :host {
    display: flex;
    flex-direction: column;
    min-height: 240px;
    background: var(--crm-surface);
    border: 1px solid var(--crm-border);
    border-radius: calc(var(--crm-radius) + 2px);
    box-shadow: var(--crm-shadow);
    overflow: hidden;
  }
  /* a short list: every row in a real table, the page scrolls */
  :host([layout='table']) {
    display: block;
    min-height: 0;
    overflow-x: auto;
  }
  /* inside a card of the page: no frame of its own */
  :host([flat]) {
    background: none;
    border: none;
    border-radius: 0;
    box-shadow: none;
  }
  .row {
    display: grid;
    grid-template-columns: var(--crm-columns);
    align-items: center;
    gap: 0 12px;
    padding: 0 16px;
    width: 100%;
    min-height: 48px;
    border-bottom: 1px solid var(--crm-border);
    font-size: 0.9375rem;
  }
  .head {
    min-height: 40px;
    background: var(--crm-surface-2);
    font-weight: 600;
    font-size: 0.8125rem;
    color: var(--crm-muted);
    text-transform: uppercase;
    letter-spacing: 0.03em;
    flex: none;
  }
  lit-virtualizer {
    flex: 1;
    min-height: 0;
    contain: strict;
  }
  .body .row {
    cursor: default;
  }
  .body .row.clickable,
  tr.clickable {
    cursor: pointer;
  }
  .body .row:hover {
    background: var(--crm-surface-2);
  }
  .body .row:focus-within {
    background: var(--crm-primary-soft);
  }
  .cell {
    min-width: 0;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
    padding: 6px 0;
  }
  .cell.end,
  th.end,
  td.end {
    text-align: right;
  }
  .footer {
    flex: none;
    padding: 8px 16px;
    font-size: 0.8125rem;
    color: var(--crm-muted);
    border-top: 1px solid var(--crm-border);
    background: var(--crm-surface);
    min-height: 34px;
  }
  .empty {
    padding: 28px 16px;
    color: var(--crm-muted);
  }
  :host([layout='table']) .empty {
    padding: 20px;
  }
  .more {
    display: flex;
    justify-content: center;
    padding: 14px;
  }
`
