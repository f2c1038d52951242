import { css } from 'lit'

/** crm-dialog-branch: phone and time zone side by side. */
export const dialogBranchStyles = css`
  .row2 {
    display: grid;
    grid-template-columns: 1fr 1fr;
    gap: 0 12px;
  }
`
