import { css } from 'lit'

/** crm-client-data: status history beside the personal-data exports and the erase button. */
export const clientDataStyles = css`
  :host {
    display: block;
  }
  .note {
    margin-bottom: 14px;
  }
  .data-actions {
    display: flex;
    gap: 8px;
    flex-wrap: wrap;
    margin-bottom: 14px;
  }
  .data-hint {
    margin-bottom: 10px;
  }
  .danger-zone {
    border-top: 1px solid var(--crm-border);
    padding-top: 12px;
    margin-top: 6px;
    margin-bottom: 14px;
  }
  .danger-zone .hint {
    margin-bottom: 8px;
  }
  a.button:hover {
    background: var(--crm-surface-2);
  }
`
