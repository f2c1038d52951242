import { css } from 'lit'

/** crm-client-records: the records list beside the add form and the documents. */
export const clientRecordsStyles = css`
  :host {
    display: grid;
    grid-template-columns: minmax(0, 1.6fr) minmax(280px, 1fr);
    gap: 16px;
    align-items: start;
  }
  .card {
    padding: 16px 18px;
  }
  .side {
    display: flex;
    flex-direction: column;
    gap: 16px;
    min-width: 0;
  }
  h2 {
    margin-bottom: 12px;
  }
  ul.records {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  ul.records > li {
    padding: 12px 0;
    border-top: 1px solid var(--crm-border);
  }
  ul.records > li:first-child {
    border-top: none;
    padding-top: 0;
  }
  .rec-head {
    display: flex;
    align-items: baseline;
    gap: 8px;
    flex-wrap: wrap;
  }
  .kind {
    font-size: 0.75rem;
    font-weight: 600;
    text-transform: uppercase;
    letter-spacing: 0.04em;
    padding: 1px 7px;
    border-radius: 6px;
    background: var(--crm-primary-soft);
    color: var(--crm-primary-hover);
  }
  .kind.penalty {
    background: var(--crm-danger-soft);
    color: var(--crm-danger);
  }
  .date {
    color: var(--crm-muted);
    font-size: 0.875rem;
  }
  .desc {
    margin-top: 4px;
    white-space: pre-wrap;
  }
  ul.docs {
    list-style: none;
    margin: 6px 0 0;
    padding: 0;
    display: flex;
    flex-direction: column;
    gap: 4px;
  }
  ul.docs li {
    display: flex;
    gap: 8px;
    align-items: baseline;
    font-size: 0.875rem;
  }
  .attach {
    display: flex;
    align-items: center;
    gap: 8px;
    margin-top: 6px;
    flex-wrap: wrap;
  }
  .attach label.button {
    font-size: 0.875rem;
    min-height: 30px;
    padding: 3px 10px;
  }
  .attach input[type='file'] {
    position: absolute;
    width: 1px;
    height: 1px;
    opacity: 0;
  }
  .attach label.button:focus-within {
    outline: 2px solid var(--crm-focus);
    outline-offset: 2px;
  }
  .empty {
    color: var(--crm-muted);
  }
  @media (max-width: 1100px) {
    :host {
      grid-template-columns: 1fr;
    }
  }
`
