import { type CSSResultGroup, css } from 'lit'
import { customElement } from 'lit/decorators.js'
import { CrmDataTable } from '../../components/crm-data-table'
import type { ClientListItem } from '../../data/clients'
import { clientStyles } from './shared'

/**
 * The client list's table: crm-data-table plus the Clients styles its cells use (rows render
 * inside the table's shadow root, so the page's own styles do not reach them).
 */
@customElement('crm-client-table')
export class CrmClientTable extends CrmDataTable<ClientListItem> {
  static styles: CSSResultGroup = [
    CrmDataTable.styles,
    clientStyles,
    css`
      .name a {
        font-weight: 600;
        color: var(--crm-text);
        text-decoration: none;
      }
      .name a:hover {
        text-decoration: underline;
        color: var(--crm-primary);
      }
      .name a:focus-visible {
        outline-offset: 1px;
      }
      .name .first {
        font-weight: 400;
      }
      .phone {
        font-variant-numeric: tabular-nums;
      }
      .age {
        font-variant-numeric: tabular-nums;
      }
    `,
  ]
}

declare global {
  interface HTMLElementTagNameMap {
    'crm-client-table': CrmClientTable
  }
}
