import { css } from 'lit'

/** crm-client-observations: the add form above a timeline that scrolls inside the sticky side column. */
export const clientObservationsStyles = css`
  :host {
    display: flex;
    flex-direction: column;
    min-height: 0;
    max-height: 100%;
  }
  section.card {
    display: flex;
    flex-direction: column;
    min-height: 0;
    max-height: 100%;
  }
  .timeline-scroll {
    overflow-y: auto;
    min-height: 0;
    margin: 0 -18px;
    padding: 0 18px;
  }
  .timeline {
    list-style: none;
    margin: 0 0 12px;
    padding: 0;
  }
  .timeline li {
    padding: 10px 0 10px 14px;
    border-left: 3px solid var(--crm-primary-soft);
    margin-left: 4px;
  }
  .timeline li + li {
    margin-top: 2px;
  }
  .obs-meta {
    display: flex;
    gap: 8px;
    flex-wrap: wrap;
    font-size: 0.8125rem;
    color: var(--crm-muted);
    align-items: baseline;
  }
  .obs-meta .author {
    font-weight: 600;
    color: var(--crm-text);
  }
  .obs-text {
    margin-top: 2px;
    white-space: pre-wrap;
  }
  form.observe {
    border-bottom: 1px solid var(--crm-border);
    margin-bottom: 12px;
    padding-bottom: 4px;
  }
  form.observe .row {
    display: flex;
    gap: 8px;
    align-items: flex-end;
  }
  form.observe .row .field {
    flex: 1;
  }
  @media (max-width: 1100px) {
    :host,
    section.card {
      max-height: none;
    }
  }
`
