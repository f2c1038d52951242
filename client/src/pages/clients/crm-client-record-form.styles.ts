import { css } from 'lit'

/** crm-client-record-form: a card with kind and date side by side. */
export const clientRecordFormStyles = css`
  :host {
    display: block;
  }
  .card {
    padding: 16px 18px;
  }
  h2 {
    margin-bottom: 12px;
  }
  .grid {
    display: grid;
    grid-template-columns: 1fr 1fr;
    gap: 0 12px;
  }
  .alert {
    margin-bottom: 12px;
  }
`
