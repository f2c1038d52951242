import { LitElement, html } from 'lit'
import { customElement, property } from 'lit/decorators.js'
import type { PageContext } from '../../types'

/** (being built) */
@customElement('crm-staff-employee')
export class CrmStaffEmployee extends LitElement {
  @property({ attribute: false }) ctx!: PageContext
  @property() employeeId = ''

  render() {
    return html``
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'crm-staff-employee': CrmStaffEmployee
  }
}
