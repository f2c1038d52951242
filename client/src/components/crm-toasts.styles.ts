import { css } from 'lit'

/** crm-toasts: short messages stacked at the bottom right. */
export const toastsStyles = css`
  :host {
    position: fixed;
    right: 16px;
    bottom: 16px;
    z-index: 100;
    display: flex;
    flex-direction: column;
    gap: 8px;
    max-width: min(420px, calc(100vw - 32px));
    /* never in the way: a drag or click on the grid under a toast reaches the grid */
    pointer-events: none;
  }
  section {
    display: flex;
    flex-direction: column;
    gap: 8px;
  }
  div {
    display: flex;
    align-items: flex-start;
    gap: 10px;
    padding: 10px 8px 10px 14px;
    border-radius: var(--crm-radius);
    background: #1f2a28;
    color: #fff;
    box-shadow: 0 8px 24px rgb(16 24 40 / 25%);
    pointer-events: none;
  }
  span {
    flex: 1;
    min-width: 0;
    overflow-wrap: anywhere;
  }
  button {
    pointer-events: auto;
    flex: none;
    border: none;
    background: transparent;
    color: inherit;
    font: inherit;
    font-size: 1.125rem;
    line-height: 1;
    width: 26px;
    height: 26px;
    margin: -3px 0;
    border-radius: 50%;
    cursor: pointer;
    opacity: 0.85;
  }
  button:hover,
  button:focus-visible {
    opacity: 1;
    background: rgb(255 255 255 / 18%);
  }
  button:focus-visible {
    outline: 2px solid #fff;
  }
  .error {
    background: var(--crm-danger);
  }
  .success {
    background: var(--crm-success);
  }
`
