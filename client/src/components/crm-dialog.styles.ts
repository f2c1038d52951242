import { css } from 'lit'

/** crm-dialog: the native <dialog> as a card over a dimmed page. */
export const crmDialogStyles = css`
  dialog {
    border: 1px solid var(--crm-border);
    border-radius: 12px;
    padding: 0;
    width: min(480px, calc(100vw - 32px));
    max-height: calc(100vh - 48px);
    color: var(--crm-text);
    background: var(--crm-surface);
    box-shadow: 0 20px 50px rgb(16 24 40 / 25%);
  }
  dialog::backdrop {
    background: rgb(16 24 40 / 40%);
  }
  header {
    display: flex;
    align-items: center;
    justify-content: space-between;
    padding: 16px 20px 8px;
  }
  .body {
    padding: 8px 20px 20px;
  }
`
