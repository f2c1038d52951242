import { css } from 'lit'

/** crm-doc-history: who changed what, newest first, a line per change. */
export const docHistoryStyles = css`
  :host {
    display: block;
  }
  ol {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  ol > li {
    padding: 10px 0;
    border-bottom: 1px solid var(--crm-border);
  }
  ol > li:last-child {
    border-bottom: none;
  }
  ul.changes > li + li {
    margin-top: 2px;
  }
  .meta {
    display: flex;
    justify-content: space-between;
    gap: 8px;
    font-size: 0.8125rem;
    color: var(--crm-muted);
  }
  .who {
    font-weight: 600;
    color: var(--crm-text);
  }
  ul.changes {
    margin: 2px 0 0;
    padding: 0;
    list-style: none;
    font-size: 0.9375rem;
    overflow-wrap: anywhere;
  }
  .count {
    font-size: 0.8125rem;
    color: var(--crm-muted);
  }
  .more {
    display: flex;
    justify-content: center;
    padding-top: 10px;
  }
  .empty {
    color: var(--crm-muted);
    padding: 6px 0;
  }
`
