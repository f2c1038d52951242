import { css } from 'lit'

/** crm-dialog-pick-client: the results as a list of buttons. */
export const dialogPickClientStyles = css`
  .results {
    min-height: 48px;
    max-height: 320px;
    overflow-y: auto;
    margin: 4px 0 8px;
  }
  ul {
    list-style: none;
    margin: 0;
    padding: 0;
    display: flex;
    flex-direction: column;
    gap: 4px;
  }
  button.pick {
    width: 100%;
    display: flex;
    justify-content: space-between;
    gap: 12px;
    text-align: start;
  }
  .name {
    font-weight: 600;
    overflow-wrap: anywhere;
  }
`
