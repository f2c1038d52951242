import { css } from 'lit'

/** crm-client-account: figures and actions on top, passes, then invoices, payments and visits. */
export const clientAccountStyles = css`
  :host {
    display: flex;
    flex-direction: column;
    gap: 16px;
  }
  .card {
    padding: 16px 18px;
  }
  .top {
    display: flex;
    gap: 12px;
    align-items: flex-start;
    justify-content: space-between;
    flex-wrap: wrap;
  }
  .passes {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(280px, 1fr));
    gap: 10px;
  }
  h2 {
    margin-bottom: 10px;
  }
  .empty {
    color: var(--crm-muted);
  }
  ul.credits {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: 6px;
  }
  ul.credits li {
    padding: 6px 10px;
    border: 1px solid var(--crm-border);
    border-radius: var(--crm-radius);
  }
  .payer {
    font-size: 0.875rem;
    color: var(--crm-muted);
    margin-top: 6px;
  }
`
