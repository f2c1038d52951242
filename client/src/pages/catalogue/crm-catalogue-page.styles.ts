import { css } from 'lit'

/** crm-catalogue-page: the toolbar and table come from setup-list.styles. */
export const cataloguePageStyles = css``

/** The catalogue's cells. */
export const catalogueCellStyles = css`
  .chip {
    font-size: 0.75rem;
    white-space: normal;
  }
`
