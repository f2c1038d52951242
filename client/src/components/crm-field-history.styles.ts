import { css } from 'lit'

/** crm-field-history: one field's changes, newest first: who and when, then before → after. */
export const fieldHistoryStyles = css`
  ol {
    list-style: none;
    margin: 0;
    padding: 0;
    max-height: 60vh;
    overflow: auto;
  }
  ol > li {
    padding: 10px 0;
    border-bottom: 1px solid var(--crm-border);
  }
  ol > li:last-child {
    border-bottom: none;
  }
  .meta {
    display: flex;
    flex-wrap: wrap;
    justify-content: space-between;
    column-gap: 12px;
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
    overflow-wrap: anywhere;
  }
  .more {
    display: flex;
    justify-content: center;
    padding-top: 10px;
  }
`
