import { css } from 'lit'

/**
 * Shared style blocks composed into each element's `static styles` (HA's haStyle).
 * Colours and sizes come from the CSS custom properties set in index.html.
 */
export const baseStyles = css`
  :host {
    box-sizing: border-box;
  }
  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }
  [hidden] {
    display: none !important;
  }
  h1,
  h2,
  h3 {
    margin: 0;
    line-height: 1.25;
    font-weight: 600;
  }
  h1 {
    font-size: 1.5rem;
  }
  h2 {
    font-size: 1.125rem;
  }
  h3 {
    font-size: 1rem;
  }
  p {
    margin: 0;
  }
  a {
    color: var(--crm-primary);
  }
  :focus-visible {
    outline: 2px solid var(--crm-focus);
    outline-offset: 2px;
  }
  .muted {
    color: var(--crm-muted);
  }
  .visually-hidden {
    position: absolute !important;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
  }

  /* Buttons */
  button,
  .button {
    font: inherit;
    font-weight: 500;
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: 6px;
    min-height: 36px;
    padding: 6px 14px;
    border-radius: var(--crm-radius);
    border: 1px solid var(--crm-border);
    background: var(--crm-surface);
    color: var(--crm-text);
    cursor: pointer;
    text-decoration: none;
    white-space: nowrap;
  }
  button:hover:not(:disabled) {
    background: var(--crm-surface-2);
  }
  button:disabled {
    opacity: 0.55;
    cursor: not-allowed;
  }
  button.primary {
    background: var(--crm-primary);
    border-color: var(--crm-primary);
    color: var(--crm-on-primary);
  }
  button.primary:hover:not(:disabled) {
    background: var(--crm-primary-hover);
  }
  button.danger {
    color: var(--crm-danger);
  }
  button.small {
    min-height: 30px;
    padding: 3px 10px;
    font-size: 0.875rem;
  }
  button.link {
    border: none;
    background: none;
    color: var(--crm-primary);
    padding: 4px 6px;
    min-height: 0;
  }
  button.icon {
    padding: 4px;
    min-width: 32px;
    min-height: 32px;
    border-color: transparent;
    background: transparent;
    color: var(--crm-muted);
  }
  button.icon:hover:not(:disabled) {
    color: var(--crm-text);
  }

  /* Forms */
  .field {
    display: flex;
    flex-direction: column;
    gap: 4px;
    margin-bottom: 14px;
  }
  .field > label,
  fieldset > legend {
    font-weight: 500;
    font-size: 0.875rem;
  }
  input[type='text'],
  input[type='password'],
  input[type='email'],
  input[type='number'],
  input[type='search'],
  input[type='tel'],
  input:not([type]),
  select,
  textarea {
    font: inherit;
    color: inherit;
    width: 100%;
    min-height: 38px;
    padding: 7px 10px;
    border: 1px solid var(--crm-border);
    border-radius: var(--crm-radius);
    background: var(--crm-surface);
  }
  input:focus-visible,
  select:focus-visible,
  textarea:focus-visible {
    outline: 2px solid var(--crm-focus);
    outline-offset: 0;
    border-color: var(--crm-focus);
  }
  input[aria-invalid='true'],
  select[aria-invalid='true'] {
    border-color: var(--crm-danger);
  }
  /* date and time fields in the language shown (components/date-input.ts): a text field, a calendar button over its right end */
  .date-input {
    position: relative;
    display: block;
  }
  .date-input input.entry {
    padding-right: 38px;
    font-variant-numeric: tabular-nums;
  }
  .date-input.time input.entry {
    padding-right: 10px;
  }
  .date-input button.pick {
    position: absolute;
    top: 1px;
    right: 1px;
    bottom: 1px;
    width: 34px;
    min-height: 0;
    padding: 0;
    border: 0;
    border-radius: 0 var(--crm-radius) var(--crm-radius) 0;
    background: transparent;
    color: var(--crm-muted);
    display: grid;
    place-items: center;
  }
  .date-input button.pick:hover {
    color: var(--crm-text);
  }
  /* the browser's picker opens from here: present, invisible, out of the way */
  .date-input input.picker {
    position: absolute;
    right: 0;
    bottom: 0;
    width: 1px;
    height: 1px;
    min-height: 0;
    padding: 0;
    border: 0;
    opacity: 0;
    pointer-events: none;
  }
  input[type='checkbox'] {
    width: 18px;
    height: 18px;
    margin: 0;
    accent-color: var(--crm-primary);
  }
  .field-error {
    color: var(--crm-danger);
    font-size: 0.875rem;
  }
  .hint {
    color: var(--crm-muted);
    font-size: 0.8125rem;
  }
  fieldset {
    border: none;
    padding: 0;
    margin: 0 0 14px;
  }
  .form-actions {
    display: flex;
    gap: 8px;
    justify-content: flex-end;
    margin-top: 8px;
  }

  /* Messages */
  .alert {
    padding: 10px 12px;
    border-radius: var(--crm-radius);
    border: 1px solid transparent;
    font-size: 0.9375rem;
  }
  .alert.error {
    background: var(--crm-danger-soft);
    border-color: #f5c2bd;
    color: var(--crm-danger);
  }
  .alert.warning {
    background: var(--crm-warning-soft);
    border-color: #f0d68a;
    color: var(--crm-warning);
  }
  .alert.info {
    background: var(--crm-primary-soft);
    border-color: #c4dcd8;
    color: var(--crm-primary-hover);
  }

  /* Surfaces */
  .card {
    background: var(--crm-surface);
    border: 1px solid var(--crm-border);
    border-radius: calc(var(--crm-radius) + 2px);
    box-shadow: var(--crm-shadow);
  }
  .chip {
    display: inline-block;
    padding: 1px 8px;
    border-radius: 999px;
    background: var(--crm-surface-2);
    border: 1px solid var(--crm-border);
    font-size: 0.8125rem;
    white-space: nowrap;
  }
  .chip.ok {
    background: var(--crm-success-soft);
    border-color: #bfe3c9;
    color: var(--crm-success);
  }
  .chip.off {
    background: var(--crm-danger-soft);
    border-color: #f5c2bd;
    color: var(--crm-danger);
  }

  /* Tables */
  .table-wrap {
    overflow-x: auto;
  }
  table {
    width: 100%;
    border-collapse: collapse;
    font-size: 0.9375rem;
  }
  th {
    text-align: left;
    font-weight: 600;
    font-size: 0.8125rem;
    color: var(--crm-muted);
    text-transform: uppercase;
    letter-spacing: 0.03em;
  }
  th,
  td {
    padding: 10px 12px;
    border-bottom: 1px solid var(--crm-border);
    vertical-align: middle;
  }
  tbody tr:last-child td {
    border-bottom: none;
  }
`

/** Page layout: heading row, content column. */
export const pageStyles = css`
  :host {
    display: block;
    padding: 24px 28px 40px;
    max-width: 1200px;
  }
  .page-header {
    display: flex;
    align-items: flex-start;
    justify-content: space-between;
    gap: 16px;
    flex-wrap: wrap;
    margin-bottom: 20px;
  }
  .page-header p {
    color: var(--crm-muted);
    margin-top: 4px;
  }
  @media (max-width: 900px) {
    :host {
      padding: 16px 16px 32px;
    }
  }
`
