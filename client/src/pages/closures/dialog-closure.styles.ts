import { css } from 'lit'

/** crm-dialog-closure: the form, then the lessons it cancels with the counts above them. */
export const dialogClosureStyles = css`
  .row2 {
    display: grid;
    grid-template-columns: repeat(2, minmax(0, 1fr));
    gap: 0 12px;
  }
  @media (max-width: 560px) {
    .row2 {
      grid-template-columns: 1fr;
    }
  }
  .summary p {
    margin: 0 0 8px;
    overflow-wrap: anywhere;
  }
  .numbers {
    display: flex;
    flex-wrap: wrap;
    gap: 6px 20px;
  }
  .numbers strong {
    font-size: 1.25rem;
    margin-inline-end: 4px;
  }
  crm-dialog crm-data-table,
  crm-data-table {
    display: block;
    margin: 8px 0 12px;
    border: 1px solid var(--crm-border);
    border-radius: 8px;
  }
  label.check {
    display: inline-flex;
    gap: 8px;
    align-items: center;
    margin: 4px 0 8px;
  }
`
