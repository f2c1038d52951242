import { css } from 'lit'

/** crm-calendar-feeds-page: the form, the new link, the list. */
export const calendarFeedsStyles = css`
  .card {
    padding: 14px 16px;
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
  .row,
  .toolbar {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(200px, 1fr));
    gap: 0 14px;
    align-items: end;
  }
  .toolbar {
    margin-bottom: 10px;
  }
  .check {
    display: flex;
    align-items: center;
    gap: 8px;
    margin-bottom: 14px;
    min-height: 36px;
  }
  .mine {
    margin-bottom: 12px;
  }
  .created {
    border-color: var(--crm-primary);
    background: var(--crm-primary-soft);
  }
  .created .what {
    font-weight: 600;
    margin-bottom: 4px;
  }
  .link-row {
    display: flex;
    gap: 8px;
    margin-top: 10px;
    flex-wrap: wrap;
  }
  .link-row input {
    flex: 1 1 280px;
    min-width: 0;
    font-family: ui-monospace, monospace;
    font-size: 0.8125rem;
  }
  .empty {
    padding: 14px 16px;
  }
  .note-inline {
    margin-bottom: 8px;
    font-size: 0.875rem;
  }
`

/** The list's cells (they render inside crm-data-table). */
export const calendarFeedsCellStyles = css`
  .what {
    overflow-wrap: anywhere;
  }
  .actions {
    text-align: end;
  }
`
