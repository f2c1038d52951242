import { css } from 'lit'

/** crm-dialog-room: capacity and cost side by side. */
export const dialogRoomStyles = css`
  .row2 {
    display: grid;
    grid-template-columns: 1fr 1fr;
    gap: 0 12px;
  }
  label.check {
    display: inline-flex;
    gap: 8px;
    align-items: center;
    margin-top: 4px;
  }
  .hint {
    color: var(--crm-muted);
    font-size: 0.8125rem;
    margin: 2px 0 8px;
  }
`
