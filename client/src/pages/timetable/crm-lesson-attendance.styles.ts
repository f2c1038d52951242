import { css } from 'lit'

/** The roster: a row per person (status, grade, comment), walk-ins, the actions and the cancel form. */
export const attendanceStyles = css`
  :host {
    display: block;
  }
  .status {
    display: flex;
    align-items: center;
    gap: 8px;
    margin-bottom: 10px;
    flex-wrap: wrap;
  }
  .roster {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  .roster li {
    padding: 7px 0;
    border-bottom: 1px solid var(--crm-border);
  }
  .who {
    display: flex;
    align-items: center;
    gap: 4px;
    margin-bottom: 4px;
  }
  .name {
    font-weight: 550;
  }
  /* status and grade on one line, the comment under them: "Уважительная причина" and a long
     comment placeholder fit in every language */
  .controls {
    display: grid;
    grid-template-columns: minmax(0, 1fr) 64px;
    gap: 6px;
  }
  .controls > input {
    grid-column: 1 / -1;
  }
  .allergy {
    display: inline-block;
    margin-left: 4px;
    padding: 0 6px;
    border-radius: 999px;
    font-size: 0.6875rem;
    font-weight: 700;
    background: var(--crm-warning-soft);
    color: var(--crm-warning);
    border: 1px solid #f0d68a;
    vertical-align: 1px;
  }
  .walkin {
    font-size: 0.6875rem;
    color: var(--crm-muted);
    margin-left: 4px;
  }
  select,
  input {
    min-height: 32px;
    padding: 4px 6px;
    font-size: 0.875rem;
  }
  .row-actions {
    display: flex;
    gap: 8px;
    flex-wrap: wrap;
    margin-top: 12px;
  }
  .walk-in-search {
    position: relative;
    margin-top: 12px;
  }
  .walk-in-search ul {
    list-style: none;
    margin: 4px 0 0;
    padding: 0;
    border: 1px solid var(--crm-border);
    border-radius: var(--crm-radius);
  }
  .walk-in-search li button {
    width: 100%;
    justify-content: flex-start;
    border: none;
    border-radius: 0;
  }
  .cancel-form {
    margin-top: 14px;
    padding: 12px;
    border: 1px solid var(--crm-border);
    border-radius: var(--crm-radius);
    background: var(--crm-surface-2);
  }
  .check {
    display: flex;
    gap: 8px;
    align-items: center;
    margin: 8px 0;
  }
  .alert {
    margin-bottom: 10px;
  }
  .empty {
    color: var(--crm-muted);
    margin: 8px 0;
  }
`
