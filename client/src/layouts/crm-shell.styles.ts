import { css } from 'lit'

/**
 * crm-shell: header, sidebar and page; below 900 px the sidebar slides in behind a menu button, and
 * below 720 px the account (name, roles, language, Sign out) opens from a button of its own.
 */
export const shellStyles = css`
  :host {
    display: grid;
    grid-template-columns: var(--crm-sidebar-width) 1fr;
    grid-template-rows: var(--crm-header-height) 1fr;
    grid-template-areas: 'header header' 'nav main';
    min-height: 100vh;
  }
  header {
    grid-area: header;
    position: sticky;
    top: 0;
    z-index: 20;
    display: flex;
    align-items: center;
    gap: 12px;
    padding: 0 16px 0 20px;
    background: var(--crm-surface);
    border-bottom: 1px solid var(--crm-border);
  }
  .brand {
    display: flex;
    align-items: center;
    gap: 9px;
    font-weight: 700;
    font-size: 1.1rem;
    color: var(--crm-text);
    text-decoration: none;
  }
  .logo {
    font-size: 0.95rem;
  }
  .menu-button,
  .account-button {
    display: none;
  }
  .account-button svg {
    width: 22px;
    height: 22px;
  }
  .account-button[aria-expanded='true'] {
    background: var(--crm-surface-2);
  }
  .spacer {
    flex: 1;
  }
  .account {
    display: flex;
    align-items: center;
    gap: 12px;
    min-width: 0;
  }
  .who {
    display: flex;
    flex-direction: column;
    align-items: flex-end;
    line-height: 1.2;
    min-width: 0;
  }
  .who .name {
    font-weight: 600;
    white-space: nowrap;
    overflow: hidden;
    text-overflow: ellipsis;
    max-width: 260px;
  }
  .who .roles {
    font-size: 0.8125rem;
    color: var(--crm-muted);
  }
  .live-dot {
    width: 8px;
    height: 8px;
    border-radius: 50%;
    background: var(--crm-muted);
    flex: none;
  }
  .live-dot.connected {
    background: #22a06b;
  }
  nav {
    grid-area: nav;
    position: sticky;
    top: var(--crm-header-height);
    height: calc(100vh - var(--crm-header-height));
    overflow-y: auto;
    padding: 14px 10px;
    background: var(--crm-surface);
    border-right: 1px solid var(--crm-border);
  }
  nav ul {
    list-style: none;
    margin: 0;
    padding: 0;
    display: flex;
    flex-direction: column;
    gap: 2px;
  }
  nav a {
    display: block;
    overflow-wrap: anywhere;
    padding: 8px 12px;
    border-radius: var(--crm-radius);
    color: var(--crm-text);
    text-decoration: none;
    font-weight: 500;
  }
  nav a:hover {
    background: var(--crm-surface-2);
  }
  nav a[aria-current='page'] {
    background: var(--crm-primary-soft);
    color: var(--crm-primary-hover);
    font-weight: 600;
  }
  main {
    grid-area: main;
    min-width: 0;
  }
  main:focus {
    outline: none;
  }
  .scrim {
    display: none;
  }
  .load-error {
    margin: 24px 28px;
  }
  @media (max-width: 900px) {
    :host {
      grid-template-columns: 1fr;
      grid-template-areas: 'header' 'main';
    }
    .menu-button {
      display: inline-flex;
    }
    nav {
      position: fixed;
      z-index: 30;
      left: 0;
      top: var(--crm-header-height);
      width: min(280px, 85vw);
      transform: translateX(-100%);
      transition: transform 0.18s ease-out;
      box-shadow: none;
    }
    :host([menu-open]) nav {
      transform: none;
      box-shadow: 0 12px 32px rgb(16 24 40 / 25%);
    }
    :host([menu-open]) .scrim {
      display: block;
      position: fixed;
      inset: var(--crm-header-height) 0 0 0;
      z-index: 25;
      background: rgb(16 24 40 / 30%);
    }
    .who .roles {
      display: none;
    }
    .who .name {
      max-width: 160px;
    }
  }
  @media (max-width: 720px) {
    header {
      gap: 8px;
      padding: 0 8px 0 10px;
    }
    .account-button {
      display: inline-flex;
      min-width: 40px;
      min-height: 40px;
      color: var(--crm-text);
    }
    .account {
      display: none;
    }
    :host([account-open]) .account {
      display: flex;
      flex-direction: column;
      align-items: stretch;
      gap: 10px;
      position: absolute;
      z-index: 40;
      top: calc(100% + 4px);
      right: 8px;
      width: max-content;
      min-width: 200px;
      max-width: calc(100vw - 16px);
      padding: 12px;
      background: var(--crm-surface);
      border: 1px solid var(--crm-border);
      border-radius: var(--crm-radius);
      box-shadow: 0 12px 32px rgb(16 24 40 / 25%);
    }
    .who {
      align-items: flex-start;
      gap: 2px;
    }
    .who .name {
      max-width: none;
      white-space: normal;
      overflow-wrap: anywhere;
    }
    .who .roles {
      display: block;
    }
    .account crm-language-picker,
    .account crm-language-picker + button {
      width: 100%;
    }
  }
  @media (prefers-reduced-motion: reduce) {
    nav {
      transition: none;
    }
  }
  /* printing (a client's progress, a list): the page only, without the header and the menu */
  @media print {
    :host {
      display: block;
      min-height: 0;
    }
    header,
    nav,
    .scrim {
      display: none !important;
    }
  }
`
