import { css } from 'lit'

/** crm-client-file: the back link, the section tabs and the notices between them. */
export const clientFileStyles = css`
  :host {
    max-width: 1280px;
  }
  .back {
    margin-bottom: 8px;
    font-size: 0.9375rem;
  }
  [role='tablist'] {
    display: flex;
    gap: 2px;
    border-bottom: 1px solid var(--crm-border);
    margin-bottom: 16px;
    overflow-x: auto;
  }
  [role='tab'] {
    border: none;
    border-bottom: 3px solid transparent;
    border-radius: 0;
    background: none;
    padding: 8px 14px;
    color: var(--crm-muted);
    min-height: 40px;
  }
  [role='tab'][aria-selected='true'] {
    color: var(--crm-primary-hover);
    border-bottom-color: var(--crm-primary);
    font-weight: 600;
  }
  [role='tab']:hover:not([aria-selected='true']) {
    background: var(--crm-surface-2);
  }
  .notice {
    margin-bottom: 14px;
  }
`
