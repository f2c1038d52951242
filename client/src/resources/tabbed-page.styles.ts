import { css } from 'lit'

/** A page of tabs (passes and payments, stock and sales): the header with the branch, the tabs, the panel. */
export const tabbedPageStyles = css`
  [role='tablist'] {
    display: flex;
    gap: 4px;
    border-bottom: 1px solid var(--crm-border);
    margin-bottom: 16px;
    flex-wrap: wrap;
  }
  [role='tab'] {
    border: none;
    border-bottom: 3px solid transparent;
    border-radius: 0;
    background: none;
    padding: 8px 14px;
    font-weight: 500;
    color: var(--crm-muted);
  }
  [role='tab'][aria-selected='true'] {
    color: var(--crm-text);
    border-bottom-color: var(--crm-primary);
  }
  .branch {
    min-width: 200px;
  }
`

/** One tab of such a page: a toolbar over a table or a card. */
export const tabPanelStyles = css`
  :host {
    display: flex;
    flex-direction: column;
    gap: 16px;
  }
  .card {
    padding: 16px 18px;
  }
  .toolbar {
    display: flex;
    gap: 12px;
    align-items: flex-end;
    flex-wrap: wrap;
  }
  .toolbar .field {
    margin: 0;
  }
  .toolbar .spacer {
    flex: 1;
  }
  .toolbar .grow {
    flex: 1 1 260px;
    max-width: 420px;
  }
  h2 {
    margin-bottom: 10px;
  }
`
