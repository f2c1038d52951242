import { css } from 'lit'

/** crm-lesson-makeup: the "Make-up" button, then the clients holding a usable credit, each with "Add". */
export const lessonMakeUpStyles = css`
  :host {
    display: block;
    margin-top: 14px;
    padding-top: 12px;
    border-top: 1px solid var(--crm-border);
  }
  h3 {
    font-size: 0.95rem;
    margin: 10px 0 4px;
  }
  .lead,
  .empty {
    color: var(--crm-muted);
    font-size: 0.875rem;
    margin: 0 0 8px;
  }
  ul {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: 6px;
  }
  li {
    display: flex;
    gap: 8px;
    align-items: center;
    justify-content: space-between;
    flex-wrap: wrap;
    padding: 6px 8px;
    border: 1px solid var(--crm-border);
    border-radius: var(--crm-radius);
  }
  li .who {
    display: flex;
    flex-direction: column;
    min-width: 0;
  }
  li .credit {
    color: var(--crm-muted);
    font-size: 0.8125rem;
  }
`
