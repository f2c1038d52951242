import { css } from 'lit'

/** crm-registration-settings-page: the mandatory fields, the age categories, the per-category summary, one under another. */
export const registrationSettingsStyles = css`
  .card {
    padding: 14px 16px;
    margin-bottom: 20px;
  }
  fieldset.card {
    border: 1px solid var(--crm-border);
  }
  fieldset.card > legend {
    float: left;
    width: 100%;
  }
  fieldset.card > legend + * {
    clear: both;
  }
  legend,
  h2 {
    font-size: 0.8125rem;
    font-weight: 600;
    text-transform: uppercase;
    letter-spacing: 0.03em;
    color: var(--crm-muted);
    margin: 0 0 8px;
    padding: 0;
  }
  .help {
    font-size: 0.875rem;
    margin-bottom: 12px;
  }
  .checks {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(240px, 1fr));
    gap: 8px 16px;
  }
  .check {
    display: flex;
    align-items: center;
    gap: 8px;
    min-height: 32px;
  }
  .categories table input {
    width: 100%;
    min-width: 4.5em;
  }
  .categories td {
    vertical-align: top;
  }
  td.num input {
    max-width: 7em;
  }
  .categories .actions {
    text-align: end;
    white-space: nowrap;
  }
  #add {
    margin-top: 10px;
  }
  .field-error {
    display: block;
  }
  .scroll {
    overflow-x: auto;
  }
  .matrix th[scope='row'] {
    min-width: 12em;
    text-transform: none;
    letter-spacing: normal;
    font-size: 0.875rem;
    font-weight: 500;
    color: var(--crm-text);
  }
  .matrix td {
    white-space: nowrap;
  }
  .matrix tbody tr:last-child th {
    border-bottom: 0;
  }
  .matrix .ages {
    display: block;
    font-weight: 400;
    font-size: 0.8125rem;
  }
  .matrix td.yes {
    font-weight: 600;
  }
  .matrix td,
  .matrix thead th {
    text-align: center;
  }
  .matrix td.cell input {
    width: 20px;
    height: 20px;
    margin: 0;
    accent-color: var(--crm-primary, currentColor);
  }
  .form-actions.bar {
    display: flex;
    justify-content: flex-end;
    align-items: center;
    gap: 12px;
    padding: 4px 0 10px;
  }
`
