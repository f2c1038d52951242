import { css } from 'lit'

/** crm-dialog-group: the weekly pattern as rows of day, start and end. */
export const dialogGroupStyles = css`
  .row2 {
    display: grid;
    grid-template-columns: repeat(2, minmax(0, 1fr));
    gap: 0 12px;
  }
  .row3 {
    display: grid;
    grid-template-columns: repeat(3, minmax(0, 1fr));
    gap: 0 12px;
  }
  fieldset {
    border: 1px solid var(--crm-border);
    border-radius: 8px;
    padding: 8px 12px 10px;
    margin: 4px 0 12px;
  }
  legend {
    font-weight: 600;
    padding: 0 4px;
  }
  .slot {
    display: grid;
    grid-template-columns: minmax(0, 1.4fr) minmax(0, 1fr) minmax(0, 1fr) auto;
    gap: 0 10px;
    align-items: end;
  }
  .slot .remove {
    margin-bottom: 14px;
  }
  @media (max-width: 560px) {
    .row2,
    .row3,
    .slot {
      grid-template-columns: 1fr;
    }
  }
`
