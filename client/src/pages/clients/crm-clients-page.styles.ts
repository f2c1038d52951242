import { css } from 'lit'

/** crm-clients-page: the Clients area's router (only its load error shows). */
export const clientsPageStyles = css`
  :host {
    display: block;
  }
  .load-error {
    margin: 24px 28px;
  }
`
