import { css } from 'lit'

/** The passes page's tabs: a toolbar over a card. */
export const passTabStyles = css`
  :host {
    display: flex;
    flex-direction: column;
    gap: 16px;
  }
  .card {
    padding: 16px 18px;
  }
  .toolbar {
    display: flex;
    gap: 12px;
    align-items: flex-end;
    flex-wrap: wrap;
  }
  .toolbar .field {
    margin: 0;
  }
  .toolbar .spacer {
    flex: 1;
  }
  h2 {
    margin-bottom: 10px;
  }
`
