import { css } from 'lit'

/** The timetable page: its rows (toolbar, filters, banners, my lessons), then the grid and the side panel. */
export const timetablePageStyles = css`
  :host {
    display: flex;
    flex-direction: column;
    gap: 10px;
    padding: 14px 18px 14px;
    height: calc(100vh - var(--crm-header-height));
    min-height: 560px;
  }
  .work {
    flex: 1;
    min-height: 320px;
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    gap: 12px;
  }
  .work.with-panel {
    grid-template-columns: minmax(0, 1fr) 360px;
  }
  crm-timetable-grid {
    min-height: 0;
  }
  crm-lesson-panel {
    min-height: 0;
    max-height: 100%;
  }
  .alert {
    font-size: 0.875rem;
    padding: 7px 10px;
  }
  /* "Highlight since audit": what the dashed outline means, and the lessons removed since */
  .since-legend {
    display: flex;
    align-items: center;
    flex-wrap: wrap;
    gap: 4px 12px;
    font-size: 0.875rem;
    margin: 0;
  }
  .since-legend .swatch {
    flex: none;
    width: 22px;
    height: 14px;
    border-radius: 3px;
    border: 2px dashed var(--crm-audit-outline, #7c3aed);
  }
  .since-legend .removed {
    font-weight: 600;
    color: var(--crm-audit-outline, #7c3aed);
  }
  @media (max-width: 1100px) {
    .work.with-panel {
      grid-template-columns: minmax(0, 1fr) 320px;
    }
  }
  /* a phone: the panel is a screen of its own over the grid (below the header), the grid stays under it */
  @media (max-width: 720px) {
    :host {
      padding: 10px 10px 10px;
    }
    .work.with-panel {
      grid-template-columns: minmax(0, 1fr);
    }
    crm-lesson-panel {
      position: fixed;
      inset: var(--crm-header-height) 0 0 0;
      z-index: 15;
      max-height: none;
      border-radius: 0;
    }
  }
`
