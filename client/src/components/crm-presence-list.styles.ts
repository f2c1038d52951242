import { css } from 'lit'

/** crm-presence-list: overlapping coloured avatars. */
export const presenceListStyles = css`
  :host {
    display: inline-flex;
  }
  ul {
    display: flex;
    align-items: center;
    list-style: none;
    margin: 0;
    padding: 0;
  }
  li {
    margin-left: -6px;
  }
  li:first-child {
    margin-left: 0;
  }
  .avatar {
    width: 32px;
    height: 32px;
    border-radius: 50%;
    display: grid;
    place-items: center;
    color: #fff;
    font-size: 0.75rem;
    font-weight: 700;
    letter-spacing: 0.02em;
    border: 2px solid var(--crm-surface);
    box-shadow: 0 0 0 1px rgb(16 24 40 / 8%);
    cursor: default;
  }
  .more {
    background: var(--crm-surface-2);
    color: var(--crm-muted);
  }
`
