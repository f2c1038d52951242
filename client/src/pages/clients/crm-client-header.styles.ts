import { css } from 'lit'

/** crm-client-header: name and facts, the live document's state, flags, alerts, status line and family. */
export const clientHeaderStyles = css`
  :host {
    display: block;
  }
  header.card {
    padding: 16px 20px;
    margin-bottom: 14px;
    display: grid;
    grid-template-columns: minmax(0, 1fr) auto;
    gap: 8px 20px;
  }
  .title {
    display: flex;
    align-items: center;
    gap: 10px;
    flex-wrap: wrap;
    min-width: 0;
  }
  /* a long name (a double-barrelled surname, a long first name) wraps inside the card, never out of it */
  .title h1 {
    min-width: 0;
    max-width: 100%;
    overflow-wrap: anywhere;
  }
  .facts > * {
    min-width: 0;
    overflow-wrap: anywhere;
  }
  .facts {
    color: var(--crm-muted);
    display: flex;
    gap: 6px 14px;
    flex-wrap: wrap;
    margin-top: 4px;
    font-size: 0.9375rem;
  }
  .facts strong {
    color: var(--crm-text);
    font-weight: 600;
  }
  .live-status {
    display: flex;
    flex-direction: column;
    align-items: flex-end;
    gap: 6px;
  }
  .header-extra {
    grid-column: 1 / -1;
    display: flex;
    flex-direction: column;
    gap: 8px;
  }
  .alerts {
    list-style: none;
    margin: 0;
    padding: 0;
    display: flex;
    flex-direction: column;
    gap: 6px;
  }
  .alerts li {
    font-weight: 500;
  }
  .family,
  .history-line {
    font-size: 0.9375rem;
  }
  .history-line {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: 4px 8px;
  }
  .history-line button.link {
    font-size: 0.875rem;
  }
  .family a + a::before {
    content: '';
  }
  .family .sep {
    color: var(--crm-muted);
  }
  @media (max-width: 1000px) {
    header.card {
      grid-template-columns: 1fr;
    }
    .live-status .doc-status {
      align-items: flex-start;
    }
  }
`
