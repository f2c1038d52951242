import { css } from 'lit'

/** crm-workspace-page: to-dos and notes beside the history (sticky while scrolling). */
export const workspacePageStyles = css`
  :host {
    max-width: 1320px;
  }
  .status {
    display: flex;
    align-items: center;
    gap: 14px;
    flex-wrap: wrap;
  }
  .date {
    color: var(--crm-muted);
  }
  .layout {
    display: grid;
    grid-template-columns: minmax(0, 1fr) 340px;
    gap: 20px;
    align-items: start;
  }
  .main {
    display: flex;
    flex-direction: column;
    gap: 20px;
    min-width: 0;
  }
  section.card {
    padding: 16px 18px 18px;
  }
  section.card > h2 {
    margin-bottom: 12px;
  }
  aside.card {
    padding: 16px 18px;
    position: sticky;
    top: calc(var(--crm-header-height) + 16px);
    max-height: calc(100vh - var(--crm-header-height) - 32px);
    overflow-y: auto;
  }
  aside h2 {
    margin-bottom: 4px;
  }
  .banner {
    margin-bottom: 16px;
  }
  .loading {
    color: var(--crm-muted);
  }
  @media (max-width: 1100px) {
    .layout {
      grid-template-columns: minmax(0, 1fr);
    }
    aside.card {
      position: static;
      max-height: none;
    }
  }
`
