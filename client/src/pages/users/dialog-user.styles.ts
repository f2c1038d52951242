import { css } from 'lit'

/** crm-dialog-user: roles and branches as two columns of checkboxes. */
export const dialogUserStyles = css`
  .role-grid {
    display: grid;
    grid-template-columns: 1fr 1fr;
    gap: 8px 16px;
    margin-top: 6px;
  }
  .role-grid label {
    display: flex;
    align-items: center;
    gap: 8px;
    font-weight: 400;
    font-size: 0.9375rem;
  }
  .alert {
    margin-bottom: 14px;
  }
`
