import { css } from 'lit'

/** crm-alerts: the header's Alerts button (a bell with the unread count) and the panel it opens under the header. */
export const alertsStyles = css`
  :host {
    display: inline-flex;
    position: relative;
  }
  .bell {
    position: relative;
    min-width: 40px;
    min-height: 40px;
    color: var(--crm-text);
  }
  .bell svg {
    width: 22px;
    height: 22px;
  }
  .bell[aria-expanded='true'] {
    background: var(--crm-surface-2);
  }
  .badge {
    position: absolute;
    top: 1px;
    right: 0;
    min-width: 18px;
    height: 18px;
    padding: 0 5px;
    border-radius: 9px;
    background: var(--crm-danger);
    color: #fff;
    font-size: 0.6875rem;
    font-weight: 700;
    line-height: 18px;
    text-align: center;
    box-shadow: 0 0 0 2px var(--crm-surface);
    pointer-events: none;
  }
  .panel {
    position: fixed;
    z-index: 40;
    top: calc(var(--crm-header-height) + 6px);
    right: 12px;
    width: min(440px, calc(100vw - 24px));
    max-height: calc(100vh - var(--crm-header-height) - 18px);
    display: flex;
    flex-direction: column;
    background: var(--crm-surface);
    border: 1px solid var(--crm-border);
    border-radius: calc(var(--crm-radius) + 2px);
    box-shadow: 0 12px 32px rgb(16 24 40 / 22%);
    overflow: hidden;
  }
  .panel > header {
    display: flex;
    align-items: flex-start;
    justify-content: space-between;
    gap: 12px;
    padding: 12px 10px 10px 16px;
    border-bottom: 1px solid var(--crm-border);
  }
  .panel h2:focus {
    outline: none;
  }
  .panel h2:focus-visible {
    outline: 2px solid var(--crm-focus);
    outline-offset: 2px;
  }
  .summary {
    margin-top: 2px;
    font-size: 0.8125rem;
    color: var(--crm-muted);
  }
  .body {
    overflow-y: auto;
    overscroll-behavior: contain;
  }
  .state {
    padding: 24px 16px;
    color: var(--crm-muted);
    text-align: center;
    display: grid;
    gap: 12px;
    justify-items: center;
  }
  .state.error {
    color: var(--crm-danger);
  }
  ul {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  li {
    display: grid;
    grid-template-columns: 4px 1fr;
    gap: 12px;
    padding: 12px 16px 12px 12px;
    border-bottom: 1px solid var(--crm-border);
  }
  li:last-child {
    border-bottom: none;
  }
  li:focus {
    outline: none;
  }
  li:focus-visible {
    outline: 2px solid var(--crm-focus);
    outline-offset: -2px;
  }
  .mark {
    border-radius: 2px;
    background: var(--crm-warning);
  }
  li.critical .mark {
    background: var(--crm-danger);
  }
  li.info .mark {
    background: var(--crm-primary);
  }
  li.unread {
    background: var(--crm-surface);
  }
  li.acked {
    background: var(--crm-surface-2);
  }
  li.acked .mark {
    opacity: 0.45;
  }
  .content {
    min-width: 0;
    display: grid;
    gap: 6px;
  }
  .message {
    overflow-wrap: anywhere;
    line-height: 1.4;
  }
  li.unread .message {
    font-weight: 600;
  }
  .meta {
    display: flex;
    flex-wrap: wrap;
    gap: 4px 12px;
    font-size: 0.8125rem;
    color: var(--crm-muted);
  }
  .meta .ack {
    overflow-wrap: anywhere;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 6px 14px;
    font-size: 0.875rem;
  }
  .actions:empty {
    display: none;
  }
  .actions a {
    font-weight: 500;
  }
  .note {
    padding: 10px 16px;
    font-size: 0.8125rem;
    color: var(--crm-muted);
    border-top: 1px solid var(--crm-border);
  }
`
