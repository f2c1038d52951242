import { css } from 'lit'

/** crm-client-progress: one card (its own padding, the list below the heading). */
export const clientProgressStyles = css`
  :host {
    display: block;
  }
  section.card {
    padding: 18px 20px;
  }
  .empty,
  .history {
    margin-top: 8px;
  }
`
