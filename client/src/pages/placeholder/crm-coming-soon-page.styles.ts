import { css } from 'lit'

/** crm-coming-soon-page. */
export const comingSoonPageStyles = css`
  .card {
    padding: 28px;
    max-width: 620px;
  }
  .chip {
    margin-bottom: 12px;
  }
  p + p {
    margin-top: 10px;
  }
`
