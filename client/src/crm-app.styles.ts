import { css } from 'lit'

/** crm-app: the loading and "cannot reach the server" screens. */
export const crmAppStyles = css`
  :host {
    display: block;
  }
  .center {
    display: grid;
    place-items: center;
    min-height: 100vh;
    color: var(--crm-muted);
    text-align: center;
    gap: 12px;
    align-content: center;
  }
`
