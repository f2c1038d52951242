import { css } from 'lit'

/** The Clubroom mark (`logo`): a rounded square as large as `--logo-size` (28px). */
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
