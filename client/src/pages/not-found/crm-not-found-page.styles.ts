import { css } from 'lit'

/** crm-not-found-page. */
export const notFoundPageStyles = css`
  .card {
    padding: 40px 32px;
    max-width: 560px;
  }
  .code {
    font-size: 0.875rem;
    color: var(--crm-muted);
    font-weight: 600;
    letter-spacing: 0.08em;
  }
  h1 {
    margin: 6px 0 10px;
  }
  p + p {
    margin-top: 16px;
  }
`
