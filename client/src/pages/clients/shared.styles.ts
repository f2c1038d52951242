import { css } from 'lit'

/** Styles shared by the Clients pages: status chips and red-flag badges. */
export const clientStyles = css`
  .status {
    display: inline-block;
    padding: 1px 9px;
    border-radius: 999px;
    font-size: 0.8125rem;
    font-weight: 500;
    border: 1px solid var(--crm-border);
    background: var(--crm-surface-2);
    white-space: nowrap;
  }
  .status.lead {
    background: #eef2ff;
    border-color: #c7d2fe;
    color: #3730a3;
  }
  .status.trial {
    background: var(--crm-warning-soft);
    border-color: #f0d68a;
    color: var(--crm-warning);
  }
  .status.active {
    background: var(--crm-success-soft);
    border-color: #bfe3c9;
    color: var(--crm-success);
  }
  .status.paused {
    background: var(--crm-surface-2);
    color: var(--crm-muted);
  }
  .status.left {
    background: var(--crm-surface-2);
    color: var(--crm-muted);
    text-decoration: line-through;
    text-decoration-color: rgb(94 107 104 / 50%);
  }
  .flags {
    display: inline-flex;
    gap: 4px;
    flex-wrap: wrap;
  }
  .badge {
    display: inline-flex;
    align-items: center;
    gap: 4px;
    padding: 1px 8px;
    border-radius: 6px;
    font-size: 0.75rem;
    font-weight: 600;
    white-space: nowrap;
    border: 1px solid transparent;
  }
  .badge.red {
    background: var(--crm-danger);
    color: #fff;
  }
  .badge.allergy {
    background: #fff1e6;
    border-color: #f4b183;
    color: #9a3412;
  }
  .badge.other {
    background: var(--crm-danger-soft);
    border-color: #f5c2bd;
    color: var(--crm-danger);
  }
`

/**
 * The sections (cards) of a client file's tabs: padding, headings, two-column field grids,
 * checkboxes, empty notes, dated lists, and the two-column tab layout.
 */
export const fileSectionStyles = css`
  section.card {
    padding: 16px 18px 4px;
  }
  section.card > h2,
  .card-head {
    margin-bottom: 12px;
  }
  .card-head {
    display: flex;
    align-items: center;
    justify-content: space-between;
    gap: 10px;
  }
  .grid {
    display: grid;
    grid-template-columns: repeat(2, minmax(0, 1fr));
    gap: 0 14px;
  }
  .grid .wide {
    grid-column: 1 / -1;
  }
  .check {
    display: flex;
    align-items: center;
    gap: 8px;
    font-weight: 500;
    font-size: 0.875rem;
    min-height: 38px;
  }
  .empty {
    color: var(--crm-muted);
    padding-bottom: 12px;
  }
  .history {
    list-style: none;
    margin: 0 0 14px;
    padding: 0;
  }
  .history li {
    padding: 6px 0;
    border-bottom: 1px solid var(--crm-border);
    display: flex;
    gap: 10px;
    flex-wrap: wrap;
    align-items: baseline;
  }
  .history li:last-child {
    border-bottom: none;
  }
  .history .when {
    color: var(--crm-muted);
    font-size: 0.875rem;
    min-width: 150px;
  }
  .columns {
    display: grid;
    grid-template-columns: minmax(0, 1.65fr) minmax(300px, 1fr);
    gap: 16px;
    align-items: start;
  }
  @media (max-width: 1100px) {
    .columns {
      grid-template-columns: 1fr;
    }
  }
  @media (max-width: 700px) {
    .grid {
      grid-template-columns: 1fr;
    }
  }
`
