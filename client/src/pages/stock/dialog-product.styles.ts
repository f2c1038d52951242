import { css } from 'lit'

/** The product dialog: fields three and two to a row, one below another on a narrow screen. */
export const dialogProductStyles = css`
  .row2,
  .row3 {
    display: grid;
    gap: 0 12px;
    align-items: start;
  }
  .row2 {
    grid-template-columns: repeat(2, minmax(0, 1fr));
  }
  .row3 {
    grid-template-columns: repeat(3, minmax(0, 1fr));
  }
  .current {
    align-self: center;
  }
  @media (max-width: 640px) {
    .row2,
    .row3 {
      grid-template-columns: 1fr;
    }
  }
`
