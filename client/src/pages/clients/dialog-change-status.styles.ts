import { css } from 'lit'

/** crm-dialog-change-status. */
export const dialogChangeStatusStyles = css`
  .alert,
  p.now {
    margin-bottom: 12px;
  }
`
