import { css } from 'lit'

/** The timetable's second row: filters, row height, legend, and whether the week is saved. */
export const filtersStyles = css`
  :host {
    display: block;
  }
  .filters {
    display: flex;
    align-items: center;
    gap: 8px;
    flex-wrap: wrap;
  }
  .filters select {
    width: auto;
    min-height: 32px;
    padding: 3px 8px;
    font-size: 0.875rem;
    /* wide enough for "All teachers" in Armenian and Russian (Բոլոր ուսուցիչները, Все преподаватели) */
    max-width: 200px;
  }
  .filters label {
    font-size: 0.8125rem;
    color: var(--crm-muted);
  }
  .syncing {
    font-size: 0.8125rem;
    color: var(--crm-muted);
  }
  .spacer {
    flex: 1;
  }
  .legend {
    display: flex;
    gap: 8px;
    font-size: 0.75rem;
    color: var(--crm-muted);
    flex-wrap: wrap;
  }
  .legend i {
    display: inline-block;
    width: 12px;
    height: 10px;
    border-radius: 2px;
    margin-right: 4px;
    vertical-align: -1px;
    border: 1px solid #aab;
  }
  .legend .clash {
    border: 2px solid var(--crm-danger);
  }
  .legend .red {
    background: #fbe3e0;
    border-left: 3px solid var(--crm-danger);
  }
  .legend .invalid {
    background: repeating-linear-gradient(135deg, rgb(0 0 0 / 18%) 0 3px, transparent 3px 6px);
  }
  .legend .done {
    background: var(--crm-success);
  }
`
