import { css } from 'lit'

/** The stock document editor: state line, scan and add, the lines table, the actions. */
export const stockDocStyles = css`
  :host {
    display: flex;
    flex-direction: column;
    gap: 14px;
  }
  .back {
    color: var(--crm-primary);
    align-self: flex-start;
  }
  .page-header {
    margin-bottom: 0;
  }
  .sub {
    display: flex;
    gap: 16px;
    flex-wrap: wrap;
    color: var(--crm-muted);
  }
  .live {
    display: flex;
    gap: 12px;
    align-items: center;
  }
  .state {
    padding: 8px 12px;
    border-radius: var(--crm-radius);
    border: 1px solid var(--crm-border);
    font-weight: 500;
  }
  .state.posted {
    background: var(--crm-success-soft);
    border-color: var(--crm-success);
  }
  .state.draft {
    background: var(--crm-surface-2);
  }
  .state a {
    color: var(--crm-primary);
  }
  .card {
    padding: 14px 16px;
  }
  .entry {
    display: flex;
    gap: 16px;
    flex-wrap: wrap;
    align-items: flex-start;
  }
  .entry .field {
    margin: 0;
  }
  .scan {
    flex: 1 1 280px;
  }
  .add {
    flex: 1 1 320px;
  }
  .inline {
    display: flex;
    gap: 8px;
  }
  .inline select {
    flex: 1;
    min-width: 0;
  }
  table {
    width: 100%;
    border-collapse: collapse;
  }
  th,
  td {
    text-align: start;
    padding: 6px 8px;
    border-bottom: 1px solid var(--crm-border);
    vertical-align: middle;
  }
  th {
    font-size: 0.85rem;
    color: var(--crm-muted);
    font-weight: 600;
  }
  .num {
    text-align: end;
    font-variant-numeric: tabular-nums;
    white-space: nowrap;
  }
  .end {
    text-align: end;
  }
  input.qty {
    width: 7em;
    text-align: end;
  }
  input.cost {
    width: 8em;
    text-align: end;
  }
  .muted {
    color: var(--crm-muted);
    font-weight: normal;
  }
  .minus {
    color: var(--crm-danger);
    font-weight: 600;
  }
  .plus {
    color: var(--crm-success);
    font-weight: 600;
  }
  tr.bad td {
    background: var(--crm-danger-soft);
  }
  .line-problem {
    color: var(--crm-danger);
    font-size: 0.85rem;
  }
  .who {
    display: inline-block;
    margin-inline-start: 8px;
    padding: 0 6px;
    border: 2px solid;
    border-radius: 10px;
    font-size: 0.75rem;
  }
  .alert ul {
    margin: 4px 0 0;
    padding-inline-start: 20px;
  }
  .actions {
    display: flex;
    gap: 12px;
    justify-content: flex-end;
  }
  button.small {
    padding: 3px 10px;
    font-size: 0.85rem;
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
  }
`
