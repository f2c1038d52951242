import { css } from 'lit'

/** crm-dialog-activity: the norms in a group of their own, short numbers three to a row. */
export const dialogActivityStyles = css`
  .row3 {
    display: grid;
    grid-template-columns: repeat(3, minmax(0, 1fr));
    gap: 0 12px;
  }
  .row2 {
    display: grid;
    grid-template-columns: repeat(2, minmax(0, 1fr));
    gap: 0 12px;
  }
  @media (max-width: 560px) {
    .row3,
    .row2 {
      grid-template-columns: 1fr;
    }
  }
  fieldset {
    border: 1px solid var(--crm-border);
    border-radius: 8px;
    padding: 8px 12px 4px;
    margin: 4px 0 12px;
  }
  legend {
    font-weight: 600;
    padding: 0 4px;
  }
  input[type='color'] {
    height: 38px;
    padding: 2px;
  }
  .versions h3 {
    font-size: 0.9375rem;
    margin: 8px 0 4px;
  }
  .versions ul {
    margin: 0;
    padding-inline-start: 18px;
    color: var(--crm-muted);
    font-size: 0.875rem;
  }
`
