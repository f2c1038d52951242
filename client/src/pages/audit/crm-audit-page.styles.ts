import { css } from 'lit'

/** crm-audit-page: the summary, the filters, the list of changes beside the step view, past audits. */
export const auditPageStyles = css`
  .page-header {
    flex-wrap: wrap;
    gap: 12px;
  }
  .header-actions {
    display: flex;
    flex-wrap: wrap;
    gap: 8px;
  }
  nav.tabs {
    display: flex;
    gap: 4px;
    border-bottom: 1px solid var(--crm-border);
    margin-bottom: 14px;
  }
  nav.tabs a {
    padding: 8px 14px;
    text-decoration: none;
    color: var(--crm-muted);
    border-bottom: 2px solid transparent;
    margin-bottom: -1px;
    font-weight: 500;
  }
  nav.tabs a[aria-current='page'] {
    color: var(--crm-primary);
    border-bottom-color: var(--crm-primary);
  }
  section.summary {
    padding: 12px 16px;
    margin-bottom: 14px;
  }
  section.summary .total {
    display: flex;
    align-items: center;
    gap: 10px;
    margin: 0 0 8px;
  }
  section.summary .groups {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(220px, 1fr));
    gap: 12px;
  }
  section.summary h2 {
    font-size: 0.8125rem;
    color: var(--crm-muted);
    margin: 0 0 6px;
    font-weight: 600;
  }
  section.summary ul {
    list-style: none;
    margin: 0;
    padding: 0;
    display: flex;
    flex-wrap: wrap;
    gap: 6px;
  }
  a.chip-link {
    display: inline-flex;
    gap: 6px;
    align-items: baseline;
    padding: 3px 10px;
    border: 1px solid var(--crm-border);
    border-radius: 999px;
    background: var(--crm-surface-2);
    text-decoration: none;
    color: inherit;
    font-size: 0.8125rem;
    max-width: 100%;
    overflow-wrap: anywhere;
  }
  a.chip-link.on {
    border-color: var(--crm-primary);
    background: var(--crm-primary-soft);
  }
  form.filters {
    display: flex;
    flex-wrap: wrap;
    align-items: flex-end;
    gap: 10px;
    padding: 12px 16px;
    margin-bottom: 14px;
  }
  form.filters .field {
    margin: 0;
    min-width: 0;
    flex: 1 1 190px;
  }
  form.filters .field.moment {
    flex: 1 1 250px;
  }
  .moment-inputs {
    display: flex;
    gap: 6px;
  }
  .moment-inputs .date-input {
    flex: 1 1 9em;
    min-width: 0;
  }
  .moment-inputs .date-input.time {
    flex: 0 1 6em;
  }
  form.filters label.check {
    display: flex;
    align-items: center;
    gap: 6px;
    font-size: 0.875rem;
    flex: 1 1 200px;
    padding-bottom: 8px;
  }
  form.filters .buttons,
  .buttons {
    display: flex;
    flex-wrap: wrap;
    gap: 8px;
  }
  .alert {
    margin-bottom: 14px;
  }
  .workspace {
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    gap: 14px;
    align-items: start;
  }
  .workspace.with-step {
    grid-template-columns: minmax(0, 1fr) minmax(0, 1.15fr);
  }
  @media (max-width: 1000px) {
    .workspace.with-step {
      grid-template-columns: minmax(0, 1fr);
    }
  }
  section.list ol {
    list-style: none;
    margin: 0;
    padding: 0;
    display: flex;
    flex-direction: column;
    gap: 6px;
  }
  button.row {
    display: flex;
    flex-direction: column;
    align-items: stretch;
    gap: 2px;
    width: 100%;
    text-align: left;
    padding: 8px 12px;
    border: 1px solid var(--crm-border);
    border-radius: var(--crm-radius);
    background: var(--crm-surface);
    font: inherit;
    color: inherit;
    cursor: pointer;
    min-width: 0;
    white-space: normal;
  }
  li.open button.row {
    border-color: var(--crm-primary);
    box-shadow: inset 3px 0 0 var(--crm-primary);
    background: var(--crm-primary-soft);
  }
  button.row .meta,
  .step .meta {
    display: flex;
    flex-wrap: wrap;
    gap: 2px 10px;
    font-size: 0.75rem;
    color: var(--crm-muted);
    align-items: center;
  }
  button.row .meta time {
    font-variant-numeric: tabular-nums;
  }
  button.row .who {
    font-weight: 600;
  }
  .what {
    font-style: italic;
  }
  button.row .subject {
    font-weight: 600;
    overflow-wrap: anywhere;
  }
  button.row .lines {
    display: flex;
    flex-direction: column;
    font-size: 0.8125rem;
    overflow-wrap: anywhere;
  }
  .badge {
    display: inline-block;
    padding: 0 7px;
    border-radius: 999px;
    font-size: 0.75rem;
    font-weight: 600;
  }
  .badge.verified {
    background: var(--crm-success-soft);
    color: var(--crm-success);
  }
  .badge.queried {
    background: #fef3c7;
    color: #92400e;
  }
  button.more {
    margin-top: 10px;
  }
  .keys {
    font-size: 0.75rem;
    margin-top: 10px;
  }
  aside.step {
    padding: 14px 16px;
    position: sticky;
    top: 12px;
    max-height: calc(100vh - 24px);
    overflow: auto;
    min-width: 0;
  }
  .step-nav {
    display: flex;
    gap: 8px;
    align-items: center;
  }
  .step-nav button.icon {
    margin-left: auto;
  }
  aside.step h2.subject {
    margin: 10px 0 4px;
    font-size: 1.125rem;
    overflow-wrap: anywhere;
  }
  table.lines {
    width: 100%;
    border-collapse: collapse;
    margin: 10px 0;
    font-size: 0.875rem;
    table-layout: fixed;
  }
  table.lines th,
  table.lines td {
    text-align: left;
    padding: 5px 6px;
    border-bottom: 1px solid var(--crm-border);
    vertical-align: top;
    overflow-wrap: break-word;
  }
  table.lines th:nth-child(3),
  table.lines td.arrow {
    width: 18px;
    color: var(--crm-muted);
  }
  table.lines td.field-name {
    font-weight: 600;
  }
  table.lines td.before {
    color: var(--crm-danger);
  }
  table.lines td.after {
    color: var(--crm-success);
  }
  table.lines tr.changed td.before,
  table.lines tr.removed td.before {
    text-decoration: line-through;
    text-decoration-color: rgb(180 35 24 / 40%);
  }
  table.lines tr.added td.after,
  table.lines tr.removed td.before {
    font-weight: 600;
  }
  .doc-actions {
    display: flex;
    flex-wrap: wrap;
    gap: 8px;
    margin-bottom: 12px;
  }
  form.mark {
    border-top: 1px solid var(--crm-border);
    padding-top: 10px;
  }
  form.mark .latest {
    font-size: 0.875rem;
    margin: 0 0 8px;
  }
  form.mark q {
    display: block;
    margin-top: 4px;
    padding: 4px 8px;
    background: var(--crm-surface-2);
    border-radius: var(--crm-radius);
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }
  ol.past {
    list-style: none;
    margin: 0;
    padding: 0;
    display: flex;
    flex-direction: column;
    gap: 10px;
  }
  ol.past li {
    padding: 12px 16px;
  }
  ol.past h2 {
    font-size: 1rem;
    margin: 0 0 4px;
  }
  ol.past .note {
    margin-bottom: 6px;
    white-space: pre-wrap;
    margin: 0 0 4px;
  }
  ol.past .counts {
    margin: 0 0 2px;
    font-weight: 600;
  }
  ol.past .areas {
    font-size: 0.8125rem;
    margin: 0 0 8px;
  }
`
