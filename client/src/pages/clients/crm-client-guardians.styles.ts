import { css } from 'lit'

/** crm-client-guardians: one tinted box per guardian, and the new-guardian form. */
export const clientGuardiansStyles = css`
  :host {
    display: block;
  }
  .guardian {
    border: 1px solid var(--crm-border);
    border-radius: var(--crm-radius);
    padding: 10px 12px 0;
    margin-bottom: 12px;
    background: var(--crm-surface-2);
  }
  .guardian .field input:not([readonly]) {
    background: var(--crm-surface);
  }
  .guardian-head {
    display: flex;
    align-items: center;
    justify-content: space-between;
    margin-bottom: 6px;
  }
  .problem {
    margin-bottom: 10px;
  }
  .new-actions {
    margin-bottom: 10px;
  }
`
