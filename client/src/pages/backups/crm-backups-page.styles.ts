import { css } from 'lit'

/** crm-backups-page: the summary, the list, the schedule form and the restore note, one under another. */
export const backupsPageStyles = css`
  .summary,
  .settings,
  .restore {
    padding: 14px 16px;
    margin-bottom: 20px;
  }
  .summary p + p {
    margin-top: 4px;
  }
  .summary .last {
    font-weight: 600;
  }
  .summary .last[data-status='failed'] {
    color: var(--crm-danger);
  }
  .folder {
    overflow-wrap: anywhere;
  }
  section {
    margin-bottom: 20px;
  }
  h2 {
    font-size: 0.8125rem;
    font-weight: 600;
    text-transform: uppercase;
    letter-spacing: 0.03em;
    color: var(--crm-muted);
    margin: 0 0 8px;
  }
  .empty {
    padding: 14px 16px;
  }
  .row {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(180px, 1fr));
    gap: 0 14px;
  }
  .check {
    display: flex;
    align-items: center;
    gap: 8px;
    margin-bottom: 14px;
  }
  .help {
    font-size: 0.875rem;
    margin: -4px 0 14px;
  }
  .restore p {
    overflow-wrap: anywhere;
  }
  .alert {
    margin-bottom: 14px;
  }
`

/** The list's cells (they render inside crm-data-table). */
export const backupsCellStyles = css`
  td.when {
    white-space: nowrap;
    font-variant-numeric: tabular-nums;
  }
  td.num,
  th.num {
    text-align: right;
    white-space: nowrap;
  }
  code {
    font-size: 0.8125rem;
  }
  .chip.bad {
    color: var(--crm-danger);
  }
  a.button {
    white-space: nowrap;
  }
`
