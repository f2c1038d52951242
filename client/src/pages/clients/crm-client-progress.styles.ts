import { css } from 'lit'

/** crm-client-progress: the assessment and its charts, with the observations and achievements beside them; printable. */
export const clientProgressStyles = css`
  :host {
    display: block;
  }
  section.card {
    padding: 18px 20px;
  }
  .head {
    display: flex;
    justify-content: space-between;
    align-items: flex-start;
    gap: 12px;
    margin-bottom: 12px;
  }
  .layout {
    display: grid;
    grid-template-columns: minmax(0, 1fr) minmax(220px, 300px);
    grid-template-areas: 'table table' 'main aside';
    gap: 16px 28px;
  }
  .table-area {
    grid-area: table;
  }
  .main {
    grid-area: main;
    min-width: 0;
  }
  aside {
    grid-area: aside;
  }
  h3 {
    font-size: 0.9375rem;
    margin: 14px 0 8px;
  }
  .layout h3 {
    margin-top: 0;
  }
  .main h3 ~ h3 {
    margin-top: 16px;
  }
  .table-wrap {
    overflow-x: auto;
  }
  .assessment th[scope='row'] {
    font-weight: 600;
    text-transform: none;
    letter-spacing: normal;
    font-size: 0.875rem;
    color: var(--crm-text);
    overflow-wrap: anywhere;
  }
  .assessment tbody tr:last-child th {
    border-bottom: 0;
  }
  aside > section + section {
    margin-top: 16px;
  }
  .charts {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(260px, 1fr));
    gap: 16px;
  }
  ul.comments,
  ul.observations,
  ul.achievements {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  ul li {
    padding: 8px 0;
    border-bottom: 1px solid var(--crm-border);
  }
  ul li:last-child {
    border-bottom: 0;
  }
  .text {
    overflow-wrap: anywhere;
  }
  .meta {
    font-size: 0.8125rem;
    margin-top: 2px;
  }
  .empty,
  .few {
    margin-top: 8px;
  }
  .print-only {
    display: none;
  }
  @media (max-width: 900px) {
    .layout {
      grid-template-columns: minmax(0, 1fr);
      grid-template-areas: 'table' 'main' 'aside';
    }
  }
  @media print {
    .no-print {
      display: none;
    }
    .print-only {
      display: block;
    }
    .print-title {
      font-size: 1.125rem;
      font-weight: 600;
    }
    section.card {
      border: 0;
      box-shadow: none;
      padding: 0;
    }
    .layout {
      grid-template-columns: minmax(0, 1fr);
      grid-template-areas: 'table' 'main' 'aside';
    }
    ul li,
    tr {
      break-inside: avoid;
    }
  }
`
