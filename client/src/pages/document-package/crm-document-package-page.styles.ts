import { css } from 'lit'

/** crm-document-package-page: the "Generate now" form above the list of packages. */
export const documentPackagePageStyles = css`
  section {
    margin-bottom: 20px;
  }
  h2 {
    font-size: 0.8125rem;
    font-weight: 600;
    text-transform: uppercase;
    letter-spacing: 0.03em;
    color: var(--crm-muted);
    margin: 0 0 8px;
  }
  .generate {
    padding: 14px 16px;
    margin-bottom: 20px;
  }
  .generate .row {
    display: flex;
    flex-wrap: wrap;
    align-items: flex-end;
    gap: 10px 14px;
  }
  .generate .field {
    display: flex;
    flex-direction: column;
    gap: 4px;
    min-width: 12rem;
  }
  .generate button {
    margin-bottom: 2px;
  }
  .empty {
    padding: 14px 16px;
  }
`

/** The list's cells: periods and sizes on one line, the download at the right. */
export const documentPackageCellStyles = css`
  .period,
  .num {
    white-space: nowrap;
  }
  .num {
    text-align: end;
  }
`
