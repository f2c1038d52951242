import { css } from 'lit'

/** crm-dialog-confirm: the question above the buttons. */
export const dialogConfirmStyles = css`
  .question {
    margin-bottom: 12px;
  }
`
