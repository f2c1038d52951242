import { css } from 'lit'

/** The registration form's cards: used by the form and by its guardians section alike. */
export const registerCardStyles = css`
  section.card {
    padding: 18px 20px 6px;
  }
  section.card > h2 {
    margin-bottom: 4px;
  }
  section.card > .hint {
    margin-bottom: 12px;
  }
  .grid {
    display: grid;
    grid-template-columns: repeat(2, minmax(0, 1fr));
    gap: 0 16px;
  }
  .req {
    color: var(--crm-danger);
    margin-left: 2px;
  }
  .opt {
    color: var(--crm-muted);
    font-weight: 400;
  }
  .check {
    display: flex;
    align-items: center;
    gap: 8px;
    font-weight: 500;
  }
`
