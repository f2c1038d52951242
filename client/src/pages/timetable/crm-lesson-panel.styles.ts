import { css } from 'lit'

/** The lesson's side panel: header, tabs, flags, the form or the summary, the danger zone. */
export const lessonPanelStyles = css`
  :host {
    display: flex;
    flex-direction: column;
    min-height: 0;
    background: var(--crm-surface);
    border: 1px solid var(--crm-border);
    border-radius: calc(var(--crm-radius) + 2px);
    box-shadow: var(--crm-shadow);
  }
  header {
    display: flex;
    align-items: flex-start;
    justify-content: space-between;
    gap: 8px;
    padding: 12px 14px 6px;
  }
  header p {
    color: var(--crm-muted);
    font-size: 0.875rem;
    margin-top: 2px;
  }
  .tabs {
    display: flex;
    gap: 4px;
    padding: 0 14px;
    border-bottom: 1px solid var(--crm-border);
  }
  .tabs button {
    border: none;
    border-bottom: 2px solid transparent;
    border-radius: 0;
    background: none;
    min-height: 34px;
    padding: 4px 10px;
  }
  .tabs button[aria-selected='true'] {
    border-bottom-color: var(--crm-primary);
    color: var(--crm-primary-hover);
    font-weight: 600;
  }
  .content {
    padding: 12px 14px 16px;
    overflow-y: auto;
    min-height: 0;
  }
  .flags {
    display: flex;
    flex-direction: column;
    gap: 6px;
    margin-bottom: 12px;
  }
  .flags .alert {
    font-size: 0.875rem;
    padding: 7px 10px;
  }
  .flags ul {
    margin: 4px 0 0;
    padding-left: 18px;
  }
  .two {
    display: grid;
    grid-template-columns: 1fr 1fr;
    gap: 0 10px;
  }
  .field {
    margin-bottom: 10px;
  }
  select,
  input,
  textarea {
    min-height: 34px;
    padding: 5px 8px;
  }
  textarea {
    resize: vertical;
    min-height: 56px;
  }
  .summary dt {
    font-size: 0.8125rem;
    color: var(--crm-muted);
  }
  .summary dd {
    margin: 0 0 8px;
  }
  .danger-zone {
    margin-top: 14px;
    padding-top: 12px;
    border-top: 1px solid var(--crm-border);
    display: flex;
    gap: 8px;
    align-items: center;
    flex-wrap: wrap;
  }
  /* "Highlight since audit": a field of the lesson changed since the last audit closed */
  .since-audit {
    outline: 2px dashed var(--crm-audit-outline, #7c3aed);
    outline-offset: 2px;
    border-radius: 4px;
  }
`
