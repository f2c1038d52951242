import { css } from 'lit'

/**
 * crm-toasts: short messages stacked at the bottom left of the page, beside the menu: never over a
 * side panel's buttons (the lesson panel, 320–360 px at the right), which the right corner covered.
 */
export const toastsStyles = css`
  :host {
    position: fixed;
    left: 16px;
    bottom: 16px;
    z-index: 100;
    display: flex;
    flex-direction: column;
    gap: 8px;
    /* the room left of a side panel (360 px and its margins) */
    width: max-content;
    max-width: max(240px, min(380px, calc(100vw - 420px)));
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
  @media (min-width: 901px) {
    :host {
      left: calc(var(--crm-sidebar-width) + 16px);
      max-width: max(240px, min(380px, calc(100vw - var(--crm-sidebar-width) - 420px)));
    }
  }
  /* a phone: the panel fills the screen, so the toasts go to the top, under the header */
  @media (max-width: 640px) {
    :host {
      left: 8px;
      right: 8px;
      bottom: auto;
      top: calc(var(--crm-header-height) + 8px);
      width: auto;
      max-width: none;
    }
  }
  @media print {
    :host {
      display: none;
    }
  }
`
