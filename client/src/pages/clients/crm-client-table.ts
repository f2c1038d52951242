import { type CSSResultGroup } from 'lit'
import { customElement } from 'lit/decorators.js'
import { CrmDataTable } from '../../components/crm-data-table'
import type { ClientListItem } from '../../data/clients'
import { clientStyles } from './shared.styles'
import { clientTableStyles } from './crm-client-table.styles'

/**
 * The client list's table: crm-data-table plus the Clients styles its cells use (rows render
 * inside the table's shadow root, so the page's own styles do not reach them).
 */
@customElement('crm-client-table')
export class CrmClientTable extends CrmDataTable<ClientListItem> {
  static styles: CSSResultGroup = [CrmDataTable.styles, clientStyles, clientTableStyles]
}

declare global {
  interface HTMLElementTagNameMap {
    'crm-client-table': CrmClientTable
  }
}
