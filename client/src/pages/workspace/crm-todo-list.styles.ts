import { css } from 'lit'

/** crm-todo-list: one line per to-do, its tools shown on hover or focus. */
export const todoListStyles = css`
  :host {
    display: block;
  }
  form.add {
    display: flex;
    gap: 8px;
    margin-bottom: 12px;
  }
  ul {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  li {
    display: flex;
    align-items: center;
    gap: 8px;
    padding: 4px 6px;
    border-radius: var(--crm-radius);
    border: 1px solid transparent;
    position: relative;
  }
  li:hover,
  li:focus-within {
    background: var(--crm-surface-2);
  }
  li input.text {
    border-color: transparent;
    background: transparent;
    min-height: 34px;
    padding: 5px 8px;
    flex: 1;
  }
  li input.text:hover:not(:read-only) {
    border-color: var(--crm-border);
  }
  li input.text:focus-visible {
    background: var(--crm-surface);
  }
  li.done input.text {
    text-decoration: line-through;
    color: var(--crm-muted);
  }
  .tools {
    display: flex;
    gap: 0;
    opacity: 0.35;
  }
  li:hover .tools,
  li:focus-within .tools {
    opacity: 1;
  }
  .others {
    display: flex;
    gap: 2px;
  }
  .others span {
    width: 10px;
    height: 10px;
    border-radius: 50%;
  }
  .summary {
    margin-top: 10px;
    font-size: 0.8125rem;
    color: var(--crm-muted);
  }
  .empty {
    color: var(--crm-muted);
    padding: 8px 6px;
  }
  @media (hover: none) {
    .tools {
      opacity: 1;
    }
  }
`
