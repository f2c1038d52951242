import { css } from 'lit'

/** crm-dialog-room: capacity and cost side by side. */
export const dialogRoomStyles = css`
  .row2 {
    display: grid;
    grid-template-columns: 1fr 1fr;
    gap: 0 12px;
  }
`
