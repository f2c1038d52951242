import { css, html } from 'lit'

/** The Clubroom mark: a "C" on the primary colour, as large as `--logo-size` (28px). */
export const logo = html`<span class="logo" aria-hidden="true">C</span>`

export const logoStyles = css`
  .logo {
    width: var(--logo-size, 28px);
    height: var(--logo-size, 28px);
    border-radius: calc(var(--logo-size, 28px) / 4);
    background: var(--crm-primary);
    color: var(--crm-on-primary);
    display: grid;
    place-items: center;
    font-weight: 700;
  }
`
