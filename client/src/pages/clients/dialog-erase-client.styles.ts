import { css } from 'lit'

/** crm-dialog-erase-client. */
export const dialogEraseClientStyles = css`
  .alert {
    margin-bottom: 12px;
  }
`
