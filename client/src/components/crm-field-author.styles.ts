import { css } from 'lit'

/** crm-field-author: a small clock button beside a field's label, its "Changed by" tip on hover and focus. */
export const fieldAuthorStyles = css`
  :host {
    display: inline-flex;
    position: relative;
    vertical-align: middle;
  }
  button {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    width: 22px;
    height: 22px;
    padding: 0;
    border: none;
    border-radius: 50%;
    background: transparent;
    color: var(--crm-muted);
    cursor: pointer;
  }
  button:hover,
  button:focus-visible {
    color: var(--crm-primary, #2563eb);
    background: var(--crm-surface-2, rgba(0, 0, 0, 0.06));
  }
  button:focus-visible {
    outline: 2px solid var(--crm-focus, #2563eb);
    outline-offset: 1px;
  }
  svg {
    width: 14px;
    height: 14px;
  }
  .tip {
    display: none;
    position: absolute;
    inset-inline-start: 0;
    bottom: calc(100% + 4px);
    z-index: 5;
    padding: 4px 8px;
    border-radius: 6px;
    background: #1f2937;
    color: #fff;
    font-size: 0.8125rem;
    font-weight: 400;
    width: max-content;
    max-width: min(300px, 70vw);
    pointer-events: none;
  }
  :host(:hover) .tip,
  button:focus-visible + .tip {
    display: block;
  }
`
