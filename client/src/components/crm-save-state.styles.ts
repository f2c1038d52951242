import { css } from 'lit'

/** crm-save-state: a dot and the words (saving, saved, offline, read-only). */
export const saveStateStyles = css`
  :host {
    display: inline-flex;
    align-items: center;
    gap: 6px;
    font-size: 0.875rem;
    color: var(--crm-muted);
    white-space: nowrap;
  }
  .dot {
    width: 8px;
    height: 8px;
    border-radius: 50%;
    background: #22a06b;
    flex: none;
  }
  :host([state='saving']) .dot {
    background: #d9a100;
  }
  :host([state='read-only']) .dot {
    background: var(--crm-muted);
  }
  :host([state='offline']) {
    color: var(--crm-warning);
  }
  :host([state='offline']) .dot {
    background: var(--crm-warning);
  }
`
