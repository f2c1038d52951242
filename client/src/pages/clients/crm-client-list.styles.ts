import { css } from 'lit'

/** crm-client-list: a full-height column (header, filters, notices), the table taking the rest. */
export const clientListStyles = css`
  :host {
    display: flex;
    flex-direction: column;
    height: calc(100vh - var(--crm-header-height));
    padding-bottom: 20px;
    max-width: 1280px;
  }
  .page-header {
    margin-bottom: 14px;
  }
  .actions {
    display: flex;
    gap: 8px;
    flex-wrap: wrap;
  }
  a.button.primary {
    background: var(--crm-primary);
    border-color: var(--crm-primary);
    color: var(--crm-on-primary);
  }
  a.button.primary:hover {
    background: var(--crm-primary-hover);
  }
  a.button:hover {
    background: var(--crm-surface-2);
  }
  crm-client-table {
    flex: 1;
    min-height: 280px;
  }
  .alert {
    margin-bottom: 12px;
  }
  .stale {
    display: flex;
    align-items: center;
    gap: 10px;
    justify-content: space-between;
  }
  @media (max-width: 900px) {
    :host {
      height: calc(100vh - var(--crm-header-height));
    }
  }
`
