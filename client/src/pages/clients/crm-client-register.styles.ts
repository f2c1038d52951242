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
  section.card {
    padding: 18px 20px 6px;
  }
  section.card > h2 {
    margin-bottom: 4px;
  }
  section.card > .hint {
    margin-bottom: 12px;
  }
  .grid {
    display: grid;
    grid-template-columns: repeat(2, minmax(0, 1fr));
    gap: 0 16px;
  }
  .req {
    color: var(--crm-danger);
    margin-left: 2px;
  }
  .opt {
    color: var(--crm-muted);
    font-weight: 400;
  }
  .check {
    display: flex;
    align-items: center;
    gap: 8px;
    font-weight: 500;
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
