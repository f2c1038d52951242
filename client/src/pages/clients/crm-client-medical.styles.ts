import { css } from 'lit'

/** crm-client-medical: one card, its fields in two columns. */
export const clientMedicalStyles = css`
  :host {
    display: block;
  }
  .card {
    padding: 18px 20px 6px;
    max-width: 820px;
  }
  .head {
    display: flex;
    justify-content: space-between;
    align-items: center;
    gap: 12px;
    flex-wrap: wrap;
    margin-bottom: 14px;
  }
  .grid {
    display: grid;
    grid-template-columns: repeat(2, minmax(0, 1fr));
    gap: 0 16px;
  }
  .wide {
    grid-column: 1 / -1;
  }
  .status {
    display: flex;
    gap: 12px;
    align-items: center;
    flex-wrap: wrap;
  }
  @media (max-width: 700px) {
    .grid {
      grid-template-columns: 1fr;
    }
  }
`
