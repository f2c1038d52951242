import { css } from 'lit'

/** crm-client-register: the form's cards in a column, the duplicate warning, and actions that stay in view. */
export const clientRegisterStyles = css`
  :host {
    max-width: 920px;
  }
  form {
    display: flex;
    flex-direction: column;
    gap: 16px;
  }
  .dups ul {
    margin: 8px 0;
    padding-left: 20px;
  }
  .dups li {
    margin: 4px 0;
  }
  .dups .buttons {
    display: flex;
    gap: 8px;
    margin-top: 8px;
  }
  .form-actions {
    position: sticky;
    bottom: 0;
    z-index: 1;
    background: var(--crm-bg);
    padding: 12px 6px;
    margin: 0 -6px;
    box-shadow:
      0 -1px 0 var(--crm-border),
      0 -8px 16px -12px rgb(16 24 40 / 25%);
  }
  @media (max-width: 700px) {
    .grid {
      grid-template-columns: 1fr;
    }
  }
`
