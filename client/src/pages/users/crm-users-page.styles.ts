import { css } from 'lit'

/** crm-users-page. */
export const usersPageStyles = css`
  .alert {
    margin-bottom: 14px;
  }
`

/** The users table's cells (they render inside crm-data-table). */
export const usersCellStyles = css`
  :host {
    overflow: hidden;
  }
  td .login {
    display: block;
    color: var(--crm-muted);
    font-size: 0.8125rem;
  }
  .roles {
    display: flex;
    flex-wrap: wrap;
    gap: 4px;
  }
  td.actions {
    text-align: right;
    white-space: nowrap;
  }
  td.actions button + button {
    margin-left: 6px;
  }
  tr.inactive td:not(.actions) {
    color: var(--crm-muted);
  }
  .empty {
    padding: 24px;
  }
`
