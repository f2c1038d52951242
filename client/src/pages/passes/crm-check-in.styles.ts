import { css } from 'lit'

/** crm-check-in: the search on the left, the client's passes, debt, lessons and the check-in on the right. */
export const checkInStyles = css`
  :host {
    display: grid;
    grid-template-columns: minmax(240px, 1fr) minmax(0, 2.2fr);
    gap: 16px;
    align-items: start;
  }
  @media (max-width: 800px) {
    :host {
      grid-template-columns: 1fr;
    }
  }
  .card {
    padding: 16px 18px;
  }
  ul.results {
    list-style: none;
    margin: 8px 0 0;
    padding: 0;
  }
  ul.results li button {
    width: 100%;
    text-align: start;
    border: none;
    border-radius: var(--crm-radius);
    background: none;
    padding: 8px 10px;
    display: flex;
    gap: 8px;
    align-items: center;
    justify-content: space-between;
  }
  ul.results li button[aria-pressed='true'] {
    background: var(--crm-primary-soft);
  }
  ul.passes {
    list-style: none;
    margin: 0 0 12px;
    padding: 0;
    display: grid;
    gap: 8px;
  }
  .head {
    display: flex;
    justify-content: space-between;
    gap: 12px;
    align-items: flex-start;
    flex-wrap: wrap;
    margin-bottom: 12px;
  }
  h2 {
    margin-bottom: 6px;
  }
  h3 {
    margin: 12px 0 6px;
  }
  .lessons {
    display: grid;
    gap: 4px;
    margin-bottom: 12px;
  }
  .lessons label {
    font-weight: 400;
  }
  .result {
    margin-top: 12px;
  }
  .result.owed {
    font-weight: 600;
  }
  .checkin {
    display: flex;
    gap: 12px;
    align-items: flex-end;
    flex-wrap: wrap;
  }
  .checkin .field {
    min-width: 260px;
    margin: 0;
  }
  ul.credits {
    list-style: none;
    margin: 0 0 8px;
    padding: 0;
    display: grid;
    gap: 6px;
  }
  ul.credits li {
    display: flex;
    gap: 12px;
    align-items: center;
    justify-content: space-between;
    flex-wrap: wrap;
    padding: 6px 10px;
    border: 1px solid var(--crm-border);
    border-radius: var(--crm-radius);
  }
`
