import { css } from 'lit'

/**
 * A screen of figures (the reports, the staff's lesson costs): a toolbar of filters, and tables of
 * numbers right-aligned in tabular figures that never wrap, a `text` column at the start, a totals
 * row in the footer, scrolling sideways on a narrow screen.
 */
export const figureTableStyles = css`
  .toolbar {
    display: flex;
    flex-wrap: wrap;
    gap: var(--crm-space-3, 12px);
    align-items: end;
    margin-bottom: var(--crm-space-3, 12px);
  }
  .scroll {
    overflow-x: auto;
  }
  table {
    border-collapse: collapse;
    width: 100%;
    font-size: 0.875rem;
    font-variant-numeric: tabular-nums;
  }
  th,
  td {
    padding: 6px 6px;
    border-bottom: 1px solid var(--crm-border, #ddd);
    text-align: end;
    white-space: nowrap;
  }
  th.text,
  td.text {
    text-align: start;
    white-space: normal;
  }
  tfoot td {
    font-weight: 600;
    border-top: 2px solid var(--crm-border, #ccc);
  }
`
