import { css } from 'lit'

export const dashboardPageStyles = css`
  :host {
    max-width: none;
  }
  .tools {
    display: flex;
    gap: 12px;
    align-items: center;
    flex-wrap: wrap;
  }
  .status {
    color: var(--crm-muted);
    font-size: 0.9rem;
  }
  .status.live {
    color: var(--crm-success);
  }
  select {
    width: auto;
    flex: none;
    font: inherit;
    padding: 6px 10px;
    border: 1px solid var(--crm-border);
    border-radius: var(--crm-radius);
    background: var(--crm-surface);
    color: var(--crm-text);
  }
  crm-wall-board {
    font-size: 15px;
  }
  .tokens {
    margin-top: 32px;
    background: var(--crm-surface);
    border: 1px solid var(--crm-border);
    border-radius: var(--crm-radius);
    padding: 16px 20px;
  }
  .tokens > p {
    color: var(--crm-muted);
    margin: 4px 0 12px;
    max-width: 60em;
  }
  .tokens form {
    display: flex;
    gap: 12px;
    align-items: flex-end;
    flex-wrap: wrap;
    margin-bottom: 12px;
  }
  .tokens label {
    display: flex;
    flex-direction: column;
    gap: 4px;
    font-size: 0.9rem;
  }
  .tokens input {
    font: inherit;
    padding: 6px 10px;
    border: 1px solid var(--crm-border);
    border-radius: var(--crm-radius);
    min-width: 14em;
  }
  .created {
    background: var(--crm-primary-soft);
    border-radius: var(--crm-radius);
    padding: 10px 12px;
    margin-bottom: 12px;
  }
  .created input {
    width: 100%;
    margin-top: 6px;
    font-family: monospace;
  }
  .token-list {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  .token-list li {
    display: flex;
    gap: 12px;
    align-items: center;
    flex-wrap: wrap;
    padding: 8px 0;
    border-top: 1px solid var(--crm-border);
  }
  .token-list .name {
    font-weight: 600;
    flex: 1;
    min-width: 10em;
  }
  .token-list .meta {
    color: var(--crm-muted);
    font-size: 0.9rem;
  }
  .error {
    color: var(--crm-danger);
    font-size: 0.85rem;
  }
`
