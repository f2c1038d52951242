import { css } from 'lit'

/** crm-client-table: the client list's cells (names as links, ages and phones in tabular figures). */
export const clientTableStyles = css`
  .name a {
    font-weight: 600;
    color: var(--crm-text);
    text-decoration: none;
  }
  .name a:hover {
    text-decoration: underline;
    color: var(--crm-primary);
  }
  .name a:focus-visible {
    outline-offset: 1px;
  }
  .name .first {
    font-weight: 400;
  }
  .phone {
    font-variant-numeric: tabular-nums;
  }
  .age {
    font-variant-numeric: tabular-nums;
  }
`
