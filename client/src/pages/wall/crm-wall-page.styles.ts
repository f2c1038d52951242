import { css } from 'lit'

/** The kiosk page: the whole screen, large type that grows with it, dark or light. */
export const wallPageStyles = css`
  :host {
    --page-bg: #f5f6f4;
    --page-text: #1f2a28;
    --page-muted: #5e6b68;
    --page-border: #d9dedb;
    --page-live: #1f7a3d;
    --page-away: #8a5a00;
    display: flex;
    flex-direction: column;
    height: 100vh;
    overflow: hidden;
    background: var(--page-bg);
    color: var(--page-text);
    font-size: clamp(14px, 1.05vw, 30px);
    padding: 1em 1.25em;
  }
  :host([theme='dark']) {
    --page-bg: #0f1514;
    --page-text: #eef3f1;
    --page-muted: #a3b3af;
    --page-border: #2e3b39;
    --page-live: #7ddc9a;
    --page-away: #ffcc66;
    color-scheme: dark;
  }
  crm-wall-board {
    flex: 1;
    min-height: 0;
  }
  @media (max-width: 1100px) {
    :host {
      height: auto;
      min-height: 100vh;
      overflow: visible;
    }
  }
  header {
    display: flex;
    align-items: center;
    gap: 1em;
    flex-wrap: wrap;
    margin-bottom: 1em;
  }
  h1 {
    font-size: 1.8em;
    font-weight: 700;
    margin: 0;
  }
  .clock {
    font-size: 1.4em;
    font-variant-numeric: tabular-nums;
    color: var(--page-muted);
  }
  .spacer {
    flex: 1;
  }
  .status {
    display: inline-flex;
    align-items: center;
    gap: 0.4em;
    color: var(--page-muted);
  }
  .status::before {
    content: '';
    width: 0.7em;
    height: 0.7em;
    border-radius: 50%;
    background: var(--page-away);
  }
  .status.live::before {
    background: var(--page-live);
  }
  button,
  select {
    font: inherit;
    font-size: 0.85em;
    color: inherit;
    background: transparent;
    border: 1px solid var(--page-border);
    border-radius: 0.4em;
    padding: 0.3em 0.7em;
    cursor: pointer;
  }
  select option {
    color: #1f2a28;
  }
  .message {
    display: grid;
    place-items: center;
    min-height: 70vh;
    text-align: center;
  }
  .message h1 {
    margin-bottom: 0.5em;
  }
  .message p {
    font-size: 1.3em;
    color: var(--page-muted);
    max-width: 40em;
  }
  .message a {
    display: inline-block;
    margin-top: 1em;
    font-size: 1.3em;
    color: inherit;
  }
`
