import { css } from 'lit'

/** crm-client-filters: search, selects and checkboxes wrapping in a card; the timetable filters on a second row. */
export const clientFiltersStyles = css`
  :host {
    display: block;
    flex: none;
  }
  form.filters {
    display: flex;
    flex-wrap: wrap;
    align-items: flex-end;
    gap: 10px 14px;
    padding: 12px 14px;
    margin-bottom: 12px;
  }
  form.filters .field {
    margin: 0;
  }
  .search {
    flex: 2 1 220px;
  }
  /* a select is as wide as its chosen option (in any language), at least 150px, never wider than the card */
  .select {
    flex: 0 1 auto;
    min-width: 150px;
    max-width: 100%;
  }
  .select select {
    field-sizing: content;
    min-width: 150px;
    max-width: 100%;
  }
  .select.group select {
    min-width: 240px;
  }
  /* the filters that join the timetable start a second row */
  .row-break {
    flex-basis: 100%;
    height: 0;
  }
  .checks {
    display: flex;
    gap: 14px;
    align-items: center;
    min-height: 38px;
    flex-wrap: wrap;
  }
  .checks label {
    display: inline-flex;
    align-items: center;
    gap: 6px;
    font-size: 0.9375rem;
    white-space: nowrap;
  }
`
