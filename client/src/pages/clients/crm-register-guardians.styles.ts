import { css } from 'lit'

/** crm-register-guardians: the guardians card of the registration form (red when the server wants one). */
export const registerGuardiansStyles = css`
  :host {
    display: block;
  }
  .guardians-head {
    display: flex;
    align-items: baseline;
    justify-content: space-between;
    gap: 12px;
  }
  section.guardians.invalid {
    border-color: var(--crm-danger);
    box-shadow: 0 0 0 1px var(--crm-danger);
  }
  .guardian {
    border: 1px solid var(--crm-border);
    border-radius: var(--crm-radius);
    padding: 12px 14px 2px;
    margin-bottom: 12px;
    background: var(--crm-surface-2);
  }
  .guardian-head {
    display: flex;
    justify-content: space-between;
    align-items: center;
    margin-bottom: 8px;
  }
  .known {
    display: flex;
    align-items: center;
    gap: 10px;
    flex-wrap: wrap;
    margin: -6px 0 12px;
  }
  .linked {
    margin: -6px 0 12px;
  }
  .section-error {
    display: block;
    margin: 0 0 12px;
  }
  .add {
    margin-bottom: 14px;
  }
  @media (max-width: 700px) {
    .grid {
      grid-template-columns: 1fr;
    }
  }
`
