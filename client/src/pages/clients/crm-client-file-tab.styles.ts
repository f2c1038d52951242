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
  /* "Highlight since audit": the toggle, what the dashed outline means and how many fields changed */
  .since-row {
    display: flex;
    align-items: center;
    flex-wrap: wrap;
    gap: 6px 14px;
    margin-bottom: 14px;
    font-size: 0.875rem;
  }
  .highlight {
    display: inline-flex;
    align-items: center;
    gap: 6px;
    min-height: 32px;
    padding: 3px 10px 3px 8px;
    border: 2px dashed var(--crm-audit-outline, #7c3aed);
    border-radius: var(--crm-radius);
    cursor: pointer;
    white-space: nowrap;
  }
  .highlight input {
    margin: 0;
    accent-color: var(--crm-audit-outline, #7c3aed);
  }
  .since-legend {
    display: inline-flex;
    align-items: center;
    flex-wrap: wrap;
    gap: 4px 8px;
  }
  .since-legend .swatch {
    flex: none;
    width: 22px;
    height: 14px;
    border-radius: 3px;
    border: 2px dashed var(--crm-audit-outline, #7c3aed);
  }
  @media (max-width: 1100px) {
    .stack.side {
      position: static;
      max-height: none;
    }
  }
`
