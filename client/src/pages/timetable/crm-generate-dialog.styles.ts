import { css } from 'lit'

/** "Generate lessons": the date range side by side, then the numbers and clashes found. */
export const generateDialogStyles = css`
  .two {
    display: grid;
    grid-template-columns: 1fr 1fr;
    gap: 10px;
  }
  .result {
    margin: 6px 0 12px;
  }
  .numbers {
    display: flex;
    gap: 18px;
    margin-bottom: 8px;
  }
  .numbers strong {
    font-size: 1.4rem;
    display: block;
  }
  ul {
    margin: 4px 0 0;
    padding-left: 18px;
    max-height: 220px;
    overflow: auto;
    font-size: 0.875rem;
  }
`
