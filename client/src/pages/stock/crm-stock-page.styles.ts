import { css } from 'lit'

/** crm-stock-page: the header with the branch, the tabs, the panel. */
export const stockPageStyles = css`
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
