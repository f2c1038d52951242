import { css } from 'lit'

/** crm-group-detail: the group's facts, then its roster and waiting list in cards. */
export const groupDetailStyles = css`
  :host {
    display: block;
  }
  .back {
    display: inline-block;
    margin-bottom: 10px;
  }
  .page-header {
    display: flex;
    align-items: flex-start;
    justify-content: space-between;
    gap: 16px;
    flex-wrap: wrap;
    margin-bottom: 16px;
  }
  h1 {
    overflow-wrap: anywhere;
  }
  .facts {
    color: var(--crm-muted);
    margin-top: 4px;
  }
  .buttons {
    display: flex;
    gap: 8px;
    flex-wrap: wrap;
  }
  section.card {
    margin-bottom: 18px;
  }
  section header {
    display: flex;
    align-items: center;
    gap: 8px 14px;
    flex-wrap: wrap;
    padding: 14px 18px 10px;
    border-bottom: 1px solid var(--crm-border);
  }
  section header h2 {
    font-size: 1.0625rem;
  }
  section header button {
    margin-inline-start: auto;
  }
  section:focus {
    outline: none;
  }
  .empty {
    padding: 16px 18px;
  }
`

/** The roster's and waiting list's cells. */
export const groupDetailCellStyles = css`
  .row.focus,
  tr.focus {
    background: var(--crm-primary-soft, #eef3ff);
  }
`
