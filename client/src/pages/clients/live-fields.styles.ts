import { css } from 'lit'

/** Styles for live fields (editing tags, read-only look). */
export const liveFieldStyles = css`
  .field.live .label-row {
    display: flex;
    align-items: center;
    gap: 8px;
    min-height: 20px;
  }
  .field.live .label-row > label {
    font-weight: 500;
    font-size: 0.875rem;
  }
  .editing-tag {
    color: #fff;
    font-size: 0.6875rem;
    font-weight: 600;
    padding: 1px 7px;
    border-radius: 999px;
    white-space: nowrap;
  }
  input[readonly],
  textarea[readonly] {
    background: var(--crm-surface-2);
    border-color: transparent;
  }
  textarea {
    resize: vertical;
    line-height: 1.45;
  }
  select:disabled {
    background: var(--crm-surface-2);
    color: inherit;
    opacity: 1;
    border-color: transparent;
  }
`

/** Styles for liveStatus(). */
export const liveStatusStyles = css`
  .doc-status {
    display: flex;
    flex-direction: column;
    align-items: flex-end;
    gap: 6px;
  }
  .doc-people {
    display: flex;
    align-items: center;
    gap: 10px;
  }
  .doc-names {
    font-size: 0.8125rem;
    color: var(--crm-muted);
  }
  .doc-name {
    font-weight: 600;
  }
  .doc-note {
    font-size: 0.875rem;
    color: var(--crm-muted);
  }
  @media (max-width: 700px) {
    .doc-status {
      align-items: flex-start;
    }
  }
`

/** Styles for liveScale(): the 1–5 dots. */
export const liveScaleStyles = css`
  fieldset.scale {
    margin-bottom: 10px;
  }
  fieldset.scale legend {
    display: flex;
    gap: 8px;
    align-items: center;
  }
  .scale-options {
    display: flex;
    gap: 6px;
    margin-top: 6px;
    align-items: center;
    flex-wrap: wrap;
  }
  .scale-options label {
    position: relative;
  }
  .scale-options input {
    position: absolute;
    opacity: 0;
    inset: 0;
    margin: 0;
    width: 100%;
    height: 100%;
    cursor: pointer;
  }
  .scale-options span.dot {
    display: grid;
    place-items: center;
    width: 34px;
    height: 34px;
    border-radius: 50%;
    border: 1px solid var(--crm-border);
    background: var(--crm-surface);
    font-weight: 600;
  }
  .scale-options input:checked + span.dot {
    background: var(--crm-primary);
    border-color: var(--crm-primary);
    color: var(--crm-on-primary);
  }
  .scale-options input:focus-visible + span.dot {
    outline: 2px solid var(--crm-focus);
    outline-offset: 2px;
  }
  .scale-options input:disabled {
    cursor: default;
  }
  .scale-ends {
    font-size: 0.8125rem;
    color: var(--crm-muted);
  }
`
