import { css } from 'lit'

/** The timetable's top row: title, branch, day or week, date navigation, who is here, Generate. */
export const toolbarStyles = css`
  :host {
    display: block;
  }
  .top {
    display: flex;
    align-items: center;
    gap: 8px 10px;
    flex-wrap: wrap;
  }
  h1 {
    font-size: 1.25rem;
    margin-right: 4px;
  }
  /* the day or week shown: on two lines rather than cut where the words are long (Armenian, Russian) */
  .when {
    font-weight: 600;
    line-height: 1.2;
    text-wrap: balance;
    overflow-wrap: anywhere;
    max-height: 2.4em;
    overflow: hidden;
    min-width: 6em;
    flex: 0 1 auto;
  }
  .nav {
    display: inline-flex;
    align-items: center;
    gap: 4px;
  }
  .spacer {
    flex: 1;
  }
  /* "Highlight since audit": the outline's colour beside it, so the toggle explains the grid */
  .highlight {
    display: inline-flex;
    align-items: center;
    gap: 6px;
    min-height: 32px;
    padding: 3px 10px 3px 8px;
    border: 2px dashed var(--crm-audit-outline, #7c3aed);
    border-radius: var(--crm-radius);
    font-size: 0.875rem;
    cursor: pointer;
    white-space: nowrap;
  }
  .highlight input {
    margin: 0;
    accent-color: var(--crm-audit-outline, #7c3aed);
  }
  .seg {
    display: inline-flex;
    border: 1px solid var(--crm-border);
    border-radius: var(--crm-radius);
    overflow: hidden;
  }
  .seg button {
    border: none;
    border-radius: 0;
    min-height: 32px;
    padding: 4px 12px;
  }
  .seg button[aria-pressed='true'] {
    background: var(--crm-primary-soft);
    color: var(--crm-primary-hover);
    font-weight: 600;
  }
  .top select,
  .top .date-input input.entry {
    width: auto;
    min-height: 32px;
    padding: 3px 8px;
    font-size: 0.875rem;
    max-width: 160px;
  }
  .top .date-input input.entry {
    width: 136px;
    padding-right: 34px;
  }
  .top .date-input button.pick {
    width: 30px;
  }
  button.small {
    min-height: 32px;
  }
  /* one row at desktop widths: the date label gives way (a second line) to the people here */
  @media (min-width: 1200px) {
    .top {
      flex-wrap: nowrap;
    }
    .top > * {
      flex: none;
    }
    .top > .when {
      flex: 0 1 auto;
    }
  }
`
