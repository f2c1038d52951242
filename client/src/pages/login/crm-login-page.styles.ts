import { css } from 'lit'

/** crm-login-page: one centred card. */
export const loginPageStyles = css`
  :host {
    display: grid;
    place-items: center;
    min-height: 100vh;
    padding: 24px 16px;
  }
  .box {
    width: min(400px, 100%);
    padding: 32px 28px 28px;
  }
  .top {
    display: flex;
    align-items: flex-start;
    justify-content: space-between;
    gap: 12px;
    margin-bottom: 6px;
  }
  .brand {
    display: flex;
    align-items: center;
    gap: 10px;
  }
  .logo {
    --logo-size: 36px;
    font-size: 1.2rem;
  }
  h1 {
    font-size: 1.6rem;
  }
  .lead {
    color: var(--crm-muted);
    margin-bottom: 22px;
  }
  .alert {
    margin-bottom: 16px;
  }
  button.primary {
    width: 100%;
    min-height: 42px;
    margin-top: 6px;
  }
`
