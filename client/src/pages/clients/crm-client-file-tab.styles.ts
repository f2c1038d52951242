import { css } from 'lit'

/** crm-client-file-tab: the file's sections in a column, observations beside them (sticky while scrolling). */
export const clientFileTabStyles = css`
  :host {
    display: block;
  }
  .stack {
    display: flex;
    flex-direction: column;
    gap: 16px;
    min-width: 0;
  }
  .stack.side {
    position: sticky;
    top: calc(var(--crm-header-height) + 12px);
    max-height: calc(100vh - var(--crm-header-height) - 24px);
  }
  textarea#notes {
    min-height: 120px;
  }
  .notes-label {
    font-size: inherit;
    font-weight: inherit;
  }
  .notice {
    margin-bottom: 14px;
  }
  @media (max-width: 1100px) {
    .stack.side {
      position: static;
      max-height: none;
    }
  }
`
