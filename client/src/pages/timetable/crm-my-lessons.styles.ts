import { css } from 'lit'

/** "My lessons today": a strip of the teacher's lessons, one button each. */
export const myLessonsStyles = css`
  :host {
    display: block;
  }
  section {
    padding: 8px 12px;
    display: flex;
    align-items: center;
    gap: 12px;
  }
  h2 {
    font-size: 1rem;
    flex: none;
    margin: 0;
    width: 6.5em;
    line-height: 1.2;
  }
  ul {
    list-style: none;
    margin: 0;
    padding: 2px;
    display: flex;
    gap: 8px;
    overflow-x: auto;
    min-width: 0;
  }
  li {
    flex: none;
  }
  li button {
    display: flex;
    flex-direction: column;
    align-items: flex-start;
    gap: 0;
    min-width: 170px;
    max-width: 260px;
    padding: 4px 10px;
    text-align: left;
    border-left: 4px solid var(--c, var(--crm-primary));
    line-height: 1.3;
    font-size: 0.875rem;
  }
  li button span {
    max-width: 100%;
    overflow: hidden;
    text-overflow: ellipsis;
  }
  .time {
    font-weight: 700;
    font-variant-numeric: tabular-nums;
  }
  .sub {
    font-size: 0.8125rem;
    color: var(--crm-muted);
  }
  .done {
    color: var(--crm-success);
    font-weight: 600;
  }
  .cancelled {
    text-decoration: line-through;
  }
  .clash {
    color: var(--crm-danger);
    font-weight: 600;
  }
`
